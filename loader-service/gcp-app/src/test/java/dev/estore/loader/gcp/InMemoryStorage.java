package dev.estore.loader.gcp;

import com.google.cloud.storage.Storage;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The bucket of the loader's Google Cloud test: google-cloud-nio's in-memory Storage, replacing the real client. */
public class InMemoryStorage {

    @Produces
    @Singleton
    Storage storage() {
        return LocalStorageHelper.getOptions().getService();
    }
}
