package dev.estore.semantic.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SemanticModelLoaderTest {

    @TempDir
    Path layer;

    @BeforeEach
    void copyTheTestLayer() throws Exception {
        Path source = Path.of(getClass().getResource("/semantic-test/topics.yml").toURI()).getParent();
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path target = layer.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    @Test
    void theLayerAsWrittenLoads() throws IOException {
        assertThat(SemanticModelLoader.fromDirectory(layer).views()).containsKeys("customers", "orders");
    }

    @Test
    void anUnknownKeyAnywhereStopsTheLoadNamingFileKeyAndTheAllowedKeys() throws IOException {
        Path customers = layer.resolve("views/customers.yml");
        String original = Files.readString(customers);
        for (String[] typo : new String[][] {
                {"primary_key:", "primary_keys: x\nprimary_key:", "primary_keys"},
                {"    type: count", "    type: count\n    format: usd", "format"},
                {"    type: text", "    type: text\n    hidden: true", "hidden"}}) {
            Files.writeString(customers, original.replace(typo[0], typo[1]));
            assertThatThrownBy(() -> SemanticModelLoader.fromDirectory(layer)).as(typo[2])
                    .isInstanceOf(SemanticModelException.class).hasMessageContaining("views/customers.yml")
                    .hasMessageContaining(typo[2]).hasMessageContaining("allowed");
        }
        Files.writeString(customers, original);

        Path topics = layer.resolve("topics.yml");
        Files.writeString(topics, Files.readString(topics).replaceFirst("base_view:", "base: x\n    base_view:"));
        assertThatThrownBy(() -> SemanticModelLoader.fromDirectory(layer)).isInstanceOf(SemanticModelException.class)
                .hasMessageContaining("topics.yml").hasMessageContaining("[base]").hasMessageContaining("base_view");
    }
}
