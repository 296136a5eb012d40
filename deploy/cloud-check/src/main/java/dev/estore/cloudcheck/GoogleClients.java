package dev.estore.cloudcheck;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.api.gax.rpc.TransportChannelProvider;
import com.google.cloud.NoCredentials;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryOptions;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.SubscriptionAdminSettings;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminSettings;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;

/**
 * The Google clients the check reads with: Application Default Credentials (gcloud auth application-default
 * login), or, for an emulator or a local stand-in given by host, plain connections without credentials.
 */
final class GoogleClients implements AutoCloseable {

    final TopicAdminClient topics;
    final SubscriptionAdminClient subscriptions;
    final Storage storage;
    final BigQuery bigQuery;
    private final ManagedChannel emulatorChannel;

    GoogleClients(String project, String pubSubEmulatorHost, String storageHost, String bigQueryHost)
            throws IOException {
        if (pubSubEmulatorHost != null) {
            emulatorChannel = ManagedChannelBuilder.forTarget(pubSubEmulatorHost).usePlaintext().build();
            TransportChannelProvider channels = FixedTransportChannelProvider.create(
                    GrpcTransportChannel.create(emulatorChannel));
            topics = TopicAdminClient.create(TopicAdminSettings.newBuilder().setTransportChannelProvider(channels)
                    .setCredentialsProvider(NoCredentialsProvider.create()).build());
            subscriptions = SubscriptionAdminClient.create(SubscriptionAdminSettings.newBuilder()
                    .setTransportChannelProvider(channels).setCredentialsProvider(NoCredentialsProvider.create())
                    .build());
        } else {
            emulatorChannel = null;
            topics = TopicAdminClient.create();
            subscriptions = SubscriptionAdminClient.create();
        }
        StorageOptions.Builder storageOptions = StorageOptions.newBuilder().setProjectId(project);
        if (storageHost != null) {
            storageOptions.setHost(storageHost).setCredentials(NoCredentials.getInstance());
        }
        storage = storageOptions.build().getService();
        BigQueryOptions.Builder bigQueryOptions = BigQueryOptions.newBuilder().setProjectId(project);
        if (bigQueryHost != null) {
            bigQueryOptions.setHost(bigQueryHost).setCredentials(NoCredentials.getInstance());
        }
        bigQuery = bigQueryOptions.build().getService();
    }

    @Override
    public void close() throws Exception {
        topics.close();
        subscriptions.close();
        storage.close();
        if (emulatorChannel != null) {
            emulatorChannel.shutdownNow();
        }
    }
}
