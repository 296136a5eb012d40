package dev.estore.deploy.checks.manifests;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ${NAME} placeholders of the Cloud Run manifests, which envsubst fills before gcloud run services replace,
 * with sample values for the checks.
 */
public final class CloudRunPlaceholders {

    public static final Map<String, String> SAMPLES = samples();

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z_]+)}");

    private CloudRunPlaceholders() {
    }

    public static Set<String> in(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The text as envsubst would leave it with the sample values. */
    public static String fill(String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = SAMPLES.get(m.group(1));
            if (value == null) {
                throw new AssertionError("${" + m.group(1) + "} is not a documented placeholder " + SAMPLES.keySet());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    private static Map<String, String> samples() {
        Map<String, String> samples = new LinkedHashMap<>();
        samples.put("PROJECT_ID", "my-estore-dev");
        samples.put("REGION", "europe-west1");
        samples.put("PREFIX", "estore-dev-");
        samples.put("DATASET_PREFIX", "estore_dev_");
        samples.put("BIGQUERY_LOCATION", "EU");
        samples.put("IMAGE_REGISTRY", "europe-west1-docker.pkg.dev/my-estore-dev/estore-dev");
        samples.put("IMAGE_TAG", "0.1.0");
        samples.put("BUCKET", "my-estore-dev-estore-dev-raw");
        samples.put("LOADER_OBJECT_PREFIX", "");
        samples.put("SLACK_WEBHOOK_SECRET", "estore-dev-slack-webhook-url");
        samples.put("OMNI_API_KEY_SECRET", "estore-dev-omni-api-key");
        samples.put("OMNI_BASE_URL", "https://example.omniapp.co");
        samples.put("OMNI_MODEL_ID", "model-1");
        samples.put("OMNI_CONNECTION_ID", "connection-1");
        samples.put("OMNI_BRANCH_ID", "");
        samples.put("OMNI_REFRESH_ON_BRANCH", "false");
        return Map.copyOf(samples);
    }
}
