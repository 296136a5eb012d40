package dev.estore.deploy.checks.terraform;

import static dev.estore.deploy.checks.terraform.TerraformValues.object;
import static dev.estore.deploy.checks.terraform.TerraformValues.raw;
import static dev.estore.deploy.checks.terraform.TerraformValues.strings;
import static dev.estore.deploy.checks.terraform.TerraformValues.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.estore.deploy.checks.DeployFolder;
import dev.estore.deploy.checks.Services;
import dev.estore.deploy.checks.terraform.Hcl.Block;
import dev.estore.deploy.checks.terraform.Hcl.Body;
import dev.estore.deploy.checks.terraform.Hcl.Expr;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Google Cloud resources the pipeline needs are all there, wired to each other, with least privilege. */
class TerraformResourcesTest {

    private static final List<String> TOPICS = List.of("object-notifications", "raw-events-loaded", "models-built",
            "snapshots-taken", "semantic-layer-synced", "pipeline-failed");

    /** Subscription name => topic, as the services subscribe. */
    private static final Map<String, String> SUBSCRIPTIONS = Map.of(
            "loader-service.object-notifications", "object-notifications",
            "transform-service.raw-events-loaded", "raw-events-loaded",
            "snapshot-service.models-built", "models-built",
            "semantic-sync-service.models-built", "models-built",
            "semantic-sync-service.snapshots-taken", "snapshots-taken",
            "failure-notifier", "pipeline-failed");

    /** Service => datasets read, datasets changed. */
    private static final Map<String, List<List<String>>> DATASET_ACCESS = Map.of(
            "loader-service", List.of(List.of(), List.of("raw", "ops")),
            "transform-service", List.of(List.of("raw"), List.of("staging", "intermediate", "marts", "ops")),
            "snapshot-service", List.of(List.of("marts"), List.of("snapshots", "ops")),
            "semantic-sync-service", List.of(List.of("marts", "snapshots"), List.of("ops")));

    private static TerraformConfig config;
    private static Map<String, Expr> locals;

    @BeforeAll
    static void read() {
        config = TerraformConfig.read(DeployFolder.terraform());
        locals = config.locals();
    }

    @Test
    void aNewProjectGetsEveryApiAndThePubSubAgentBeforeAnythingUsesThem() {
        String apis = raw(resource("google_project_service", "api").attribute("for_each").orElseThrow());
        for (String api : List.of("cloudresourcemanager", "iam", "iamcredentials", "run", "pubsub", "bigquery",
                "storage", "cloudscheduler", "artifactregistry", "secretmanager")) {
            assertThat(apis).as("google_project_service.api").contains("\"" + api + ".googleapis.com\"");
        }
        Body agent = resource("google_project_service_identity", "pubsub");
        assertThat(text(agent.attribute("service").orElseThrow(), "service")).isEqualTo("pubsub.googleapis.com");
        assertThat(raw(agent.attribute("provider").orElseThrow())).isEqualTo("google-beta");
        for (String[] grant : new String[][] {{"google_service_account_iam_member", "agent_mints_push_tokens"},
                {"google_pubsub_topic_iam_member", "agent_publishes_dead_letters"},
                {"google_pubsub_subscription_iam_member", "agent_forwards_dead_letters"}}) {
            Body binding = resource(grant[0], grant[1]);
            assertThat(raw(binding.attribute("member").orElseThrow())).isEqualTo("local.pubsub_service_agent");
            assertThat(((Hcl.ListExpr) binding.attribute("depends_on").orElseThrow(() -> new AssertionError(
                    grant[1] + " must wait for the Pub/Sub agent to exist"))).items()).extracting(TerraformValues::raw)
                    .contains("google_project_service_identity.pubsub");
        }
    }

    @Test
    void theSixTopicsExist() {
        assertThat(strings(locals.get("topics"), "local.topics")).containsExactlyInAnyOrderElementsOf(TOPICS);
        Body topic = resource("google_pubsub_topic", "topic");
        assertThat(raw(topic.attribute("for_each").orElseThrow())).isEqualTo("toset(local.topics)");
        assertThat(raw(topic.attribute("name").orElseThrow())).isEqualTo("\"${var.prefix}${each.value}\"");
    }

