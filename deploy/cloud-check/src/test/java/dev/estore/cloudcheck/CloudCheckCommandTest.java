package dev.estore.cloudcheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Duration;
import com.google.pubsub.v1.DeadLetterPolicy;
import com.google.pubsub.v1.PushConfig;
import com.google.pubsub.v1.RetryPolicy;
import com.google.pubsub.v1.Subscription;
import dev.estore.gcp.bigquery.BigQueryRestStandIn;
import dev.estore.gcp.testing.PubSubEmulator;
import dev.estore.gcp.testing.RequiresPubSubEmulator;
import dev.estore.shared.contracts.Topics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import picocli.CommandLine;

/**
 * The whole command against the Pub/Sub emulator, a Storage stand-in and a BigQuery stand-in: a deployment as
 * Terraform makes it is all right; each thing a first deployment gets wrong is reported with its fix and exit 1.
 */
@RequiresPubSubEmulator
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CloudCheckCommandTest {

    static final String PROJECT = PubSubEmulator.PROJECT;
    static final String BUCKET = "estore-raw";
    static final Deployment DEPLOYMENT = new Deployment(PROJECT, BUCKET, "estore-", "estore_", true);

    PubSubEmulator emulator;
    StorageStandIn storage;
    BigQueryRestStandIn bigQuery;
    GoogleClients admin;

    @BeforeAll
    void deployAsTerraformDoes() throws Exception {
        emulator = PubSubEmulator.start();
        storage = new StorageStandIn();
        bigQuery = new BigQueryRestStandIn();
        admin = new GoogleClients(PROJECT, emulator.host(), storage.url(), bigQuery.url());
        Topics.ALL.forEach(topic -> admin.topics.createTopic(DEPLOYMENT.topicPath("estore-" + topic.name())));
        admin.topics.createTopic(DEPLOYMENT.topicPath("estore-dead-letter"));
        Deployment.SUBSCRIPTIONS.forEach((name, topic) -> admin.subscriptions.createSubscription(
                subscription(name, topic, "https://" + name.replace('.', '-') + ".run.app/pubsub/push", true)));
        storage.buckets.put(BUCKET, "{\"name\": \"" + BUCKET + "\", \"location\": \"EU\"}");
        storage.notifications.put(BUCKET, "[{\"id\": \"1\", \"topic\": \"//pubsub.googleapis.com/projects/" + PROJECT
                + "/topics/estore-object-notifications\", \"payload_format\": \"JSON_API_V1\", \"event_types\": "
                + "[\"OBJECT_FINALIZE\"]}]");
        Deployment.SCHEMAS.forEach(schema -> bigQuery.datasets.put("estore_" + schema, "{\"datasetReference\": "
                + "{\"projectId\": \"" + PROJECT + "\", \"datasetId\": \"estore_" + schema + "\"}, \"location\": \"EU\"}"));
    }

    @AfterAll
    void stop() throws Exception {
        admin.close();
        storage.close();
        bigQuery.close();
        emulator.close();
    }

    static Subscription subscription(String name, String topic, String pushEndpoint, boolean deadLetters) {
        Subscription.Builder subscription = Subscription.newBuilder()
                .setName(DEPLOYMENT.subscriptionPath("estore-" + name)).setTopic(DEPLOYMENT.topicPath("estore-" + topic))
                .setAckDeadlineSeconds(600)
                .setRetryPolicy(RetryPolicy.newBuilder().setMinimumBackoff(Duration.newBuilder().setSeconds(10))
                        .setMaximumBackoff(Duration.newBuilder().setSeconds(600)));
        if (pushEndpoint != null) {
            subscription.setPushConfig(PushConfig.newBuilder().setPushEndpoint(pushEndpoint));
        }
        if (deadLetters) {
            subscription.setDeadLetterPolicy(DeadLetterPolicy.newBuilder()
                    .setDeadLetterTopic(DEPLOYMENT.topicPath("estore-dead-letter")).setMaxDeliveryAttempts(5));
        }
        return subscription.build();
    }

    record Outcome(int exitCode, String output) {
    }

    Outcome check(String... extra) {
        return checkBucket(BUCKET, extra);
    }

    Outcome checkBucket(String bucket, String... extra) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        CloudCheckCommand command = new CloudCheckCommand(Map.of("PUBSUB_EMULATOR_HOST", emulator.host()),
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        List<String> args = new java.util.ArrayList<>(List.of("--project", PROJECT, "--bucket", bucket,
                "--location", "EU", "--storage-host", storage.url(), "--bigquery-host", bigQuery.url()));
        args.addAll(List.of(extra));
        int exit = new CommandLine(command).execute(args.toArray(String[]::new));
        return new Outcome(exit, printed.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aDeploymentAsTerraformMakesItIsAllRight() {
        Outcome outcome = check();

        assertThat(outcome.output()).contains("OK          bucket gs://estore-raw", "exists, in EU")
                .contains("OK          notification gs://estore-raw -> estore-object-notifications")
                .contains("OK          topic estore-dead-letter")
                .contains("OK          subscription estore-transform-service.raw-events-loaded")
                .contains("push to https://transform-service-raw-events-loaded.run.app/pubsub/push, dead letters "
                        + "after 5 attempts")
                .contains("OK          dataset local-project.estore_marts")
                .doesNotContain("MISSING", "WRONG", "UNREADABLE", "fix:");
        assertThat(outcome.exitCode()).as(outcome.output()).isZero();
    }

    @Test
    void whatAFirstDeploymentGetsWrongIsReportedWithItsFix() {
        String snapshots = "estore-snapshot-service.models-built";
        admin.subscriptions.deleteSubscription(DEPLOYMENT.subscriptionPath(snapshots));
        admin.subscriptions.createSubscription(subscription("snapshot-service.models-built", "models-built",
                "https://snapshot.run.app/pubsub/push", false));
        admin.topics.deleteTopic(DEPLOYMENT.topicPath("estore-pipeline-failed"));
        String marts = bigQuery.datasets.remove("estore_marts");
        String notifications = storage.notifications.put(BUCKET, "[]");
        try {
            Outcome outcome = check("--receive-mode", "push");

            assertThat(outcome.exitCode()).as(outcome.output()).isEqualTo(1);
            assertThat(outcome.output())
                    .contains("MISSING     topic estore-pipeline-failed")
                    .contains("fix: terraform apply in deploy/terraform (google_pubsub_topic), or gcloud pubsub topics "
                            + "create estore-pipeline-failed --project local-project")
                    .contains("WRONG       subscription " + snapshots, "no dead-letter policy to "
                            + "projects/local-project/topics/estore-dead-letter")
                    .contains("--dead-letter-topic projects/local-project/topics/estore-dead-letter")
                    .contains("MISSING     dataset local-project.estore_marts")
                    .contains("MISSING     notification gs://estore-raw -> estore-object-notifications",
                            "--event-types=OBJECT_FINALIZE --payload-format=json");
        } finally {
            admin.subscriptions.deleteSubscription(DEPLOYMENT.subscriptionPath(snapshots));
            admin.subscriptions.createSubscription(subscription("snapshot-service.models-built", "models-built",
                    "https://snapshot.run.app/pubsub/push", true));
            admin.topics.createTopic(DEPLOYMENT.topicPath("estore-pipeline-failed"));
            bigQuery.datasets.put("estore_marts", marts);
            storage.notifications.put(BUCKET, notifications);
        }
    }

    @Test
    void pushSubscriptionsAreWrongWhereTheServicesPullAndAMissingBucketIsSaid() {
        Outcome pulled = check("--receive-mode", "pull");
        Outcome noBucket = checkBucket("elsewhere");
        Outcome badUsage = check("--receive-mode", "sideways");

        assertThat(pulled.exitCode()).isEqualTo(1);
        assertThat(pulled.output()).contains("WRONG       subscription estore-loader-service.object-notifications",
                "but the services pull (estore.pubsub.receive-mode=pull)");
        assertThat(noBucket.output()).contains("MISSING     bucket gs://elsewhere");
        assertThat(badUsage.exitCode()).isEqualTo(2);
    }
}
