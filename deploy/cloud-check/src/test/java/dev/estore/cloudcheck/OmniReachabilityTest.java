package dev.estore.cloudcheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Omni is reachable when its API answers the key; a refused key, a wrong URL and no key are each said. */
class OmniReachabilityTest {

    HttpServer omni;
    String url;

    @BeforeEach
    void omni() throws Exception {
        omni = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        omni.createContext("/api/v1/models", exchange -> {
            boolean known = "Bearer good-key".equals(exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.sendResponseHeaders(known ? 200 : 401, -1);
            exchange.close();
        });
        omni.start();
        url = "http://127.0.0.1:" + omni.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        omni.stop(0);
    }

    @Test
    void theKeyIsAcceptedOrRefused() {
        assertThat(new OmniReachability().check(url + "/", "good-key").status()).isEqualTo(Finding.Status.OK);
        Finding refused = new OmniReachability().check(url, "old-key");
        assertThat(refused.status()).isEqualTo(Finding.Status.WRONG);
        assertThat(refused.detail()).isEqualTo("refuses the key (HTTP 401)");
    }

    @Test
    void noKeyOrNoServerIsWrong() {
        assertThat(new OmniReachability().check(url, null).fix()).contains("--omni-api-key-env");
        omni.stop(0);
        assertThat(new OmniReachability().check(url, "good-key").detail()).startsWith("unreachable");
    }
}