    @Test
    void everySubscriptionReadsItsTopic() {
        Map<String, Expr> subscriptions = object(locals.get("subscriptions"), "local.subscriptions");
        assertThat(subscriptions.keySet()).containsExactlyInAnyOrderElementsOf(SUBSCRIPTIONS.keySet());
        subscriptions.forEach((name, sub) -> {
            String topic = text(object(sub, name).get("topic"), name + ".topic");
            assertThat(topic).as(name).isEqualTo(SUBSCRIPTIONS.get(name)).isIn(TOPICS);
        });
        assertThat(raw(object(subscriptions.get("failure-notifier"), "failure-notifier").get("consumers")))
                .as("every service competes for failure-notifier").isEqualTo("keys(local.services)");
    }

    @Test
    void subscriptionsDeadLetterRetryAndPushWithOidcOrPull() {
        Body subscription = resource("google_pubsub_subscription", "subscription");
        assertThat(raw(subscription.attribute("topic").orElseThrow()))
                .isEqualTo("google_pubsub_topic.topic[each.value.topic].id");
        Body deadLetter = only(subscription, "dead_letter_policy");
        assertThat(raw(deadLetter.attribute("dead_letter_topic").orElseThrow())).isEqualTo("google_pubsub_topic.dead_letter.id");
        assertThat(only(subscription, "retry_policy").attribute("minimum_backoff")).isPresent();

        Block push = subscription.blocks("dynamic").stream().filter(b -> b.label(0).equals("push_config")).findFirst()
                .orElseThrow(() -> new AssertionError("google_pubsub_subscription.subscription has no dynamic push_config"));
        assertThat(raw(push.body().attribute("for_each").orElseThrow())).as("push only on Cloud Run").startsWith("local.push ?");
        Body content = only(push.body(), "content");
        assertThat(raw(content.attribute("push_endpoint").orElseThrow())).endsWith("/pubsub/push\"");
        Body oidc = only(content, "oidc_token");
        assertThat(raw(oidc.attribute("service_account_email").orElseThrow())).contains("google_service_account.pubsub_push");
        assertThat(raw(oidc.attribute("audience").orElseThrow())).contains("local.audiences");
        assertThat(config.resource("google_pubsub_subscription", "dead_letter")).as("dead letters are kept").isPresent();
    }

    @Test
    void theBucketAnnouncesFinalizedObjectsOnObjectNotifications() {
        Body notification = resource("google_storage_notification", "raw_objects");
        assertThat(text(notification.attribute("payload_format").orElseThrow(), "payload_format")).isEqualTo("JSON_API_V1");
        assertThat(strings(notification.attribute("event_types").orElseThrow(), "event_types")).containsExactly("OBJECT_FINALIZE");
        assertThat(raw(notification.attribute("topic").orElseThrow()))
                .isEqualTo("google_pubsub_topic.topic[\"object-notifications\"].id");
        Body gcsAgent = resource("google_pubsub_topic_iam_member", "gcs_publishes_notifications");
        assertThat(text(gcsAgent.attribute("role").orElseThrow(), "role")).isEqualTo("roles/pubsub.publisher");
        assertThat(raw(gcsAgent.attribute("member").orElseThrow())).contains("google_storage_project_service_account.gcs");
    }

    @Test
    void theDatasetsCarryThePrefix() {
        assertThat(strings(locals.get("datasets"), "local.datasets"))
                .containsExactly("raw", "staging", "intermediate", "marts", "snapshots", "ops");
        assertThat(raw(locals.get("dataset_prefix"))).isEqualTo("replace(var.prefix, \"-\", \"_\")");
        assertThat(raw(resource("google_bigquery_dataset", "dataset").attribute("dataset_id").orElseThrow()))
                .isEqualTo("\"${local.dataset_prefix}${each.value}\"");
        // builds rewrite tables: every rewritten byte is kept (and billed) for the time-travel window
        assertThat(text(resource("google_bigquery_dataset", "dataset").attribute("max_time_travel_hours")
                .orElseThrow(() -> new AssertionError("datasets keep BigQuery's 7-day default time travel")),
                "max_time_travel_hours")).isEqualTo("48");
    }

