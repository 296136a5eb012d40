package dev.estore.cloudcheck;

import dev.estore.gcp.bigquery.Datasets;
import dev.estore.gcp.pubsub.PubSubNames;
import dev.estore.shared.contracts.Topics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a deployment of estore consists of, named as the services name it (the same prefixes and derivations as
 * their settings): the list of subscriptions and datasets is deploy/terraform's, which a test keeps in step.
 *
 * @param push whether Pub/Sub pushes to the services (Cloud Run) rather than the services pulling (Kubernetes)
 */
public record Deployment(String project, String bucket, String prefix, String datasetPrefix, boolean push) {

    /** Subscription (after the prefix) -> the topic it reads (deploy/terraform/pubsub.tf, locals.subscriptions). */
    static final Map<String, String> SUBSCRIPTIONS = subscriptions();
    /** The warehouse's schemas, one dataset each (deploy/terraform/bigquery.tf, locals.datasets). */
    static final List<String> SCHEMAS = List.of("raw", "staging", "intermediate", "marts", "snapshots", "ops");
    static final String DEAD_LETTER = "dead-letter";
    static final String PUSH_PATH = "/pubsub/push";

    private static Map<String, String> subscriptions() {
        Map<String, String> subscriptions = new LinkedHashMap<>();
        subscriptions.put("loader-service." + Topics.OBJECT_NOTIFICATIONS.name(), Topics.OBJECT_NOTIFICATIONS.name());
        subscriptions.put("transform-service." + Topics.RAW_EVENTS_LOADED.name(), Topics.RAW_EVENTS_LOADED.name());
        subscriptions.put("snapshot-service." + Topics.MODELS_BUILT.name(), Topics.MODELS_BUILT.name());
        subscriptions.put("semantic-sync-service." + Topics.MODELS_BUILT.name(), Topics.MODELS_BUILT.name());
        subscriptions.put("semantic-sync-service." + Topics.SNAPSHOTS_TAKEN.name(), Topics.SNAPSHOTS_TAKEN.name());
        subscriptions.put("failure-notifier", Topics.PIPELINE_FAILED.name());
        return java.util.Collections.unmodifiableMap(subscriptions);
    }

    PubSubNames names() {
        return new PubSubNames(prefix, prefix);
    }

    Datasets datasets() {
        return new Datasets(project, datasetPrefix);
    }

    String topicPath(String topicId) {
        return "projects/" + project + "/topics/" + topicId;
    }

    String subscriptionPath(String subscriptionId) {
        return "projects/" + project + "/subscriptions/" + subscriptionId;
    }
}
