package dev.estore.transform.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.estore.transform.project.ModelProject;
import dev.estore.transform.project.ProjectLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** dbt's selector grammar, operator by operator, on the packaged project's DAG. */
class NodeSelectorTest {

    static final ModelProject PROJECT = ProjectLoader.fromClasspath();
    final NodeSelector selector = new NodeSelector(PROJECT);

    List<String> select(String... specs) {
        return selector.select(List.of(specs), List.of());
    }

    @Test
    void aNameSelectsTheModelAndAGlobEveryMatch() {
        assertThat(select("fct_sessions")).containsExactly("fct_sessions");
        assertThat(select("stg_*")).containsExactly("stg_events_deduped", "stg_product_brands",
                "stg_events_classified", "stg_events");
        assertThat(select()).isEqualTo(PROJECT.buildOrder());
    }

    @Test
    void plusBeforeAddsAncestorsAndAfterAddsDescendants() {
        assertThat(select("+fct_sessions")).containsExactly("stg_events_deduped", "stg_product_brands",
                "stg_events_classified", "stg_events", "fct_events", "int_sessions", "fct_sessions");
        assertThat(select("dim_users+")).containsExactly("dim_users", "dim_user_rfm", "metrics_churn");
        assertThat(select("+dim_user_rfm+")).contains("stg_events_deduped", "dim_users", "dim_user_rfm")
                .doesNotContain("dim_products", "metrics_churn");
    }

    @Test
    void aNumberLimitsTheDepth() {
        assertThat(select("1+fct_sessions")).containsExactly("int_sessions", "fct_sessions");
        assertThat(select("2+fct_sessions")).containsExactly("fct_events", "int_sessions", "fct_sessions");
        assertThat(select("stg_events+1")).containsExactly("stg_events", "fct_events");
    }

    @Test
    void atSelectsDescendantsAndEverythingTheyNeed() {
        List<String> at = select("@dim_users");

        assertThat(at).contains("dim_users", "dim_user_rfm", "metrics_churn", "int_user_activity", "int_sessions",
                "stg_events_deduped");
        assertThat(at).doesNotContain("dim_products", "int_product_pairs");
    }

    @Test
    void methodsSelectByTagPathAndConfig() {
        assertThat(select("tag:customers")).containsExactly("dim_users", "dim_user_rfm", "metrics_churn");
        assertThat(select("path:marts")).contains("fct_events", "dim_users").doesNotContain("stg_events",
                "int_user_activity");
        assertThat(select("path:models/staging/stg_events.sql")).containsExactly("stg_events");
        assertThat(select("config.materialized:view")).containsExactly("stg_events_classified", "stg_events",
                "fct_sessions");
        assertThat(select("config.incremental_strategy:insert_overwrite")).containsExactly("stg_events_deduped",
                "fct_events");
        assertThat(select("tag:nothing-has-this")).isEmpty();
    }

    @Test
    void aCommaIntersectsAndASpaceOrAnotherSelectUnites() {
        assertThat(select("path:marts,config.materialized:table")).containsExactly("dim_user_rfm", "metrics_churn");
        assertThat(select("fct_events dim_products")).containsExactly("fct_events", "dim_products");
        assertThat(select("fct_events", "dim_products")).containsExactly("fct_events", "dim_products");
    }

    @Test
    void excludeRemovesWhatItSelects() {
        assertThat(selector.select(List.of("fct_events+"), List.of("tag:customers dim_products")))
                .contains("fct_events", "fct_sessions", "int_user_activity")
                .doesNotContain("dim_users", "dim_user_rfm", "metrics_churn", "dim_products");
        assertThat(selector.select(List.of(), List.of("path:staging"))).doesNotContain("stg_events")
                .contains("fct_events");
    }

    @Test
    void aTypoIsAnErrorThatNamesTheModels() {
        assertThatThrownBy(() -> select("fct_sesions")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No model named 'fct_sesions'").hasMessageContaining("fct_sessions");
        assertThatThrownBy(() -> select("colour:blue")).hasMessageContaining("Unknown selector method 'colour'");
    }

    @Test
    void stateModifiedSelectsAnEditedModelAndItsChildrenButNotAnEditedDescription(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path dir) throws Exception {
        java.nio.file.Path packaged = java.nio.file.Path.of("src/main/resources/models");
        java.nio.file.Path copy = dir.resolve("models");
        try (var files = java.nio.file.Files.walk(packaged)) {
            for (java.nio.file.Path file : files.toList()) {
                java.nio.file.Path target = copy.resolve(packaged.relativize(file).toString());
                if (java.nio.file.Files.isDirectory(file)) {
                    java.nio.file.Files.createDirectories(target);
                } else {
                    java.nio.file.Files.copy(file, target);
                }
            }
        }
        Manifest production = Manifest.of(ProjectLoader.fromDirectory(copy));
        // written and read back as a later command would (--target-path, then --state)
        Manifest saved = Manifest.readFrom(production.writeTo(dir.resolve("target")).getParent());

        java.nio.file.Path sessions = copy.resolve("intermediate/int_sessions.sql");
        java.nio.file.Files.writeString(sessions, java.nio.file.Files.readString(sessions)
                .replace("as funnel_stage", "as funnel_stage -- edited"));
        java.nio.file.Path products = copy.resolve("marts/dim_products.yml");
        java.nio.file.Files.writeString(products, java.nio.file.Files.readString(products)
                .replaceFirst("description: >", "description: >\n  Edited words only."));
        NodeSelector edited = new NodeSelector(ProjectLoader.fromDirectory(copy), saved);

        assertThat(edited.select(List.of("state:modified"), List.of())).containsExactly("int_sessions");
        assertThat(edited.select(List.of("state:modified+"), List.of()))
                .isEqualTo(selector.select(List.of("int_sessions+"), List.of())).contains("fct_sessions")
                .doesNotContain("dim_products");
        assertThat(new NodeSelector(ProjectLoader.fromDirectory(copy), production)
                .select(List.of("state:new"), List.of())).isEmpty();
        assertThatThrownBy(() -> select("state:modified")).hasMessageContaining("--state DIR");
    }
}
