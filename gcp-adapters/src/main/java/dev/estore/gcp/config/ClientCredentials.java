package dev.estore.gcp.config;

import com.google.auth.Credentials;
import com.google.cloud.NoCredentials;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The credentials a Google client gets: none against a host override (an emulator or local stand-in, which
 * checks none and must never receive real ones), else the Quarkiverse extensions' shared credentials
 * ({@code quarkus.google.cloud.service-account-location} / {@code -encoded-key}, else application default).
 */
public final class ClientCredentials {

    private ClientCredentials() {
    }

    public static Credentials forHost(Optional<String> hostOverride, Supplier<Credentials> shared) {
        return hostOverride.isPresent() ? NoCredentials.getInstance() : shared.get();
    }
}
