package dev.estore.transform.project;

/** A date partitioning column (BigQuery partitions by it; insert-overwrite rewrites by it). */
public record PartitionSpec(String field, String dataType, String granularity) {
}