    @Test
    void everyServiceHasAnIdentityWithLeastPrivilege() {
        Map<String, Expr> services = object(locals.get("services"), "local.services");
        assertThat(services.keySet()).containsExactlyInAnyOrderElementsOf(Services.NAMES);
        services.forEach((name, expr) -> {
            Map<String, Expr> svc = object(expr, name);
            assertThat(text(svc.get("account_id"), name + ".account_id")).isEqualTo(Services.ACCOUNT_IDS.get(name));
            assertThat(strings(svc.get("publishes"), name + ".publishes")).contains("pipeline-failed").allMatch(TOPICS::contains);
            assertThat(strings(svc.get("reads_datasets"), name + ".reads_datasets"))
                    .containsExactlyInAnyOrderElementsOf(DATASET_ACCESS.get(name).get(0));
            assertThat(strings(svc.get("edits_datasets"), name + ".edits_datasets"))
                    .containsExactlyInAnyOrderElementsOf(DATASET_ACCESS.get(name).get(1));
        });
        assertForEachRole("google_service_account", "service", "local.services", null);
        assertForEachRole("google_project_iam_member", "job_user", "local.services", "roles/bigquery.jobUser");
        assertForEachRole("google_pubsub_topic_iam_member", "publisher", "local.publishers", "roles/pubsub.publisher");
        assertForEachRole("google_pubsub_subscription_iam_member", "subscriber", "local.subscribers", "roles/pubsub.subscriber");
        assertThat(raw(resource("google_bigquery_dataset_iam_member", "access").attribute("role").orElseThrow()))
                .isEqualTo("each.value.role");
        Body loaderBucket = resource("google_storage_bucket_iam_member", "loader_objects");
        assertThat(text(loaderBucket.attribute("role").orElseThrow(), "role")).isEqualTo("roles/storage.objectAdmin");
        assertThat(raw(loaderBucket.attribute("member").orElseThrow())).contains("[\"loader-service\"]");
        // Project-wide roles: the services' jobUser, and (github_oidc.tf, off unless github_repository is set) the
        // GitHub Actions accounts' own, which no service account shares.
        assertThat(config.resources(("google_project_iam_member"))).as("no project-wide role but jobUser, and the "
                + "GitHub accounts'").allSatisfy(block -> assertThat(block.label(1).equals("job_user")
                        || raw(block.body().attribute("member").orElseThrow()).startsWith("google_service_account.github["))
                        .as(block.label(1)).isTrue())
                .extracting(b -> b.label(1))
                .containsExactlyInAnyOrder("job_user", "cd_run_developer", "models_ci_bigquery_user", "terraform");
    }

    @Test
    void thePubSubAgentCanSignPushesAndDeadLetter() {
        assertThat(text(resource("google_service_account_iam_member", "agent_mints_push_tokens").attribute("role").orElseThrow(), "role"))
                .isEqualTo("roles/iam.serviceAccountTokenCreator");
        assertThat(text(resource("google_pubsub_topic_iam_member", "agent_publishes_dead_letters").attribute("role").orElseThrow(), "role"))
                .isEqualTo("roles/pubsub.publisher");
        Body forward = resource("google_pubsub_subscription_iam_member", "agent_forwards_dead_letters");
        assertThat(text(forward.attribute("role").orElseThrow(), "role")).isEqualTo("roles/pubsub.subscriber");
        assertThat(raw(forward.attribute("for_each").orElseThrow())).isEqualTo("local.subscriptions");
    }

    @Test
    void cloudRunServicesRunLongEnoughAsTheirOwnIdentity() {
        assertThat(text(locals.get("request_timeout"), "local.request_timeout")).isEqualTo("3600s");
        Body service = resource("google_cloud_run_v2_service", "service");
        Body template = only(service, "template");
        assertThat(raw(template.attribute("timeout").orElseThrow())).isEqualTo("local.request_timeout");
        assertThat(raw(template.attribute("service_account").orElseThrow()))
                .isEqualTo("google_service_account.service[each.key].email");
        assertThat(raw(template.attribute("max_instance_request_concurrency").orElseThrow())).isEqualTo("each.value.concurrency");
        Body container = only(template, "containers");
        assertThat(text(only(only(container, "startup_probe"), "http_get").attribute("path").orElseThrow(), "startup path"))
                .as("the startup probe must not wait for the warehouse").isEqualTo(Services.STARTUP_PATH);
        assertThat(text(only(only(container, "liveness_probe"), "http_get").attribute("path").orElseThrow(), "liveness path"))
                .isEqualTo(Services.LIVENESS_PATH);
        for (String probe : List.of("startup_probe", "liveness_probe")) {
            assertThat(Double.parseDouble(text(only(container, probe).attribute("timeout_seconds")
                    .orElseThrow(() -> new AssertionError(probe + " has no timeout_seconds (Cloud Run's default is 1 s)")),
                    probe + ".timeout_seconds")))
                    .as(probe + ".timeout_seconds").isGreaterThanOrEqualTo(Services.MIN_PROBE_TIMEOUT_SECONDS);
        }
        // a revision starts only once the grants it reads and writes with exist (IAM changes take a while to apply)
        assertThat(((Hcl.ListExpr) service.attribute("depends_on").orElseThrow()).items()).extracting(TerraformValues::raw)
                .contains("google_bigquery_dataset_iam_member.access", "google_project_iam_member.job_user",
                        "google_storage_bucket_iam_member.loader_objects", "google_pubsub_topic_iam_member.publisher");
    }

