package dev.estore.runner.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

/**
 * Who may change things through the embedded API. Reads (GET, and the semantic layer's queries, which are POSTs
 * that change nothing) are open to whoever can reach the port. Writes (loads, sweeps, runs, snapshots, syncs)
 * need {@code Authorization: Bearer <ESTORE_API_TOKEN>} when a token is set; without a token they are accepted
 * from this machine only, so opening the port (ESTORE_HTTP_HOST=0.0.0.0) never opens the writes by accident.
 */
public final class WriteAccess {

    /** POST endpoints that only read. */
    static final Set<String> READ_ONLY_POSTS = Set.of("/semantic/query", "/semantic/query/sql");
    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final Optional<String> token;

    public WriteAccess(Optional<String> token) {
        this.token = token.filter(value -> !value.isBlank());
    }

    public record Refusal(int status, String message) {
    }

    /** Empty when the request may proceed. */
    public Optional<Refusal> check(String method, String path, String authorization, boolean fromThisMachine) {
        if (READ_METHODS.contains(method) || READ_ONLY_POSTS.contains(stripTrailingSlash(path))) {
            return Optional.empty();
        }
        if (token.isEmpty()) {
            return fromThisMachine ? Optional.empty() : Optional.of(new Refusal(403, method + " " + path
                    + " changes data and is accepted from this machine only; to accept it from others, start "
                    + "serve with ESTORE_API_TOKEN set and send Authorization: Bearer <token>"));
        }
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return Optional.of(new Refusal(401, method + " " + path
                    + " needs the API token: send Authorization: Bearer <ESTORE_API_TOKEN>"));
        }
        return sameToken(authorization.substring("Bearer ".length()).trim()) ? Optional.empty()
                : Optional.of(new Refusal(401, "The bearer token does not match ESTORE_API_TOKEN"));
    }

    /** In constant time: the comparison does not tell how much of a guess was right. */
    private boolean sameToken(String offered) {
        return MessageDigest.isEqual(offered.getBytes(StandardCharsets.UTF_8),
                token.orElseThrow().getBytes(StandardCharsets.UTF_8));
    }

    private static String stripTrailingSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
