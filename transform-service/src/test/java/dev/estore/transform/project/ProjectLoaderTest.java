package dev.estore.transform.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.estore.transform.project.DataTestSpec.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectLoaderTest {

    private static final String B_YML = """
            description: Model b.
            materialized: incremental
            incremental:
              strategy: insert_overwrite
            partition_by:
              field: event_date
            cluster_by: [status]
            columns:
              id:
                description: The id.
                tests: [not_null, unique, non_negative]
              status:
                tests:
                  - accepted_values:
                      values: [new, "it's done"]
              a_id:
                tests:
                  - relationships: {to: a, field: id}
            tests:
              - expression: "id >= a_id"
            """;

    @TempDir
    Path root;

    @BeforeEach
    void writeProject() throws IOException {
        write("project.yml", """
                name: test
                sources:
                  raw: [events, users]
                vars:
                  days: 30
                """);
        write("staging/a.sql", "select id from {{ source('raw', 'events') }}");
        write("marts/b.sql", "select id, status, id as a_id, event_date from {{ ref('a') }}");
        write("marts/b.yml", B_YML);
    }

    @Test
    void schemaComesFromTheFolder() throws IOException {
        ModelProject project = ProjectLoader.fromDirectory(root);

        assertThat(project.model("a").schema()).isEqualTo("staging");
        assertThat(project.model("b").schema()).isEqualTo("marts");
        assertThat(project.schemas()).containsExactly("marts", "staging");
    }

    @Test
    void schemaInMetadataOverridesTheFolder() throws IOException {
        write("staging/a.yml", "schema: intermediate\n");

        assertThat(ProjectLoader.fromDirectory(root).model("a").schema()).isEqualTo("intermediate");
    }

    @Test
    void upstreamComesFromRefs() throws IOException {
        ModelProject project = ProjectLoader.fromDirectory(root);

        assertThat(project.model("a").upstream()).isEmpty();
        assertThat(project.model("b").upstream()).containsExactly("a");
        assertThat(project.downstreamOf("a")).containsExactly("b");
    }

    @Test
    void sourcesAndVarsComeFromProjectYml() throws IOException {
        ModelProject project = ProjectLoader.fromDirectory(root);

        assertThat(project.sources()).isEqualTo(Map.of("raw", List.of("events", "users")));
        assertThat(project.varDefaults()).isEqualTo(Map.of("days", "30"));
    }

    @Test
    void columnAndModelTestsAreParsed() throws IOException {
        ModelDefinition b = ProjectLoader.fromDirectory(root).model("b");

        assertThat(b.description()).isEqualTo("Model b.");
        assertThat(b.columns()).extracting(ColumnSpec::name).containsExactly("id", "status", "a_id");
        assertThat(b.columns().get(0).description()).isEqualTo("The id.");
        assertThat(b.allTests()).containsExactly(
                new DataTestSpec(Kind.NOT_NULL, "id", List.of(), null, null, null),
                new DataTestSpec(Kind.UNIQUE, "id", List.of(), null, null, null),
                new DataTestSpec(Kind.NON_NEGATIVE, "id", List.of(), null, null, null),
                new DataTestSpec(Kind.ACCEPTED_VALUES, "status", List.of("new", "it's done"), null, null, null),
                new DataTestSpec(Kind.RELATIONSHIPS, "a_id", List.of(), "a", "id", null),
                new DataTestSpec(Kind.EXPRESSION, null, List.of(), null, null, "id >= a_id"));
        assertThat(b.tests()).extracting(DataTestSpec::kind).containsExactly(Kind.EXPRESSION);
    }

    @Test
    void incrementalStrategyAndPartitionAreParsed() throws IOException {
        ModelProject project = ProjectLoader.fromDirectory(root);
        ModelDefinition b = project.model("b");

        assertThat(b.materialization()).isEqualTo(Materialization.INCREMENTAL);
        assertThat(b.incrementalStrategy()).isEqualTo(IncrementalStrategy.INSERT_OVERWRITE);
        assertThat(b.partitionBy()).isEqualTo(new PartitionSpec("event_date", "date", "day"));
        assertThat(b.clusterBy()).containsExactly("status");
        assertThat(project.model("a").materialization()).isEqualTo(Materialization.VIEW);
        assertThat(project.model("a").incrementalStrategy()).isNull();
    }

    @Test
    void batchSizeDayLetsAnInsertOverwriteByDayBeWrittenInBatchesAndNothingElse() throws IOException {
        assertThat(ProjectLoader.fromDirectory(root).model("b").incremental().batchedByDay()).isFalse();
        assertThat(ProjectLoader.fromClasspath().model("stg_events_deduped").incremental().batchedByDay()).isTrue();
        assertThat(ProjectLoader.fromClasspath().model("fct_events").incremental().batchedByDay()).isFalse();

        write("marts/b.yml", B_YML.replace("strategy: insert_overwrite", "strategy: insert_overwrite\n  batch_size: day"));
        assertThat(ProjectLoader.fromDirectory(root).model("b").incremental().batchedByDay()).isTrue();

        write("marts/b.yml", B_YML.replace("strategy: insert_overwrite", "strategy: insert_overwrite\n  batch_size: hour"));
        assertThatThrownBy(() -> ProjectLoader.fromDirectory(root)).isInstanceOf(ProjectException.class)
                .hasMessageContaining("b.yml").hasMessageContaining("the one batch size supported is day");

        write("marts/b.yml", B_YML.replace("strategy: insert_overwrite", "strategy: merge\n  batch_size: day")
                .replace("cluster_by", "unique_key: [id]\ncluster_by"));
        assertThatThrownBy(() -> ProjectLoader.fromDirectory(root)).isInstanceOf(ProjectException.class)
                .hasMessageContaining("b.yml").hasMessageContaining("batch_size: day needs strategy insert_overwrite");

        write("marts/b.yml", B_YML.replace("strategy: insert_overwrite",
                "strategy: insert_overwrite\n  batch_size: day\n  also_reads: select 1"));
        assertThatThrownBy(() -> ProjectLoader.fromDirectory(root)).isInstanceOf(ProjectException.class)
                .hasMessageContaining("b.yml").hasMessageContaining("also_reads says the build reads other days");
    }

    @Test
    void writesAreSortedForTheLayoutUnlessAModelSaysItsRowsComeInOrder() throws IOException {
        assertThat(ProjectLoader.fromDirectory(root).model("b").sortOnWrite()).isTrue();

        write("marts/b.yml", B_YML + "sort_on_write: false\n");

        assertThat(ProjectLoader.fromDirectory(root).model("b").sortOnWrite()).isFalse();
        assertThat(ProjectLoader.fromClasspath().model("fct_events").sortOnWrite()).isFalse();

        write("marts/b.yml", B_YML + "sort_on_write: flase\n");

        assertThatThrownBy(() -> ProjectLoader.fromDirectory(root)).isInstanceOf(ProjectException.class)
                .hasMessageContaining("b.yml").hasMessageContaining("sort_on_write is true or false, not 'flase'");
    }

    @Test
    void refToAMissingModelNamesBothModels() throws IOException {
        write("marts/b.sql", "select * from {{ ref('a') }} join {{ ref('zzz') }} using (id)");

        assertThatThrownBy(() -> ProjectLoader.fromDirectory(root))
                .isInstanceOf(ProjectException.class)
                .hasMessageContaining("b.sql")
                .hasMessageContaining("zzz");
    }

    @Test
    void cycleNamesTheModelsOnIt() throws IOException {
        write("staging/a.sql", "select * from {{ ref('b') }}");

        assertThatThrownBy(() -> ProjectLoader.fromDirectory(root))
                .isInstanceOf(ProjectException.class)
                .hasMessageContaining("cycle")
                .hasMessageContaining("[a, b]");
    }

    @Test
    void cycleErrorLeavesOutModelsMerelyDownstreamOfIt() throws IOException {
        write("staging/a.sql", "select * from {{ ref('b') }}");
        write("marts/c.sql", "select * from {{ ref('b') }}");

        assertThatThrownBy(() -> ProjectLoader.fromDirectory(root))
                .isInstanceOf(ProjectException.class)
                .hasMessageContaining("[a, b]")
                .hasMessageNotContaining("c]");
    }

    @Test
    void dbtsListOfColumnsRunsTheSameTestsAsTheMap() throws IOException {
        List<DataTestSpec> fromMap = ProjectLoader.fromDirectory(root).model("b").allTests();
        write("marts/b.yml", """
                description: Model b.
                materialized: incremental
                incremental:
                  strategy: insert_overwrite
                partition_by:
                  field: event_date
                cluster_by: [status]
                columns:
                  - name: id
                    description: The id.
                    data_tests: [not_null, unique, non_negative]
                  - name: status
                    tests:
                      - accepted_values:
                          values: [new, "it's done"]
                  - name: a_id
                    tests:
                      - relationships: {to: a, field: id}
                data_tests:
                  - expression: "id >= a_id"
                """);

        ModelDefinition b = ProjectLoader.fromDirectory(root).model("b");
        assertThat(b.allTests()).isEqualTo(fromMap).hasSize(6);
        assertThat(b.columns()).extracting(ColumnSpec::name).containsExactly("id", "status", "a_id");
    }

    @Test
    void aTestsConfigSetsItsSeverityAsDbtWritesIt() throws IOException {
        write("marts/b.yml", B_YML.replace("values: [new, \"it's done\"]",
                "{values: [new, \"it's done\"], config: {severity: warn}}")
                .replace("tests: [not_null, unique, non_negative]",
                        "tests: [not_null, {unique: {config: {severity: warn}}}, non_negative]"));

        ModelDefinition b = ProjectLoader.fromDirectory(root).model("b");

        assertThat(b.allTests()).extracting(test -> test.kind() + ":" + test.severity()).containsExactlyInAnyOrder(
                "NOT_NULL:ERROR", "UNIQUE:WARN", "NON_NEGATIVE:ERROR", "ACCEPTED_VALUES:WARN", "RELATIONSHIPS:ERROR",
                "EXPRESSION:ERROR");
        write("marts/b.yml", B_YML.replace("relationships: {to: a, field: id}",
                "relationships: {to: a, field: id, config: {severity: warn, error_if: \"> 10\", where: \"id > 0\"}}"));
        DataTestSpec relationships = ProjectLoader.fromDirectory(root).model("b").allTests().stream()
                .filter(test -> test.kind() == DataTestSpec.Kind.RELATIONSHIPS).findFirst().orElseThrow();
        assertThat(relationships.config()).isEqualTo(new DataTestSpec.Config("id > 0", "!=0", "> 10"));
        write("marts/b.yml", B_YML.replace("relationships: {to: a, field: id}",
                "relationships: {to: a, field: id, config: {error_if: lots}}"));
        assertThatThrownBy(() -> ProjectLoader.fromDirectory(root)).hasMessageContaining("error_if")
                .hasMessageContaining("lots");
        write("marts/b.yml", B_YML.replace("relationships: {to: a, field: id}",
                "relationships: {to: a, field: id, config: {store_failures: true}}"));
        assertThatThrownBy(() -> ProjectLoader.fromDirectory(root)).hasMessageContaining("store_failures")
                .hasMessageContaining("severity");
        write("marts/b.yml", B_YML.replace("relationships: {to: a, field: id}",
                "relationships: {to: a, field: id, config: {severity: loud}}"));
        assertThatThrownBy(() -> ProjectLoader.fromDirectory(root)).hasMessageContaining("loud");
    }

    @Test
    void sourceFreshnessIsReadAsDbtWritesItAndAWrongPeriodIsNamed() throws IOException {
        write("project.yml", "name: test\nsources:\n  raw: [events, users]\nfreshness:\n"
                + "  warn_after: {count: 6, period: hour}\n");
        assertThat(ProjectLoader.fromDirectory(root).freshness()).contains(new Freshness(
                java.time.Duration.ofHours(6), null));

        write("project.yml", "name: test\nsources:\n  raw: [events, users]\nfreshness:\n"
                + "  warn_after: {count: 1, period: week}\n");
        assertThatThrownBy(() -> ProjectLoader.fromDirectory(root)).hasMessageContaining("project.yml")
                .hasMessageContaining("minute, hour or day").hasMessageContaining("week");
    }

    @Test
    void anUnknownKeyStopsTheLoadNamingFileKeyAndTheAllowedKeys() throws IOException {
        write("marts/b.yml", B_YML.replace("materialized:", "materialised:"));
        assertThatThrownBy(() -> ProjectLoader.fromDirectory(root)).isInstanceOf(ProjectException.class)
                .hasMessageContaining("marts/b.yml").hasMessageContaining("materialised")
                .hasMessageContaining("materialized");

        for (String typo : List.of("  strategy: insert_overwrite\n  unique: id", "    tset: [not_null]")) {
            String yaml = typo.startsWith("    ") ? B_YML.replace("    description: The id.\n",
                    "    description: The id.\n" + typo + "\n") : B_YML.replace("  strategy: insert_overwrite", typo);
            write("marts/b.yml", yaml);
            assertThatThrownBy(() -> ProjectLoader.fromDirectory(root)).as(typo).isInstanceOf(ProjectException.class)
                    .hasMessageContaining("marts/b.yml").hasMessageContaining("allowed");
        }
    }

    @Test
    void emptyTestEntryAndMisspeltAcceptedValuesNameTheYmlFile() throws IOException {
        write("marts/b.yml", "columns:\n  id:\n    tests: [{}]\n");
        assertThatThrownBy(() -> ProjectLoader.fromDirectory(root))
                .isInstanceOf(ProjectException.class).hasMessageContaining("marts/b.yml");

        write("marts/b.yml", "columns:\n  id:\n    tests:\n      - accepted_values: {value: [x]}\n");
        assertThatThrownBy(() -> ProjectLoader.fromDirectory(root))
                .isInstanceOf(ProjectException.class).hasMessageContaining("marts/b.yml")
                .hasMessageContaining("accepted_values");
    }

    @Test
    void unknownTestNameNamesTheYmlFile() throws IOException {
        write("marts/b.yml", "columns:\n  id:\n    tests: [not_null, positive]\n");

        assertThatThrownBy(() -> ProjectLoader.fromDirectory(root))
                .isInstanceOf(ProjectException.class)
                .hasMessageContaining("marts/b.yml")
                .hasMessageContaining("positive");
    }

    @Test
    void unknownTestWithArgumentsNamesTheYmlFile() throws IOException {
        write("marts/b.yml", "columns:\n  id:\n    tests:\n      - in_range: {min: 0}\n");

        assertThatThrownBy(() -> ProjectLoader.fromDirectory(root))
                .isInstanceOf(ProjectException.class)
                .hasMessageContaining("marts/b.yml")
                .hasMessageContaining("in_range");
    }

    @Test
    void insertOverwriteWithoutPartitionByNamesTheYmlFile() throws IOException {
        write("marts/b.yml", "materialized: incremental\nincremental:\n  strategy: insert_overwrite\n");

        assertThatThrownBy(() -> ProjectLoader.fromDirectory(root))
                .isInstanceOf(ProjectException.class)
                .hasMessageContaining("marts/b.yml")
                .hasMessageContaining("partition_by");
    }

    @Test
    void aFoldReplacesByItsOneColumnKeyOrNeedsReplaceBy() throws IOException {
        write("marts/b.yml", "materialized: incremental\nincremental:\n  strategy: fold\nunique_key: [id]\n");
        assertThat(ProjectLoader.fromDirectory(root).model("b").incremental().replaceBy()).isEqualTo("id");

        write("marts/b.yml", "materialized: incremental\nincremental:\n  strategy: fold\nunique_key: [id, status]\n");
        assertThatThrownBy(() -> ProjectLoader.fromDirectory(root))
                .isInstanceOf(ProjectException.class)
                .hasMessageContaining("marts/b.yml")
                .hasMessageContaining("replace_by");

        write("marts/b.yml", "materialized: incremental\nincremental:\n  strategy: fold\n  replace_by: id\n"
                + "unique_key: [id, status]\n");
        assertThat(ProjectLoader.fromDirectory(root).model("b").incremental().replaceBy()).isEqualTo("id");
    }

    @Test
    void incrementalPredicatesNarrowADeleteAndPostHooksAreKeptInOrder() throws IOException {
        write("marts/b.yml", "materialized: incremental\nincremental:\n  strategy: fold\nunique_key: [id]\n"
                + "incremental_predicates: \"event_date >= {{ read_window_start() }}\"\n"
                + "post_hook:\n  - update {{ this }} set status = 'a' where true\n  - select 1\n");
        ModelDefinition b = ProjectLoader.fromDirectory(root).model("b");
        assertThat(b.incremental().predicates()).containsExactly("event_date >= {{ read_window_start() }}");
        assertThat(b.postHooks()).containsExactly("update {{ this }} set status = 'a' where true", "select 1");

        write("marts/b.yml", "materialized: table\nincremental_predicates: [\"id > 0\"]\n");
        assertThatThrownBy(() -> ProjectLoader.fromDirectory(root)).isInstanceOf(ProjectException.class)
                .hasMessageContaining("marts/b.yml: incremental_predicates narrow the delete of a delete+insert or "
                        + "fold model; this model is table");
    }

    @Test
    void macrosComeFromTheMacrosFolderAndAreNotModels() throws IOException {
        write("macros/cents.sql", "{% macro cents(x) %}{{ x }} * 100{% endmacro %}");
        write("marts/c.sql", "select {{ cents(price) }} as c from {{ ref('b') }}");

        ModelProject project = ProjectLoader.fromDirectory(root);

        assertThat(project.has("cents")).isFalse();
        assertThat(project.macros().names()).containsExactly("cents");

        write("macros/broken.sql", "{% macro broken(x) %} {{ x }}");
        assertThatThrownBy(() -> ProjectLoader.fromDirectory(root)).isInstanceOf(ProjectException.class)
                .hasMessageContaining("models/macros/broken.sql");
    }

    @Test
    void mergeWithoutUniqueKeyNamesTheYmlFile() throws IOException {
        write("marts/b.yml", "materialized: incremental\n");

        assertThatThrownBy(() -> ProjectLoader.fromDirectory(root))
                .isInstanceOf(ProjectException.class)
                .hasMessageContaining("marts/b.yml")
                .hasMessageContaining("unique_key");
    }

    @Test
    void withDescendantsFollowsRefsTransitively() throws IOException {
        write("marts/c.sql", "select * from {{ ref('b') }}");
        write("marts/d.sql", "select 1 as x");

        ModelProject project = ProjectLoader.fromDirectory(root);

        assertThat(project.withDescendants("a")).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(project.withDescendants("c")).containsExactly("c");
        assertThatThrownBy(() -> project.withDescendants("nope")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void buildOrderPutsParentsFirstAndBreaksTiesByName() throws IOException {
        write("marts/b.yml", "");
        write("staging/z.sql", "select 1 as id");
        write("marts/b.sql", "select * from {{ ref('z') }}");
        write("marts/c.sql", "select * from {{ ref('a') }} join {{ ref('b') }} using (id)");

        assertThat(ProjectLoader.fromDirectory(root).buildOrder()).containsExactly("a", "z", "b", "c");
    }

    @Test
    void packagedProjectLoads() {
        ModelProject project = ProjectLoader.fromClasspath();

        assertThat(project.has("stg_events")).isTrue();
        assertThat(project.has("fct_events")).isTrue();
        List<String> order = project.buildOrder();
        assertThat(order.indexOf("fct_events")).isGreaterThan(order.indexOf("stg_events"));
        assertThat(project.withDescendants("stg_events")).contains("fct_events");
    }

    private void write(String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
