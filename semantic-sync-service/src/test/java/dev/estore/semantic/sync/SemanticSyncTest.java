package dev.estore.semantic.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.estore.embedded.duckdb.DuckDbWarehouse;
import dev.estore.embedded.work.ObservedWork;
import dev.estore.embedded.work.WorkInProgress;
import dev.estore.semantic.TestWarehouses;
import dev.estore.semantic.catalog.SemanticLayer;
import dev.estore.semantic.model.SemanticModelLoader;
import dev.estore.semantic.omni.OmniClient;
import dev.estore.semantic.omni.OmniSync;
import dev.estore.shared.contracts.PipelineFailed;
import dev.estore.shared.contracts.SemanticLayerSynced;
import dev.estore.shared.contracts.Topic;
import dev.estore.shared.failures.FailureReporter;
import dev.estore.shared.ports.EventBus;
import dev.estore.shared.ports.MessageHandler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SemanticSyncTest {

    @TempDir
    Path folder;
    DuckDbWarehouse warehouse;
    SemanticLayer layer;
    final List<Object> published = new CopyOnWriteArrayList<>();
    final WorkInProgress work = new WorkInProgress();
    final EventBus bus = new EventBus() {
        @Override
        public <T> void publish(Topic<T> topic, T message, String correlationId) {
            published.add(message);
        }

        @Override
        public <T> void subscribe(Topic<T> topic, String subscription, MessageHandler<T> handler) {
        }
    };

    @BeforeEach
    void shop() throws Exception {
        warehouse = TestWarehouses.shop(folder);
        layer = new SemanticLayer(SemanticModelLoader.fromDirectory(Path.of(getClass()
                .getResource("/semantic-test/topics.yml").toURI()).getParent()), warehouse);
    }

    SemanticSync sync(OmniSync omni) {
        return new SemanticSync(layer, omni, bus, new FailureReporter(bus), ObservedWork.countedBy(work));
    }

    @Test
    void aValidLayerIsAnnouncedWithoutOmniWhenOmniIsOff() {
        SemanticSync.SyncOutcome outcome = sync(new OmniSync(Optional.empty(), true)).sync("models-built:run-1");
        assertThat(outcome.valid()).isTrue();
        assertThat(published).singleElement().isInstanceOfSatisfying(SemanticLayerSynced.class, synced -> {
            assertThat(synced.topics()).containsExactly("Orders");
            assertThat(synced.views()).isEqualTo(3);
            assertThat(synced.biRefreshed()).isFalse();
        });
        assertThat(work.open()).isZero();
    }

    @Test
    void aBrokenReferenceFailsTheSyncByNameAndPublishesNothingElse() {
        warehouse.executeAtomically(List.of("ALTER TABLE marts.orders RENAME COLUMN status TO state"));
        SemanticSync.SyncOutcome outcome = sync(new OmniSync(Optional.empty(), true)).sync("models-built:run-2");
        assertThat(outcome.valid()).isFalse();
        assertThat(published).singleElement().isInstanceOfSatisfying(PipelineFailed.class, failed -> {
            assertThat(failed.service()).isEqualTo("semantic-sync-service");
            assertThat(failed.stage()).isEqualTo("validate");
            assertThat(failed.reason()).contains("orders.status").contains("not published");
        });
    }

    @Test
    void anOmniFailureIsReportedButTheLayerIsStillAnnounced() {
        OmniClient unreachable = new OmniClient("http://127.0.0.1:1", "key", "model", null,
                "/api/v1/models/{modelId}/refresh", "/api/v1/models/{modelId}/yaml", 2, Duration.ofMillis(1),
                Duration.ofSeconds(2));
        SemanticSync.SyncOutcome outcome = sync(new OmniSync(Optional.of(unreachable), true)).sync("http");
        assertThat(outcome.valid()).isTrue();
        assertThat(outcome.biError()).contains("127.0.0.1:1");
        assertThat(published).hasSize(2);
        assertThat(published.get(0)).isInstanceOfSatisfying(PipelineFailed.class,
                failed -> assertThat(failed.stage()).isEqualTo("omni-refresh"));
        assertThat(published.get(1)).isInstanceOfSatisfying(SemanticLayerSynced.class,
                synced -> assertThat(synced.biRefreshed()).isFalse());
    }

    @Test
    void thePackagedModelReadsWithTheSpecTopics() {
        var model = SemanticModelLoader.fromClasspath();
        assertThat(model.topics()).containsOnlyKeys("Sessions", "Customers", "Events");
        assertThat(model.views()).containsOnlyKeys("fct_sessions", "fct_events", "dim_users", "dim_user_rfm",
                "dim_products");
        assertThat(model.views().get("fct_sessions").dimensions()).containsKeys("is_converting_session",
                "session_quality_tier", "session_length_bucket", "user_purchase_history_group", "session_visit_type");
        assertThat(model.views().get("dim_users").dimensions()).containsKeys("customer_lifecycle_stage",
                "rfm_segment_inclusive", "avg_order_value_bin", "total_revenue_bin");
    }
}
