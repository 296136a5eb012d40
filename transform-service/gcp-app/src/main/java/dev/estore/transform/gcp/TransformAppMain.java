package dev.estore.transform.gcp;

import io.quarkus.picocli.runtime.PicocliRunner;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The transform's cloud app: without arguments the service (HTTP, Pub/Sub push, builds), as Cloud Run and
 * Kubernetes start it; with arguments one analytics-engineering command on BigQuery ({@code build}, {@code test},
 * {@code compile}, {@code plan}; {@code ./estore cloud build ...}), which serves nothing: no HTTP listener, no
 * streaming pull, no catch-up build at startup, no abort of the user's other BigQuery sessions. A command builds
 * into a target only; production's datasets are the deployed service's to build.
 */
@QuarkusMain
public class TransformAppMain {

    public static void main(String... args) {
        if (args.length == 0) {
            Quarkus.run(args);
            return;
        }
        defaultTo("quarkus.http.host-enabled", "false");
        defaultTo("estore.pubsub.receive-mode", "push"); // push receives through HTTP, which is off: nothing pulled
        defaultTo("estore.transform.catch-up-at-startup", "false");
        // a person's credentials: their other BigQuery sessions (a console tab) are not this app's to abort
        defaultTo("estore.bigquery.stale-session-after", "0s");
        // a person reads a command's output: text lines, not the service's JSON for Cloud Logging
        defaultTo("quarkus.log.console.json.enabled", "false");
        defaultTo("quarkus.log.console.format", "%d{HH:mm:ss} %-5p [%c{1.}] %s%e%n");
        Quarkus.run(PicocliRunner.class, args);
    }

    private static void defaultTo(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
