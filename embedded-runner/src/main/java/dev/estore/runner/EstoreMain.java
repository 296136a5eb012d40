package dev.estore.runner;

import io.quarkus.picocli.runtime.PicocliRunner;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point of ./estore. Only {@code serve} listens on an HTTP port; the batch commands turn the listener off
 * before Quarkus starts, so they never clash with a running server.
 */
@QuarkusMain
public class EstoreMain {

    public static void main(String... args) {
        boolean serving = args.length > 0 && args[0].equals("serve");
        if (!serving && System.getProperty("quarkus.http.host-enabled") == null) {
            System.setProperty("quarkus.http.host-enabled", "false");
        }
        Quarkus.run(PicocliRunner.class, args);
    }
}
