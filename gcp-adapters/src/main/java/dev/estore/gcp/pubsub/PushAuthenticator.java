package dev.estore.gcp.pubsub;

import com.google.api.client.json.gson.GsonFactory;
import com.google.api.client.json.webtoken.JsonWebToken;
import com.google.auth.oauth2.TokenVerifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Checks the OIDC token of an authenticated push subscription when {@code estore.pubsub.push.oidc.enabled}: the
 * {@code Authorization: Bearer} JWT must carry a valid Google signature (keys fetched and cached by
 * google-auth-library's {@link TokenVerifier}), be unexpired, name the configured audience, and be issued for
 * the configured service account with a verified email. Off in tests and against the emulator, which sends no
 * token. A token Cloud Run verified reaches the app with its signature replaced by
 * {@value #SIGNATURE_REMOVED} (https://cloud.google.com/run/docs/troubleshooting#signature-removed); it is accepted
 * on its claims only when {@code estore.pubsub.push.oidc.signature-checked-by-cloud-run} says so.
 */
@ApplicationScoped
public class PushAuthenticator {

    /** What Cloud Run puts in place of the signature of a token it has already verified. */
    static final String SIGNATURE_REMOVED = "SIGNATURE_REMOVED_BY_GOOGLE";

    /**
     * The header Cloud Run authenticates instead of Authorization when a request carries it (Authorization then
     * passes through unchecked): when present, it is the token to read.
     */
    public static final String SERVERLESS_AUTHORIZATION = "X-Serverless-Authorization";

    /** The issuers of Google-signed ID tokens. */
    private static final java.util.Set<String> GOOGLE_ISSUERS = java.util.Set.of("https://accounts.google.com",
            "accounts.google.com");

    private final boolean enabled;
    private final String audience;
    private final String serviceAccountEmail;
    private final TokenVerifier verifier;
    private final boolean signatureCheckedByCloudRun;

    @Inject
    public PushAuthenticator(PubSubConfig config) {
        this(config.push().oidc().enabled(), config.push().oidc().audience().orElse(null),
                config.push().oidc().serviceAccountEmail().orElse(null),
                TokenVerifier.newBuilder().setAudience(config.push().oidc().audience().orElse(null)).build(),
                config.push().oidc().signatureCheckedByCloudRun());
    }

    PushAuthenticator(boolean enabled, String audience, String serviceAccountEmail, TokenVerifier verifier,
            boolean signatureCheckedByCloudRun) {
        if (enabled && (audience == null || serviceAccountEmail == null)) {
            throw new IllegalStateException("estore.pubsub.push.oidc.enabled=true needs "
                    + "estore.pubsub.push.oidc.audience and estore.pubsub.push.oidc.service-account-email");
        }
        this.enabled = enabled;
        this.audience = audience;
        this.serviceAccountEmail = serviceAccountEmail;
        this.verifier = verifier;
        this.signatureCheckedByCloudRun = signatureCheckedByCloudRun;
    }

    /** As {@link #refusal(String, String)} for a request without X-Serverless-Authorization. */
    public Optional<String> refusal(String authorizationHeader) {
        return refusal(authorizationHeader, null);
    }

    /**
     * Empty when the push may be handled; otherwise why it is refused. The token read is the one Cloud Run checked:
     * X-Serverless-Authorization when the request has it, else Authorization (a removed-signature token in an
     * Authorization header that Cloud Run did not check would otherwise pass on claims anyone can write).
     */
    public Optional<String> refusal(String authorizationHeader, String serverlessAuthorizationHeader) {
        if (!enabled) {
            return Optional.empty();
        }
        if (serverlessAuthorizationHeader != null) {
            authorizationHeader = serverlessAuthorizationHeader;
        }
        if (authorizationHeader == null || !authorizationHeader.startsWith("Bearer ")) {
            return Optional.of("no Bearer token in the Authorization header; configure the push subscription "
                    + "with --push-auth-service-account=" + serviceAccountEmail);
        }
        String jwt = authorizationHeader.substring("Bearer ".length()).trim();
        JsonWebToken.Payload claims;
        if (jwt.endsWith("." + SIGNATURE_REMOVED)) {
            if (!signatureCheckedByCloudRun) {
                // A caller could send the marker itself: only Cloud Run's own check makes such a token trustworthy.
                return Optional.of("the token's signature was removed by Google (Cloud Run verified it first); "
                        + "accept such tokens only on Cloud Run, where only the push service account may invoke "
                        + "the service (roles/run.invoker): estore.pubsub.push.oidc.signature-checked-by-cloud-run"
                        + "=true");
            }
            Optional<JsonWebToken.Payload> unsigned = claimsOf(jwt);
            if (unsigned.isEmpty()) {
                return Optional.of("the token whose signature Google removed is not a readable JWT");
            }
            claims = unsigned.get();
            if (!GOOGLE_ISSUERS.contains(claims.getIssuer())) {
                return Optional.of("the OIDC token is issued by " + claims.getIssuer() + ", not Google");
            }
            if (!claims.getAudienceAsList().contains(audience)) {
                return Optional.of("the OIDC token is for audience " + claims.getAudienceAsList() + ", not " + audience);
            }
            Long expires = claims.getExpirationTimeSeconds();
            if (expires == null || expires * 1000 < System.currentTimeMillis()) {
                return Optional.of("the OIDC token has expired");
            }
        } else {
            try {
                claims = verifier.verify(jwt).getPayload();
            } catch (TokenVerifier.VerificationException e) {
                return Optional.of("the OIDC token is not valid for this endpoint: " + e.getMessage());
            }
        }
        Object email = claims.get("email");
        if (!serviceAccountEmail.equals(email) || !Boolean.TRUE.equals(claims.get("email_verified"))) {
            return Optional.of("the OIDC token is for " + email + ", not the push service account "
                    + serviceAccountEmail);
        }
        return Optional.empty();
    }

    /** The claims of a JWT read without its signature (which Google removed), or empty when they do not parse. */
    private static Optional<JsonWebToken.Payload> claimsOf(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            byte[] json = Base64.getUrlDecoder().decode(parts[1]);
            return Optional.of(GsonFactory.getDefaultInstance().fromInputStream(new ByteArrayInputStream(json),
                    StandardCharsets.UTF_8, JsonWebToken.Payload.class));
        } catch (IllegalArgumentException | IOException e) {
            return Optional.empty();
        }
    }
}
