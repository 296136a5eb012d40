package dev.estore.deploy.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.estore.deploy.checks.ServiceSettings.Setting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every setting the manifests may give a service is one that service's app really reads: named in its own code or
 * in a module it is built from (shared, gcp-adapters), either literally or as a {@code @ConfigMapping} prefix whose
 * remaining path segments are methods of that mapping. A setting renamed in the code fails here instead of being
 * silently ignored in production.
 */
class SettingsExistTest {

    private static final List<String> SERVICES = List.of("loader-service", "transform-service", "snapshot-service",
            "semantic-sync-service");
    private static final List<String> BUILT_INTO_EVERY_APP = List.of("shared", "gcp-adapters");
    private static final Pattern MAPPING = Pattern.compile("@ConfigMapping\\(prefix\\s*=\\s*\"([a-z0-9.-]+)\"\\)");

    @Test
    void everySettingIsReadByTheServicesItIsGivenTo() {
        List<String> missing = new ArrayList<>();
        for (Setting setting : ServiceSettings.ALL_SETTINGS) {
            if (!setting.property().startsWith("estore.")) {
                continue; // quarkus.* and PORT are Quarkus' own
            }
            for (String service : SERVICES) {
                if (setting.readBy(service) && !readIn(sourcesOf(service), setting.property())) {
                    missing.add(setting.property() + " is given to " + service + " but nothing in it reads it");
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void theCheckFailsForASettingNoCodeReads() {
        assertThat(readIn(sourcesOf("loader-service"), "estore.loader.object-prefix")).isTrue();
        assertThat(readIn(sourcesOf("loader-service"), "estore.loader.no-such-setting")).isFalse();
        assertThat(readIn(sourcesOf("loader-service"), "estore.omni.base-url")).isFalse();
    }

    static boolean readIn(List<String> sources, String property) {
        for (String source : sources) {
            if (source.contains("\"" + property + "\"") || source.contains("${" + property)
                    || source.contains("\n" + property + "=") || source.contains("%gcp." + property + "=")) {
                return true;
            }
            Matcher mapping = MAPPING.matcher(source);
            while (mapping.find()) {
                String prefix = mapping.group(1);
                if (property.startsWith(prefix + ".") && mapsEverySegment(source,
                        property.substring(prefix.length() + 1))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code push.oidc.audience} needs methods push(), oidc() and audience() in the mapping's file. */
    private static boolean mapsEverySegment(String source, String path) {
        for (String segment : path.split("\\.")) {
            if (!source.contains(" " + camel(segment) + "()")) {
                return false;
            }
        }
        return true;
    }

    private static String camel(String kebab) {
        StringBuilder name = new StringBuilder();
        boolean upper = false;
        for (char c : kebab.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                name.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return name.toString();
    }

    private static List<String> sourcesOf(String service) {
        List<String> texts = new ArrayList<>();
        List<String> modules = new ArrayList<>(BUILT_INTO_EVERY_APP);
        modules.add(service);
        modules.add(service + "/gcp-app");
        for (String module : modules) {
            Path main = DeployFolder.root().resolve(module).resolve("src/main");
            try (Stream<Path> files = Files.walk(main)) {
                for (Path file : new TreeSet<>(files.filter(SettingsExistTest::isSource).toList())) {
                    texts.add(Files.readString(file));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + main, e);
            }
        }
        return texts;
    }

    private static boolean isSource(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".java") || name.equals("application.properties");
    }
}
