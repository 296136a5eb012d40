package dev.estore.cloudcheck;

import com.google.api.gax.rpc.NotFoundException;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.pubsub.v1.Subscription;
import dev.estore.shared.contracts.Topics;
import java.util.ArrayList;
import java.util.List;

/**
 * The contract topics, the dead-letter topic and the services' subscriptions: each exists, reads the right topic,
 * sends what it cannot deliver to the dead-letter topic, retries with backoff, and (pushed) posts to a service's
 * push endpoint.
 */
final class PubSubResources {

    private final TopicAdminClient topics;
    private final SubscriptionAdminClient subscriptions;

    PubSubResources(TopicAdminClient topics, SubscriptionAdminClient subscriptions) {
        this.topics = topics;
        this.subscriptions = subscriptions;
    }

    List<Finding> check(Deployment deployment) {
        List<Finding> findings = new ArrayList<>();
        Topics.ALL.forEach(topic -> findings.add(topic(deployment, deployment.names().topicId(topic))));
        findings.add(topic(deployment, deployment.prefix() + Deployment.DEAD_LETTER));
        Deployment.SUBSCRIPTIONS.forEach((name, topic) -> findings.add(subscription(deployment, name, topic)));
        return findings;
    }

    private Finding topic(Deployment deployment, String topicId) {
        String resource = "topic " + topicId;
        try {
            topics.getTopic(deployment.topicPath(topicId));
            return Finding.ok(resource, "exists");
        } catch (NotFoundException e) {
            return Finding.missing(resource, "terraform apply in deploy/terraform (google_pubsub_topic), or gcloud "
                    + "pubsub topics create " + topicId + " --project " + deployment.project());
        } catch (RuntimeException e) {
            return Finding.unreadable(resource, e, "grant the checking account roles/pubsub.viewer and enable "
                    + "pubsub.googleapis.com");
        }
    }

    private Finding subscription(Deployment deployment, String name, String topic) {
        String subscriptionId = deployment.names().subscriptionId(name);
        String resource = "subscription " + subscriptionId;
        Subscription found;
        try {
            found = subscriptions.getSubscription(deployment.subscriptionPath(subscriptionId));
        } catch (NotFoundException e) {
            return Finding.missing(resource, "terraform apply in deploy/terraform (google_pubsub_subscription."
                    + "subscription[\"" + name + "\"])");
        } catch (RuntimeException e) {
            return Finding.unreadable(resource, e, "grant the checking account roles/pubsub.viewer");
        }
        String expectedTopic = deployment.topicPath(deployment.prefix() + topic);
        if (!found.getTopic().equals(expectedTopic)) {
            return Finding.wrong(resource, "reads " + found.getTopic() + ", not " + expectedTopic,
                    "delete it and terraform apply: a subscription's topic cannot change");
        }
        String deadLetter = deployment.topicPath(deployment.prefix() + Deployment.DEAD_LETTER);
        if (!found.hasDeadLetterPolicy() || !found.getDeadLetterPolicy().getDeadLetterTopic().equals(deadLetter)) {
            return Finding.wrong(resource, "no dead-letter policy to " + deadLetter + ": a message that keeps "
                    + "failing is redelivered for 7 days, then lost", "terraform apply (dead_letter_policy), or "
                    + "gcloud pubsub subscriptions update " + subscriptionId + " --dead-letter-topic "
                    + deadLetter + " --max-delivery-attempts 5");
        }
        if (!found.hasRetryPolicy()) {
            return Finding.wrong(resource, "no retry policy: a failing message is redelivered at once, again and "
                    + "again", "terraform apply (retry_policy), or gcloud pubsub subscriptions update "
                    + subscriptionId + " --min-retry-delay 10s --max-retry-delay 600s");
        }
        String endpoint = found.getPushConfig().getPushEndpoint();
        if (deployment.push() && !endpoint.endsWith(Deployment.PUSH_PATH)) {
            return Finding.wrong(resource, endpoint.isEmpty() ? "a pull subscription, but the services are pushed "
                    + "to (estore.pubsub.receive-mode=push)" : "pushes to " + endpoint + ", not to a service's "
                    + Deployment.PUSH_PATH, "terraform apply with receive_mode = \"push\" (push_config)");
        }
        if (!deployment.push() && !endpoint.isEmpty()) {
            return Finding.wrong(resource, "pushes to " + endpoint + ", but the services pull "
                    + "(estore.pubsub.receive-mode=pull)", "terraform apply with receive_mode = \"pull\"");
        }
        return Finding.ok(resource, (endpoint.isEmpty() ? "pull" : "push to " + endpoint) + ", dead letters after "
                + found.getDeadLetterPolicy().getMaxDeliveryAttempts() + " attempts");
    }
}
