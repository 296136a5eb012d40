package dev.estore.transform.project;

/** A named query run after a model is built, whose rows go into the run's record (e.g. rows left out). */
public record ReportSpec(String name, String description, String sql) {
}
