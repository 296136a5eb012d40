package dev.estore.deploy.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.estore.deploy.checks.ServiceSettings.Setting;
import dev.estore.deploy.checks.manifests.CloudRunPlaceholders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** deploy/README.md names only settings the services read, lists all of them, and every manifest placeholder. */
class ReadmeSettingsTest {

    private static final Pattern PROPERTY = Pattern.compile("`((?:estore|quarkus)\\.[a-z0-9.-]+[a-z0-9])`");
    private static final Pattern ENV_NAME = Pattern.compile("\\b((?:ESTORE|QUARKUS)_[A-Z0-9_]+)\\b");

    @Test
    void everySettingNamedIsOneTheServicesRead() throws IOException {
        String readme = readme();
        Set<String> unknown = new TreeSet<>();
        Matcher p = PROPERTY.matcher(readme);
        while (p.find()) {
            if (ServiceSettings.byProperty(p.group(1)).isEmpty() && !p.group(1).startsWith("quarkus.container-image")
                    && !p.group(1).startsWith("quarkus.jib") && !p.group(1).startsWith("quarkus.native")) {
                unknown.add(p.group(1));
            }
        }
        Matcher e = ENV_NAME.matcher(readme);
        while (e.find()) {
            if (ServiceSettings.byEnvName(e.group(1)).isEmpty()) {
                unknown.add(e.group(1));
            }
        }
        assertThat(unknown).isEmpty();
    }

    @Test
    void everySettingIsDocumented() throws IOException {
        String readme = readme();
        for (Setting setting : ServiceSettings.ALL_SETTINGS) {
            assertThat(readme).as(setting.property()).contains("`" + setting.property() + "`");
        }
    }

    @Test
    void everyCloudRunPlaceholderIsDocumented() throws IOException {
        String readme = readme();
        try (Stream<Path> files = Files.list(DeployFolder.cloudRun())) {
            for (Path file : files.toList()) {
                for (String placeholder : CloudRunPlaceholders.in(Files.readString(file))) {
                    assertThat(readme).as(file.getFileName() + " ${" + placeholder + "}").contains("`" + placeholder + "`");
                }
            }
        }
    }

    private static String readme() throws IOException {
        return Files.readString(DeployFolder.deploy().resolve("README.md"));
    }
}
