package dev.estore.semantic.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** estore.semantic.model-dir replaces the packaged definitions with a folder's, as project-dir does for models. */
class SemanticModelFolderTest {

    @Test
    void aFolderReplacesThePackagedDefinitions(@TempDir Path dir) throws Exception {
        Path packaged = Path.of("src/main/resources/semantic");
        try (var files = Files.walk(packaged)) {
            for (Path file : files.toList()) {
                Path target = dir.resolve(packaged.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        Path topics = dir.resolve("topics.yml");
        Files.writeString(topics, Files.readString(topics).replace("Sessions:", "Visits:"));

        assertThat(SemanticLayer.modelOf(Optional.of(dir)).topics()).containsKey("Visits").doesNotContainKey("Sessions");
        assertThat(SemanticLayer.modelOf(Optional.empty()).topics()).containsKey("Sessions");
        assertThatThrownBy(() -> SemanticLayer.modelOf(Optional.of(dir.resolve("missing"))))
                .hasMessageContaining("estore.semantic.model-dir");
    }
}
