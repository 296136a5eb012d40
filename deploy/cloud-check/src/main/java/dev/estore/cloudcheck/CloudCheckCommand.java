package dev.estore.cloudcheck;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./estore cloud check}: what the project holds of the deployment, resource by resource, with fixes. */
@Command(name = "estore cloud check", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Reads (never writes) what a Google Cloud project holds of the estore deployment: the bucket "
                + "and its notification, the topics and subscriptions (topic, dead-letter policy, retry policy, push "
                + "endpoint), the datasets and their location, and whether Omni answers. Prints each resource's "
                + "state and, for what is missing or wrong, the fix. Exit code 0 when all is right, 1 otherwise, "
                + "2 on bad usage. Uses Application Default Credentials (gcloud auth application-default login).",
                "", "Example:", "  ./estore cloud check --project my-project --bucket my-project-estore-raw "
                        + "--location EU --omni-url https://acme.omniapp.co"},
        exitCodeOnInvalidInput = 2)
public final class CloudCheckCommand implements Callable<Integer> {

    @Option(names = "--project", required = true, defaultValue = "${env:GOOGLE_CLOUD_PROJECT}",
            description = "The project (default: GOOGLE_CLOUD_PROJECT).")
    String project;

    @Option(names = "--bucket", required = true, description = "The bucket the event files land in.")
    String bucket;

    @Option(names = "--prefix", defaultValue = "estore-",
            description = "Resource prefix (Terraform's prefix, estore.pubsub.topic-prefix; default ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--dataset-prefix", description = "Dataset prefix (estore.bigquery.dataset-prefix; default: the "
            + "prefix with '-' as '_').")
    String datasetPrefix;

    @Option(names = "--location", description = "The BigQuery location the services query in "
            + "(estore.bigquery.location); datasets elsewhere are reported.")
    String location;

    @Option(names = "--receive-mode", defaultValue = "push", description = "push (Cloud Run) or pull (Kubernetes); "
            + "default ${DEFAULT-VALUE}.")
    String receiveMode;

    @Option(names = "--omni-url", description = "Omni's base URL; not checked when absent.")
    String omniUrl;

    @Option(names = "--omni-api-key-env", defaultValue = "ESTORE_OMNI_API_KEY",
            description = "The environment variable holding Omni's API key (default ${DEFAULT-VALUE}).")
    String omniApiKeyEnv;

    @Option(names = "--storage-host", hidden = true, description = "A Storage stand-in's URL (tests).")
    String storageHost;

    @Option(names = "--bigquery-host", hidden = true, description = "A BigQuery stand-in's URL (tests).")
    String bigQueryHost;

    private final Map<String, String> environment;
    private final PrintStream out;

    public CloudCheckCommand() {
        this(System.getenv(), System.out);
    }

    CloudCheckCommand(Map<String, String> environment, PrintStream out) {
        this.environment = environment;
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new CloudCheckCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (!receiveMode.equals("push") && !receiveMode.equals("pull")) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--receive-mode is push or pull, not '"
                    + receiveMode + "'");
        }
        Deployment deployment = new Deployment(project, bucket, prefix,
                datasetPrefix != null ? datasetPrefix : prefix.replace('-', '_'), receiveMode.equals("push"));
        List<Finding> findings = new ArrayList<>();
        try (GoogleClients clients = new GoogleClients(project, environment.get("PUBSUB_EMULATOR_HOST"), storageHost,
                bigQueryHost)) {
            findings.addAll(new BucketResources(clients.storage).check(deployment));
            findings.addAll(new PubSubResources(clients.topics, clients.subscriptions).check(deployment));
            findings.addAll(new DatasetResources(clients.bigQuery).check(deployment, location));
        } catch (java.io.IOException e) {
            out.println("Cannot reach Google Cloud: " + e.getMessage());
            out.println("fix: gcloud auth application-default login (or GOOGLE_APPLICATION_CREDENTIALS=<key file>), "
                    + "then run the check again");
            return 1;
        }
        if (omniUrl != null) {
            findings.add(new OmniReachability().check(omniUrl, environment.get(omniApiKeyEnv)));
        }
        print(findings);
        return findings.stream().anyMatch(Finding::isProblem) ? 1 : 0;
    }

    private void print(List<Finding> findings) {
        int width = findings.stream().mapToInt(finding -> finding.resource().length()).max().orElse(10);
        for (Finding finding : findings) {
            out.printf("%-11s %-" + width + "s  %s%n", finding.status(), finding.resource(), finding.detail());
            if (!finding.fix().isEmpty()) {
                out.printf("%-11s %-" + width + "s  fix: %s%n", "", "", finding.fix());
            }
        }
        Map<Finding.Status, Long> counts = findings.stream().collect(Collectors.groupingBy(Finding::status,
                () -> new java.util.EnumMap<>(Finding.Status.class), Collectors.counting()));
        out.printf("%d resources checked: %s%n", findings.size(), counts.entrySet().stream()
                .map(entry -> entry.getValue() + " " + entry.getKey().name().toLowerCase(java.util.Locale.ROOT))
                .collect(Collectors.joining(", ")));
        out.println("Not checked here: the services' IAM roles (deploy/terraform/iam.tf grants them; gcloud projects "
                + "get-iam-policy " + project + " shows them) and the Cloud Run services themselves (gcloud run "
                + "services list).");
    }
}
