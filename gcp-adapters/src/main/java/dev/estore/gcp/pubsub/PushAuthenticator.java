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
 * token, and on Cloud Run, which verifies the token itself and forwards it without its signature.
 */
@ApplicationScoped
public class PushAuthenticator {

    /** What Cloud Run puts in place of the signature of a token it has already verified. */
    static final String SIGNATURE_REMOVED = "SIGNATURE_REMOVED_BY_GOOGLE";

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
            String jwt = authorizationHeader.substring("Bearer ".length()).trim();
            if (jwt.endsWith("." + SIGNATURE_REMOVED)) {
                // Never trusted without the signature: a caller could send the marker itself.
                return Optional.of("the token's signature was removed by Cloud Run, which verifies push tokens "
                        + "itself: on Cloud Run set estore.pubsub.push.oidc.enabled=false and let only the push "
                        + "service account invoke the service (roles/run.invoker)");
            }
            token = verifier.verify(jwt);
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
