package dev.estore.semantic.omni;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.estore.semantic.TestWarehouses;
import dev.estore.semantic.catalog.CatalogResolver;
import dev.estore.semantic.catalog.ResolvedView;
import dev.estore.semantic.catalog.SemanticCatalog;
import dev.estore.semantic.model.MeasureType;
import dev.estore.semantic.model.SemanticModelLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files a sync pushes to Omni, held to Omni's documented model format. */
class OmniModelFilesTest {

    /** The aggregate types Omni's view files accept. */
    static final java.util.Set<String> OMNI_AGGREGATES = java.util.Set.of("count", "count_distinct", "sum",
            "sum_distinct", "average", "average_distinct", "min", "max", "median", "percentile", "list");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path folder;
    SemanticCatalog catalog;

    @BeforeEach
    void shop() throws Exception {
        var model = SemanticModelLoader.fromDirectory(Path.of(getClass().getResource("/semantic-test/topics.yml")
                .toURI()).getParent());
        catalog = new CatalogResolver(TestWarehouses.shop(folder)).resolve(model).catalog();
    }

    @Test
    void everyTopicJoinIsARelationshipOmniCanResolve() throws Exception {
        Map<String, String> files = OmniModelFiles.of(catalog);

        assertThat(files).containsKeys("marts__orders.view", "marts__customers.view", "marts__profiles.view",
                "Orders.topic", OmniModelFiles.RELATIONSHIPS_FILE);
        JsonNode relationships = YAML.readTree(files.get(OmniModelFiles.RELATIONSHIPS_FILE));
        assertThat(relationships).hasSize(2);
        assertThat(relationships.get(0).get("join_from_view").asText()).isEqualTo("marts__orders");
        assertThat(relationships.get(0).get("join_to_view").asText()).isEqualTo("marts__customers");
        assertThat(relationships.get(0).get("on_sql").asText())
                .isEqualTo("${marts__orders.customer_id} = ${marts__customers.customer_id}");
        assertThat(relationships.get(0).get("relationship_type").asText()).isEqualTo("many_to_one");
        assertThat(relationships.get(1).get("join_from_view").asText()).isEqualTo("marts__customers");
        assertThat(relationships.get(1).get("join_to_view").asText()).isEqualTo("marts__profiles");
        assertThat(relationships.get(1).get("relationship_type").asText()).isEqualTo("one_to_one");
        JsonNode topic = YAML.readTree(files.get("Orders.topic"));
        assertThat(topic.get("base_view").asText()).isEqualTo("marts__orders");
        assertThat(topic.at("/joins/marts__customers/marts__profiles").isObject()).isTrue();
    }

    @Test
    void everyAggregateIsOneOmniKnows() throws Exception {
        Arrays.stream(MeasureType.values()).filter(type -> type != MeasureType.RATIO)
                .forEach(type -> assertThat(OmniModelFiles.aggregateType(type)).isIn(OMNI_AGGREGATES));
        assertThat(OmniModelFiles.aggregateType(MeasureType.AVG)).isEqualTo("average");
        for (Map.Entry<String, String> file : OmniModelFiles.of(catalog).entrySet()) {
            if (file.getKey().endsWith(".view")) {
                YAML.readTree(file.getValue()).path("measures").forEach(measure -> {
                    if (measure.has("aggregate_type")) {
                        assertThat(measure.get("aggregate_type").asText()).isIn(OMNI_AGGREGATES);
                    }
                });
            }
        }
    }

    @Test
    void onBigQueryAViewIsNamedAfterItsDatasetAsOmniNamesIt() {
        ResolvedView orders = catalog.views().get("orders");
        ResolvedView onBigQuery = new ResolvedView(orders.definition(), "`my-project.estore_marts.orders`",
                orders.description(), orders.dimensions(), orders.measures());

        assertThat(OmniModelFiles.omniName(onBigQuery)).isEqualTo("estore_marts__orders");
        assertThat(OmniModelFiles.omniName(orders)).isEqualTo("marts__orders");
    }
}
