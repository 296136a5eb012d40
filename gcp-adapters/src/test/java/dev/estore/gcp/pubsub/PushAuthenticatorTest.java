package dev.estore.gcp.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.client.json.gson.GsonFactory;
import com.google.api.client.json.webtoken.JsonWebSignature;
import com.google.api.client.json.webtoken.JsonWebToken;
import com.google.api.client.testing.http.MockHttpTransport;
import com.google.api.client.testing.http.MockLowLevelHttpResponse;
import com.google.auth.oauth2.TokenVerifier;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The push endpoint's OIDC check with google-auth-library's TokenVerifier, against tokens signed by a key of this
 * test whose public half is served (as Google serves its JWKS) through a mock HTTP transport.
 */
class PushAuthenticatorTest {

    static final String AUDIENCE = "https://loader-service-abc.a.run.app/pubsub/push";
    static final String ACCOUNT = "pubsub-push@estore-dev.iam.gserviceaccount.com";
    static KeyPair signing;
    static KeyPair stranger;
    static PushAuthenticator authenticator;
    static PushAuthenticator onCloudRun;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        signing = generator.generateKeyPair();
        stranger = generator.generateKeyPair();
        RSAPublicKey key = (RSAPublicKey) signing.getPublic();
        String jwks = """
                {"keys": [{"kty": "RSA", "alg": "RS256", "use": "sig", "kid": "k1", "n": "%s", "e": "%s"}]}"""
                .formatted(base64Url(key.getModulus()), base64Url(key.getPublicExponent()));
        MockHttpTransport google = new MockHttpTransport.Builder().setLowLevelHttpResponse(
                new MockLowLevelHttpResponse().setContentType("application/json").setContent(jwks)).build();
        TokenVerifier verifier = TokenVerifier.newBuilder().setAudience(AUDIENCE)
                .setCertificatesLocation("https://www.googleapis.com/oauth2/v3/certs")
                .setHttpTransportFactory(() -> google).build();
        authenticator = new PushAuthenticator(true, AUDIENCE, ACCOUNT, verifier, false);
        onCloudRun = new PushAuthenticator(true, AUDIENCE, ACCOUNT, verifier, true);
    }

    @Test
    void aTokenForTheAudienceAndAccountPasses() throws Exception {
        assertThat(authenticator.refusal("Bearer " + token(signing, AUDIENCE, ACCOUNT, 3600))).isEmpty();
    }

    @Test
    void everyOtherTokenIsRefusedWithTheReason() throws Exception {
        assertThat(authenticator.refusal(null)).get().asString().contains("no Bearer token");
        assertThat(authenticator.refusal("Bearer " + token(signing, "https://elsewhere", ACCOUNT, 3600)))
                .get().asString().contains("not valid");
        assertThat(authenticator.refusal("Bearer " + token(signing, AUDIENCE, "someone@example.com", 3600)))
                .get().asString().contains("someone@example.com");
        assertThat(authenticator.refusal("Bearer " + token(signing, AUDIENCE, ACCOUNT, -600)))
                .get().asString().contains("not valid");
        assertThat(authenticator.refusal("Bearer " + token(stranger, AUDIENCE, ACCOUNT, 3600)))
                .get().asString().contains("not valid");
        String valid = token(signing, AUDIENCE, ACCOUNT, 3600);
        String signatureRemoved = valid.substring(0, valid.lastIndexOf('.') + 1) + "SIGNATURE_REMOVED_BY_GOOGLE";
        assertThat(authenticator.refusal("Bearer " + signatureRemoved))
                .get().asString().contains("removed by Google")
                .contains("estore.pubsub.push.oidc.signature-checked-by-cloud-run=true");
    }

    @Test
    void onCloudRunATokenWhoseSignatureGoogleRemovedPassesOnItsClaimsOnly() throws Exception {
        assertThat(onCloudRun.refusal("Bearer " + signatureRemoved(token(signing, AUDIENCE, ACCOUNT, 3600)))).isEmpty();
        // a token with its signature intact is still verified in full there
        assertThat(onCloudRun.refusal("Bearer " + token(signing, AUDIENCE, ACCOUNT, 3600))).isEmpty();
        assertThat(onCloudRun.refusal("Bearer " + token(stranger, AUDIENCE, ACCOUNT, 3600)))
                .get().asString().contains("not valid");

        assertThat(onCloudRun.refusal("Bearer " + signatureRemoved(token(signing, "https://elsewhere", ACCOUNT, 3600))))
                .get().asString().contains("https://elsewhere");
        assertThat(onCloudRun.refusal("Bearer " + signatureRemoved(token(signing, AUDIENCE, "someone@example.com",
                3600)))).get().asString().contains("someone@example.com");
        assertThat(onCloudRun.refusal("Bearer " + signatureRemoved(token(signing, AUDIENCE, ACCOUNT, -600))))
                .get().asString().contains("expired");
        assertThat(onCloudRun.refusal("Bearer garbage." + SIGNATURE_REMOVED)).get().asString()
                .contains("not a readable JWT");
    }

    @Test
    void withXServerlessAuthorizationOnlyThatTokenCountsForItIsTheOneCloudRunChecked() throws Exception {
        // someone allowed to invoke the service sends their own real token where Cloud Run checks it, and a
        // hand-made "removed signature" token claiming to be the push account in Authorization
        String forged = signatureRemoved(token(stranger, AUDIENCE, ACCOUNT, 3600));
        String theirs = signatureRemoved(token(signing, AUDIENCE, "scheduler@estore-dev.iam.gserviceaccount.com",
                3600));
        assertThat(onCloudRun.refusal("Bearer " + forged, "Bearer " + theirs)).get().asString()
                .contains("scheduler@estore-dev.iam.gserviceaccount.com");
        assertThat(onCloudRun.refusal("Bearer anything", "Bearer " + signatureRemoved(token(signing, AUDIENCE,
                ACCOUNT, 3600)))).isEmpty();
        assertThat(onCloudRun.refusal("Bearer " + signatureRemoved(token(signing, AUDIENCE, ACCOUNT, 3600,
                "https://evil.example.com")))).get().asString().contains("not Google");
    }

    private static final String SIGNATURE_REMOVED = "SIGNATURE_REMOVED_BY_GOOGLE";

    private static String signatureRemoved(String token) {
        return token.substring(0, token.lastIndexOf('.') + 1) + SIGNATURE_REMOVED;
    }

    @Test
    void offMeansEveryPushPassesAndOnNeedsItsSettings() {
        PushAuthenticator off = new PushAuthenticator(false, null, null, TokenVerifier.newBuilder().build(), false);
        assertThat(off.refusal(null)).isEmpty();
        assertThatThrownBy(() -> new PushAuthenticator(true, AUDIENCE, null, TokenVerifier.newBuilder().build(),
                false))
                .hasMessageContaining("estore.pubsub.push.oidc.service-account-email");
    }

    private static String token(KeyPair key, String audience, String email, long expiresInSeconds) throws Exception {
        return token(key, audience, email, expiresInSeconds, "https://accounts.google.com");
    }

    private static String token(KeyPair key, String audience, String email, long expiresInSeconds, String issuer)
            throws Exception {
        JsonWebSignature.Header header = new JsonWebSignature.Header().setAlgorithm("RS256").setKeyId("k1")
                .setType("JWT");
        long now = System.currentTimeMillis() / 1000;
        JsonWebToken.Payload payload = new JsonWebToken.Payload().setAudience(audience)
                .setIssuer(issuer).setIssuedAtTimeSeconds(now - 60)
                .setExpirationTimeSeconds(now + expiresInSeconds);
        payload.set("email", email);
        payload.set("email_verified", true);
        return JsonWebSignature.signUsingRsaSha256(key.getPrivate(), GsonFactory.getDefaultInstance(), header,
                payload);
    }

    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
