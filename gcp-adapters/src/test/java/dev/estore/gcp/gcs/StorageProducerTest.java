package dev.estore.gcp.gcs;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.NoCredentials;
import com.google.cloud.storage.Storage;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Storage bean honours the Quarkiverse extension's settings names. */
class StorageProducerTest {

    @Test
    void aHostOverrideIsReachedWithoutCredentialsInTheConfiguredProject() {
        Storage storage = new StorageProducer().storage(Optional.of("estore-dev"),
                Optional.of("http://127.0.0.1:4443"), null);

        assertThat(storage.getOptions().getProjectId()).isEqualTo("estore-dev");
        assertThat(storage.getOptions().getHost()).isEqualTo("http://127.0.0.1:4443");
        assertThat(storage.getOptions().getCredentials()).isSameAs(NoCredentials.getInstance());
    }
}