    /** A scheduled job: the service whose endpoint it calls, the path, and the in-app cron it stands in for. */
    private record Schedule(String job, String service, String path, String inAppCron) {
    }

    private static final List<Schedule> SCHEDULES = List.of(
            new Schedule("daily_build", "transform-service", "/runs", "ESTORE_TRANSFORM_DAILY_CRON"),
            new Schedule("weekly_snapshot", "snapshot-service", "/snapshots/run", "ESTORE_SNAPSHOT_WEEKLY_CRON"),
            new Schedule("hourly_sweep", "loader-service", "/loads/sweep", "ESTORE_LOADER_SWEEP_CRON"));

    @Test
    void cloudSchedulerCallsEveryScheduledEndpointInsteadOfTheInAppCron() {
        Map<String, Expr> serviceEnv = object(locals.get("service_env"), "local.service_env");
        List<String> scheduled = strings(locals.get("scheduled_services"), "local.scheduled_services");
        for (Schedule schedule : SCHEDULES) {
            Body job = resource("google_cloud_scheduler_job", schedule.job());
            assertThat(raw(job.attribute("count").orElseThrow())).as(schedule.job() + " only on Cloud Run")
                    .startsWith("local.push ?");
            Body target = only(job, "http_target");
            assertThat(text(target.attribute("http_method").orElseThrow(), schedule.job() + ".http_method")).isEqualTo("POST");
            assertThat(raw(target.attribute("uri").orElseThrow())).as(schedule.job() + ".uri")
                    .contains("google_cloud_run_v2_service.service[\"" + schedule.service() + "\"].uri")
                    .endsWith(schedule.path() + "\"");
            Body oidc = only(target, "oidc_token");
            assertThat(raw(oidc.attribute("service_account_email").orElseThrow())).as(schedule.job())
                    .isEqualTo("google_service_account.scheduler[0].email");
            assertThat(raw(oidc.attribute("audience").orElseThrow())).as(schedule.job())
                    .isEqualTo("local.audiences[\"" + schedule.service() + "\"]");
            assertThat(scheduled).as("the scheduler may invoke " + schedule.service()).contains(schedule.service());
            assertThat(setsOff(serviceEnv.get(schedule.service()), schedule.inAppCron()))
                    .as(schedule.service() + " gets " + schedule.inAppCron() + " = \"off\" in local.service_env").isTrue();
        }
        assertThat(scheduled).as("the scheduler invokes nothing it does not call")
                .containsExactlyInAnyOrderElementsOf(SCHEDULES.stream().map(Schedule::service).toList());
    }

    /** Whether a service's env (an object literal, or a merge(...) of them) sets {@code name} to "off". */
    private static boolean setsOff(Expr env, String name) {
        if (env instanceof Hcl.ObjectExpr object) {
            return object.entries().containsKey(name) && text(object.entries().get(name), name).equals("off");
        }
        return Pattern.compile("\\b" + name + "\\s*=\\s*\"off\"").matcher(raw(env)).find();
    }

