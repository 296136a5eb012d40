package dev.estore.gcp.testing;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.api.gax.rpc.TransportChannelProvider;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.SubscriptionAdminSettings;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminSettings;
import com.google.cloud.pubsub.v1.stub.GrpcSubscriberStub;
import com.google.cloud.pubsub.v1.stub.SubscriberStub;
import com.google.cloud.pubsub.v1.stub.SubscriberStubSettings;
import com.google.protobuf.ByteString;
import com.google.pubsub.v1.AcknowledgeRequest;
import com.google.pubsub.v1.DeadLetterPolicy;
import com.google.pubsub.v1.ProjectSubscriptionName;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.PullRequest;
import com.google.pubsub.v1.PushConfig;
import com.google.pubsub.v1.ReceivedMessage;
import com.google.pubsub.v1.Subscription;
import com.google.pubsub.v1.TopicName;
import dev.estore.shared.contracts.BusMessage;
import dev.estore.shared.contracts.Topic;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What a test does to the emulator beside the app: create topics and subscriptions, publish raw, pull. */
public final class EmulatorAdmin implements AutoCloseable {

    public static final String PREFIX = "estore-";
    public static final String DEAD_LETTER_TOPIC = PREFIX + "dead-letters";
    /** Pub/Sub's smallest allowed maximum delivery attempts for a dead-letter policy. */
    public static final int MAX_DELIVERY_ATTEMPTS = 5;

    private final ManagedChannel channel;
    private final TransportChannelProvider channels;
    private final TopicAdminClient topics;
    private final SubscriptionAdminClient subscriptions;
    private final SubscriberStub subscriber;

    public EmulatorAdmin(String host) throws IOException {
        channel = ManagedChannelBuilder.forTarget(host).usePlaintext().build();
        channels = FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel));
        NoCredentialsProvider none = NoCredentialsProvider.create();
        topics = TopicAdminClient.create(TopicAdminSettings.newBuilder().setTransportChannelProvider(channels)
                .setCredentialsProvider(none).build());
        subscriptions = SubscriptionAdminClient.create(SubscriptionAdminSettings.newBuilder()
                .setTransportChannelProvider(channels).setCredentialsProvider(none).build());
        subscriber = GrpcSubscriberStub.create(SubscriberStubSettings.newBuilder()
                .setTransportChannelProvider(channels).setCredentialsProvider(none).build());
    }

    public static String topicPath(String topicId) {
        return TopicName.of(PubSubEmulator.PROJECT, topicId).toString();
    }

    public static String subscriptionPath(String subscriptionId) {
        return ProjectSubscriptionName.of(PubSubEmulator.PROJECT, subscriptionId).toString();
    }

    public void createTopic(String topicId) {
        topics.createTopic(topicPath(topicId));
    }

    public void deleteTopic(String topicId) {
        topics.deleteTopic(topicPath(topicId));
    }

    /**
     * A subscription; with {@code pushEndpoint} a push subscription, else a pull one; with {@code deadLetter} a
     * dead-letter policy to {@link #DEAD_LETTER_TOPIC} after {@link #MAX_DELIVERY_ATTEMPTS}.
     */
    public void createSubscription(String subscriptionId, String topicId, String pushEndpoint, boolean deadLetter) {
        Subscription.Builder subscription = Subscription.newBuilder().setName(subscriptionPath(subscriptionId))
                .setTopic(topicPath(topicId)).setAckDeadlineSeconds(10);
        if (pushEndpoint != null) {
            subscription.setPushConfig(PushConfig.newBuilder().setPushEndpoint(pushEndpoint));
        }
        if (deadLetter) {
            subscription.setDeadLetterPolicy(DeadLetterPolicy.newBuilder().setDeadLetterTopic(
                    topicPath(DEAD_LETTER_TOPIC)).setMaxDeliveryAttempts(MAX_DELIVERY_ATTEMPTS));
        }
        subscriptions.createSubscription(subscription.build());
    }

    public String publish(String topicId, byte[] data, Map<String, String> attributes) throws Exception {
        Publisher publisher = Publisher.newBuilder(topicPath(topicId)).setChannelProvider(channels)
                .setCredentialsProvider(NoCredentialsProvider.create()).build();
        try {
            return publisher.publish(PubsubMessage.newBuilder().setData(ByteString.copyFrom(data))
                    .putAllAttributes(attributes).build()).get(30, TimeUnit.SECONDS);
        } finally {
            publisher.shutdown();
            publisher.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /**
     * What the deployment does for a pushed service: a push subscription (with dead letters) named as the service
     * subscribes, into {@code pushEndpoint}, then one contract message published on its topic.
     */
    public void pushToService(String subscription, Topic<?> topic, String pushEndpoint, BusMessage message)
            throws Exception {
        createSubscription(PREFIX + subscription, PREFIX + topic.name(), pushEndpoint, true);
        publish(PREFIX + topic.name(), message.data(), message.attributes());
    }

    /** Pulls what is there now (acknowledging it). */
    public List<PubsubMessage> pull(String subscriptionId) {
        List<PubsubMessage> messages = new ArrayList<>();
        var response = subscriber.pullCallable().call(PullRequest.newBuilder()
                .setSubscription(subscriptionPath(subscriptionId)).setMaxMessages(100).setReturnImmediately(true)
                .build());
        List<String> ackIds = new ArrayList<>();
        for (ReceivedMessage received : response.getReceivedMessagesList()) {
            messages.add(received.getMessage());
            ackIds.add(received.getAckId());
        }
        if (!ackIds.isEmpty()) {
            subscriber.acknowledgeCallable().call(AcknowledgeRequest.newBuilder()
                    .setSubscription(subscriptionPath(subscriptionId)).addAllAckIds(ackIds).build());
        }
        return messages;
    }

    @Override
    public void close() {
        subscriber.close();
        subscriptions.close();
        topics.close();
        channel.shutdownNow();
    }
}
