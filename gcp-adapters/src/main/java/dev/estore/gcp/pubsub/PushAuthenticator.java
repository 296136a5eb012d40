package dev.estore.gcp.pubsub;

import com.google.api.client.json.webtoken.JsonWebSignature;
import com.google.auth.oauth2.TokenVerifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Checks the OIDC token of an authenticated push subscription when {@code estore.pubsub.push.oidc.enabled}: the
 * {@code Authorization: Bearer} JWT must carry a valid Google signature (keys fetched and cached by
 * google-auth-library's {@link TokenVerifier}), be unexpired, name the configured audience, and be issued for
 * the configured service account with a verified email. Off in tests and against the emulator, which sends no
 * token.
 */
@ApplicationScoped
public class PushAuthenticator {

    private final boolean enabled;
    private final String serviceAccountEmail;
    private final TokenVerifier verifier;

    @Inject
    public PushAuthenticator(PubSubConfig config) {
        this(config.push().oidc().enabled(), config.push().oidc().audience().orElse(null),
                config.push().oidc().serviceAccountEmail().orElse(null),
                TokenVerifier.newBuilder().setAudience(config.push().oidc().audience().orElse(null)).build());
    }

    PushAuthenticator(boolean enabled, String audience, String serviceAccountEmail, TokenVerifier verifier) {
        if (enabled && (audience == null || serviceAccountEmail == null)) {
            throw new IllegalStateException("estore.pubsub.push.oidc.enabled=true needs "
                    + "estore.pubsub.push.oidc.audience and estore.pubsub.push.oidc.service-account-email");
        }
        this.enabled = enabled;
        this.serviceAccountEmail = serviceAccountEmail;
        this.verifier = verifier;
    }

    /** Empty when the push may be handled; otherwise why it is refused. */
    public Optional<String> refusal(String authorizationHeader) {
        if (!enabled) {
            return Optional.empty();
        }
        if (authorizationHeader == null || !authorizationHeader.startsWith("Bearer ")) {
            return Optional.of("no Bearer token in the Authorization header; configure the push subscription "
                    + "with --push-auth-service-account=" + serviceAccountEmail);
        }
        JsonWebSignature token;
        try {
            token = verifier.verify(authorizationHeader.substring("Bearer ".length()).trim());
        } catch (TokenVerifier.VerificationException e) {
            return Optional.of("the OIDC token is not valid for this endpoint: " + e.getMessage());
        }
        Object email = token.getPayload().get("email");
        if (!serviceAccountEmail.equals(email) || !Boolean.TRUE.equals(token.getPayload().get("email_verified"))) {
            return Optional.of("the OIDC token is for " + email + ", not the push service account "
                    + serviceAccountEmail);
        }
        return Optional.empty();
    }
}