    @Test
    void cloudRunAuthenticatesEveryRequestAndOnlyThePushSchedulerAndCdAccountsMayInvoke() {
        Map<String, Expr> common = object(locals.get("common_env"), "local.common_env");
        assertThat(text(common.get("ESTORE_PUBSUB_PUSH_OIDC_ENABLED"), "ESTORE_PUBSUB_PUSH_OIDC_ENABLED"))
                .as("Cloud Run strips the push token's signature: the in-app check must be off").isEqualTo("false");
        assertThat(config.sources().values()).as("no in-app OIDC settings on Cloud Run")
                .noneMatch(source -> source.contains("ESTORE_PUBSUB_PUSH_OIDC_AUDIENCE")
                        || source.contains("ESTORE_PUBSUB_PUSH_OIDC_SERVICE_ACCOUNT_EMAIL"));
        assertThat(config.sources().values()).as("no public invoker")
                .noneMatch(source -> source.contains("\"allUsers\"") || source.contains("\"allAuthenticatedUsers\""));

        Body service = resource("google_cloud_run_v2_service", "service");
        Expr customAudiences = service.attribute("custom_audiences").orElseThrow();
        assertThat(customAudiences).as("the audience of push and scheduler tokens").isInstanceOf(Hcl.ListExpr.class);
        assertThat(((Hcl.ListExpr) customAudiences).items()).extracting(TerraformValues::raw)
                .containsExactly("local.audiences[each.key]");
        assertThat(service.attribute("invoker_iam_disabled")).as("Cloud Run must check run.invoker").isEmpty();
        assertThat(config.resources("google_cloud_run_v2_service_iam_binding")).isEmpty();
        assertThat(config.resources("google_cloud_run_v2_service_iam_policy")).isEmpty();
        assertThat(config.resources("google_cloud_run_v2_service_iam_member")).extracting(b -> b.label(1))
                .containsExactlyInAnyOrder("push_invoker", "scheduler_invoker", "cd_invoker");

        Body push = resource("google_cloud_run_v2_service_iam_member", "push_invoker");
        assertThat(text(push.attribute("role").orElseThrow(), "push_invoker.role")).isEqualTo("roles/run.invoker");
        assertThat(raw(push.attribute("member").orElseThrow())).isEqualTo("google_service_account.pubsub_push[0].member");
        assertThat(raw(push.attribute("for_each").orElseThrow())).as("only the services a subscription pushes to")
                .contains("local.push_target");
        Body scheduler = resource("google_cloud_run_v2_service_iam_member", "scheduler_invoker");
        assertThat(text(scheduler.attribute("role").orElseThrow(), "scheduler_invoker.role")).isEqualTo("roles/run.invoker");
        assertThat(raw(scheduler.attribute("member").orElseThrow())).isEqualTo("google_service_account.scheduler[0].member");
        assertThat(raw(scheduler.attribute("for_each").orElseThrow())).contains("local.scheduled_services");
        // The CD's account (github_oidc.tf): smoke checks of new revisions and the sync after a deploy; it exists
        // only when GitHub access is configured.
        Body cd = resource("google_cloud_run_v2_service_iam_member", "cd_invoker");
        assertThat(text(cd.attribute("role").orElseThrow(), "cd_invoker.role")).isEqualTo("roles/run.invoker");
        assertThat(raw(cd.attribute("member").orElseThrow())).isEqualTo("google_service_account.github[\"cd\"].member");
        assertThat(raw(cd.attribute("for_each").orElseThrow())).contains("local.github");
    }

    @Test
    void servicesThatMustNotRunTwiceHaveOneCloudRunInstance() {
        Map<String, Expr> services = object(locals.get("services"), "local.services");
        for (String name : Services.SINGLE_INSTANCE) {
            assertThat(text(object(services.get(name), name).get("max_instances"), name + ".max_instances"))
                    .as(name).isEqualTo("1");
        }
    }

    private void assertForEachRole(String type, String name, String forEach, String role) {
        Body body = resource(type, name);
        assertThat(raw(body.attribute("for_each").orElseThrow())).as(type + "." + name + " for_each").contains(forEach);
        if (role != null) {
            assertThat(text(body.attribute("role").orElseThrow(), type + "." + name + ".role")).isEqualTo(role);
        }
    }

    private static Body resource(String type, String name) {
        return config.resource(type, name)
                .orElseThrow(() -> new AssertionError("deploy/terraform declares no resource " + type + "." + name))
                .body();
    }

    private static Body only(Body body, String blockType) {
        List<Block> blocks = body.blocks(blockType);
        assertThat(blocks).as("one " + blockType + " block").hasSize(1);
        return blocks.get(0).body();
    }
}
