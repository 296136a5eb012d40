package dev.estore.semantic.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.estore.embedded.duckdb.DuckDbWarehouse;
import dev.estore.semantic.TestWarehouses;
import dev.estore.semantic.model.SemanticModel;
import dev.estore.semantic.model.SemanticModelLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogResolverTest {

    @TempDir
    Path folder;
    DuckDbWarehouse warehouse;
    SemanticModel model;

    @BeforeEach
    void shop() throws Exception {
        warehouse = TestWarehouses.shop(folder);
        model = SemanticModelLoader.fromDirectory(Path.of(getClass().getResource("/semantic-test/topics.yml")
                .toURI()).getParent());
    }

    @Test
    void aMatchingWarehouseGivesACatalogWithEveryColumnAndItsDescription() {
        warehouse.documentRelation("marts", "orders", "Orders", java.util.Map.of("status", "paid or open"));
        CatalogResolver.Resolution resolution = new CatalogResolver(warehouse).resolve(model);
        assertThat(resolution.problems()).isEmpty();
        ResolvedView orders = resolution.catalog().views().get("orders");
        assertThat(orders.dimensions()).containsKeys("order_id", "customer_id", "amount", "status", "ordered_on",
                "size", "order_rank");
        assertThat(orders.dimensions().get("status").description()).isEqualTo("paid or open");
    }

    @Test
    void aRenamedColumnIsReportedByNameWithEveryFieldThatUsesIt() {
        warehouse.executeAtomically(List.of("ALTER TABLE marts.orders RENAME COLUMN amount TO amount_eur"));
        CatalogResolver.Resolution resolution = new CatalogResolver(warehouse).resolve(model);
        assertThat(resolution.valid()).isFalse();
        assertThat(resolution.catalog()).isNull();
        assertThat(resolution.problems()).hasSize(2).allSatisfy(problem -> assertThat(problem)
                .contains("views/orders.yml").contains("orders.amount").contains("amount_eur"));
        assertThat(resolution.problems()).anySatisfy(problem -> assertThat(problem).contains("dimension size"))
                .anySatisfy(problem -> assertThat(problem).contains("measure revenue"));
    }

    @Test
    void aColumnOfTheWrongKindAndAMissingTableAreReported() {
        warehouse.executeAtomically(List.of("ALTER TABLE marts.orders ALTER COLUMN ordered_on TYPE VARCHAR",
                "DROP TABLE marts.profiles"));
        List<String> problems = new CatalogResolver(warehouse).resolve(model).problems();
        assertThat(problems).anySatisfy(problem -> assertThat(problem).contains("orders.ordered_on")
                .contains("as date").contains("VARCHAR"));
        assertThat(problems).anySatisfy(problem -> assertThat(problem).contains("marts.profiles")
                .contains("does not exist"));
    }
}
