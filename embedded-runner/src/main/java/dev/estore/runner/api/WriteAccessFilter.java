package dev.estore.runner.api;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Applies {@link WriteAccess} to every request of the embedded API. */
@ApplicationScoped
public class WriteAccessFilter {

    private static final Logger LOG = Logger.getLogger(WriteAccessFilter.class);

    private final WriteAccess access;

    public WriteAccessFilter(@ConfigProperty(name = "estore.api.token") Optional<String> token) {
        this.access = new WriteAccess(token);
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> check(ContainerRequestContext context, HttpServerRequest request) {
        String path = context.getUriInfo().getPath();
        return access.check(context.getMethod(), path, context.getHeaderString(HttpHeaders.AUTHORIZATION),
                        isLoopback(request.remoteAddress()))
                .map(refusal -> {
                    LOG.warnf("Refused %s %s from %s: %s", context.getMethod(), path, request.remoteAddress(),
                            refusal.message());
                    return Response.status(refusal.status()).type(MediaType.APPLICATION_JSON)
                            .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                            .entity(Map.of("error", refusal.message())).build();
                });
    }

    private static boolean isLoopback(SocketAddress address) {
        if (address == null || address.hostAddress() == null) {
            return false;
        }
        try {
            return InetAddress.getByName(address.hostAddress()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
