package dev.estore.gcp.testing;

import dev.estore.shared.contracts.Topic;
import dev.estore.shared.contracts.Topics;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Starts the emulator for a @QuarkusTest and points the app at it. Before the app starts it creates every contract
 * topic (prefix {@code estore-}), the dead-letter topic, and the pull subscriptions named in the
 * {@code pull-subscriptions} argument (they must exist before a pull-mode app subscribes). Push subscriptions need
 * the app's port and are created by the tests.
 */
public class PubSubEmulatorResource implements QuarkusTestResourceLifecycleManager {

    public static final String PULL_SUBSCRIPTIONS = "pull-subscriptions";

    private PubSubEmulator emulator;
    private List<String> pullSubscriptions = List.of();

    @Override
    public void init(Map<String, String> initArgs) {
        String names = initArgs.getOrDefault(PULL_SUBSCRIPTIONS, "");
        pullSubscriptions = Arrays.stream(names.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    @Override
    public Map<String, String> start() {
        try {
            emulator = PubSubEmulator.start();
            try (EmulatorAdmin admin = new EmulatorAdmin(emulator.host())) {
                for (Topic<?> topic : Topics.ALL) {
                    admin.createTopic(EmulatorAdmin.PREFIX + topic.name());
                }
                admin.createTopic(EmulatorAdmin.DEAD_LETTER_TOPIC);
                for (String entry : pullSubscriptions) {
                    String[] nameAndTopic = entry.split("@"); // subscription-name@topic-name
                    admin.createSubscription(EmulatorAdmin.PREFIX + nameAndTopic[0],
                            EmulatorAdmin.PREFIX + nameAndTopic[1], null, true);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the Pub/Sub emulator: " + e.getMessage(), e);
        }
        return Map.of("quarkus.google.cloud.pubsub.emulator-host", emulator.host(),
                "quarkus.google.cloud.project-id", PubSubEmulator.PROJECT,
                // no look-ups of a GCE metadata server off Google Cloud
                "quarkus.google.cloud.enable-metadata-server", "false");
    }

    @Override
    public void stop() {
        if (emulator != null) {
            try {
                emulator.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
