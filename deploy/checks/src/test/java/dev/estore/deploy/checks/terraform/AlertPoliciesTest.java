package dev.estore.deploy.checks.terraform;

import static dev.estore.deploy.checks.terraform.TerraformValues.object;
import static dev.estore.deploy.checks.terraform.TerraformValues.raw;
import static dev.estore.deploy.checks.terraform.TerraformValues.strings;
import static dev.estore.deploy.checks.terraform.TerraformValues.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.estore.deploy.checks.DeployFolder;
import dev.estore.deploy.checks.terraform.Hcl.Body;
import dev.estore.deploy.checks.terraform.Hcl.Expr;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The alert policies (deploy/terraform/alerts.tf) notify the configured channels when an incident opens and when it
 * closes, and their log filters match the lines the services actually write: the logger classes exist and the
 * messages their format strings produce match the filters' regular expressions (a reworded log line fails here,
 * not silently in production).
 */
class AlertPoliciesTest {

    private static TerraformConfig config;
    private static Map<String, Expr> locals;

    @BeforeAll
    static void read() {
        config = TerraformConfig.read(DeployFolder.terraform());
        locals = config.locals();
    }

    @Test
    void everyPolicyNotifiesTheChannelsOnOpeningAndOnRecovery() {
        for (String policy : List.of("failures", "dead_letters", "stale_source")) {
            Body body = config.resource("google_monitoring_alert_policy", policy)
                    .orElseThrow(() -> new AssertionError("no alert policy " + policy)).body();
            assertThat(raw(body.attribute("notification_channels").orElseThrow())).as(policy)
                    .isEqualTo("var.alert_notification_channels");
            Body strategy = body.blocks("alert_strategy").get(0).body();
            assertThat(strings(strategy.attribute("notification_prompts").orElseThrow(), policy))
                    .containsExactlyInAnyOrder("OPENED", "CLOSED");
            assertThat(body.blocks("documentation")).as(policy + " says what to do").hasSize(1);
        }
        assertThat(object(locals.get("failure_metrics"), "failure_metrics")).containsOnlyKeys("failed-builds",
                "load-errors");
        Body deadLetters = config.resource("google_monitoring_alert_policy", "dead_letters").orElseThrow().body();
        assertThat(raw(deadLetters.blocks("conditions").get(0).body().blocks("condition_threshold").get(0).body()
                .attribute("filter").orElseThrow())).contains("google_pubsub_subscription.dead_letter.name")
                .contains("num_undelivered_messages");
    }

    @Test
    void theLogFiltersMatchWhatTheServicesLog() throws IOException {
        String failureFormat = formatString("shared/src/main/java/dev/estore/shared/failures/FailureReporter.java",
                "[%s]");
        Map<String, Expr> failures = object(locals.get("failure_metrics"), "failure_metrics");

        Map<String, Expr> builds = object(failures.get("failed-builds"), "failed-builds");
        assertLoggerExists(text(builds.get("logger"), "logger"));
        Pattern failedBuild = Pattern.compile(text(builds.get("message"), "message"));
        assertThat(failedBuild.matcher(String.format(failureFormat, "transform-service", "build", "run-1", "x")).find())
                .isTrue();
        assertThat(failedBuild.matcher(String.format(failureFormat, "snapshot-service", "snapshot", "s", "x")).find())
                .isFalse();

        Map<String, Expr> loads = object(failures.get("load-errors"), "load-errors");
        assertLoggerExists(text(loads.get("logger"), "logger"));
        Pattern loadError = Pattern.compile(text(loads.get("message"), "message"));
        for (String stage : List.of("load", "validate")) {
            assertThat(loadError.matcher(String.format(failureFormat, "loader-service", stage, "gs://b/f.csv#1", "x"))
                    .find()).as(stage).isTrue();
        }

        Map<String, Expr> loaded = object(locals.get("loads_metric"), "loads_metric");
        assertLoggerExists(text(loaded.get("logger"), "logger"));
        String loadedFormat = formatString("loader-service/src/main/java/dev/estore/loader/LoaderService.java",
                "Loaded ");
        assertThat(Pattern.compile(text(loaded.get("message"), "message")).matcher(String.format(loadedFormat,
                "gs://b/2019-Oct.csv#1", "load-1", 10L, 0L, 1.0, 10.0, 1.0)).find()).isTrue();
    }

    /** The format string of the first logging call in a source file whose format starts with {@code start}. */
    private static String formatString(String source, String start) throws IOException {
        String code = Files.readString(DeployFolder.root().resolve(source));
        Matcher format = Pattern.compile("LOG\\.\\w+f\\(\"(" + Pattern.quote(start) + "(?:[^\"\\\\]|\\\\.)*)\"")
                .matcher(code);
        assertThat(format.find()).as("a log call formatting \"" + start + "...\" in " + source).isTrue();
        return format.group(1).replace("\\\"", "\"");
    }

    private static void assertLoggerExists(String logger) {
        String source = "src/main/java/" + logger.replace('.', '/') + ".java";
        try (var files = Files.walk(DeployFolder.root(), 12)) {
            assertThat(files.anyMatch(file -> file.toString().replace('\\', '/').endsWith(source)))
                    .as("a class named %s (the filter's loggerName)", logger).isTrue();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
