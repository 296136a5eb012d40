package dev.estore.shared.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ObjectNamesTest {

    private static final Path ROOT = Path.of("/bucket");

    @Test
    void namesAFileSystemWouldReadAsAnotherNameAreRefused() {
        for (String name : new String[] {"./b.csv", "x/../b.csv", ".//b.csv", "b.csv/", "/b.csv", "a//b.csv", ".",
                "..", "", "a/./b.csv", "b.csv\n", "b\u0000.csv"}) {
            assertThat(ObjectNames.problemWith(name)).as("'%s'", name).isPresent();
        }
        for (String name : new String[] {"b.csv", "2019/Oct.csv.gz", "...csv", "a..b.csv", ".hidden.csv", "*.csv",
                "[ab].csv", "caf\u00e9 menu.csv"}) {
            assertThat(ObjectNames.problemWith(name)).as("'%s'", name).isEmpty();
        }
        assertThatThrownBy(() -> ObjectNames.requireCanonical("x/../b.csv"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'..' segment");
    }

    /**
     * The property the ledger relies on, over generated names: a name is accepted exactly when resolving it in a
     * folder changes nothing (no '.', '..', empty or absolute segment is folded away), so two accepted names
     * never reach one file. A fixed seed keeps a failure reproducible; the message names the failing name.
     */
    @Test
    void acceptedExactlyWhenResolvingTheNameIsTheIdentity() {
        Random random = new Random(20261203L);
        char[] alphabet = {'a', '.', '/', '*', '['};
        for (int i = 0; i < 20_000; i++) {
            StringBuilder name = new StringBuilder();
            int length = 1 + random.nextInt(10);
            for (int c = 0; c < length; c++) {
                name.append(alphabet[random.nextInt(alphabet.length)]);
            }
            boolean resolvesToItself = ROOT.resolve(name.toString()).normalize().toString()
                    .equals(ROOT + "/" + name);
            assertThat(ObjectNames.problemWith(name.toString()).isEmpty()).as("'%s'", name)
                    .isEqualTo(resolvesToItself);
        }
    }

    @Test
    void anyNameGetsAnAnswerAndEveryRefusalSaysWhy() {
        Random random = new Random(42L);
        for (int i = 0; i < 5_000; i++) {
            StringBuilder name = new StringBuilder();
            int length = random.nextInt(40);
            for (int c = 0; c < length; c++) {
                name.append((char) random.nextInt(0x3000)); // controls, ASCII, accents, CJK
            }
            ObjectNames.problemWith(name.toString()).ifPresent(problem -> assertThat(problem).isNotBlank());
        }
        assertThat(ObjectNames.problemWith("a".repeat(ObjectNames.MAX_BYTES + 1))).isPresent();
    }
}
