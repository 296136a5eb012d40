package dev.estore.runner.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class WriteAccessTest {

    private final WriteAccess withoutToken = new WriteAccess(Optional.empty());
    private final WriteAccess withToken = new WriteAccess(Optional.of("s3cret"));

    @Test
    void withoutATokenWritesAreForThisMachineOnly() {
        assertThat(withoutToken.check("POST", "/runs", null, true)).isEmpty();
        assertThat(withoutToken.check("POST", "/runs", null, false)).hasValueSatisfying(refusal -> {
            assertThat(refusal.status()).isEqualTo(403);
            assertThat(refusal.message()).contains("ESTORE_API_TOKEN");
        });
        assertThat(withoutToken.check("GET", "/runs", null, false)).isEmpty();
        assertThat(withoutToken.check("POST", "/semantic/query", null, false)).isEmpty();
        assertThat(new WriteAccess(Optional.of(" "))).usingRecursiveComparison().isEqualTo(withoutToken);
    }

    @Test
    void withATokenEveryWriteNeedsIt() {
        assertThat(withToken.check("POST", "/loads", "Bearer s3cret", false)).isEmpty();
        assertThat(withToken.check("DELETE", "/loads", "Bearer s3cret", true)).isEmpty();
        for (String wrong : new String[] {null, "", "s3cret", "Bearer", "Bearer s3cre", "Bearer s3cret2", "Basic s3cret"}) {
            assertThat(withToken.check("POST", "/loads", wrong, true)).as(String.valueOf(wrong))
                    .hasValueSatisfying(refusal -> assertThat(refusal.status()).isEqualTo(401));
        }
        assertThat(withToken.check("GET", "/loads", null, false)).isEmpty();
        assertThat(withToken.check("POST", "/semantic/query/sql/", null, false)).isEmpty();
        assertThat(withToken.check("POST", "/semantic/syncs", null, true)).isPresent();
    }
}
