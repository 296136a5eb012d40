package dev.estore.gcp.bigquery;

import com.google.cloud.bigquery.DatasetId;
import com.google.cloud.bigquery.TableId;

/**
 * How the warehouse's schemas map to BigQuery: schema {@code marts} is dataset {@code <prefix>marts} of the
 * project, and relations are written fully qualified in backticks, so no statement depends on a default dataset.
 */
public record Datasets(String project, String prefix) {

    public String dataset(String schema) {
        return prefix + schema;
    }

    public DatasetId datasetId(String schema) {
        return DatasetId.of(project, dataset(schema));
    }

    public TableId table(String schema, String name) {
        return TableId.of(project, dataset(schema), name);
    }

    public String relation(String schema, String name) {
        return "`" + project + "." + dataset(schema) + "." + name + "`";
    }
}
