package dev.estore.transform.project;

import java.util.List;

/** A documented column of a model with the data tests declared on it. */
public record ColumnSpec(String name, String description, List<DataTestSpec> tests) {
}
