package dev.estore.cloudcheck;

import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.Dataset;
import java.util.ArrayList;
import java.util.List;

/** One dataset per warehouse schema, in the location the services query in. */
final class DatasetResources {

    private final BigQuery bigQuery;

    DatasetResources(BigQuery bigQuery) {
        this.bigQuery = bigQuery;
    }

    List<Finding> check(Deployment deployment, String location) {
        List<Finding> findings = new ArrayList<>();
        for (String schema : Deployment.SCHEMAS) {
            String resource = "dataset " + deployment.project() + "." + deployment.datasets().dataset(schema);
            try {
                Dataset dataset = bigQuery.getDataset(deployment.datasets().datasetId(schema));
                if (dataset == null) {
                    findings.add(Finding.missing(resource, "terraform apply in deploy/terraform "
                            + "(google_bigquery_dataset); the services also create it on first use if their "
                            + "account may (roles/bigquery.dataEditor on the project)"));
                } else if (location != null && dataset.getLocation() != null
                        && !dataset.getLocation().equalsIgnoreCase(location)) {
                    findings.add(Finding.wrong(resource, "in " + dataset.getLocation() + ", but the services query "
                            + "in " + location + " (estore.bigquery.location): their jobs would not find it",
                            "set estore.bigquery.location to " + dataset.getLocation() + ", or recreate the dataset"));
                } else {
                    findings.add(Finding.ok(resource, "exists, in " + dataset.getLocation()));
                }
            } catch (RuntimeException e) {
                findings.add(Finding.unreadable(resource, e, "grant the checking account roles/bigquery.metadataViewer "
                        + "and enable bigquery.googleapis.com"));
            }
        }
        return findings;
    }
}
