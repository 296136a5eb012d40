package dev.estore.transform.build;

import dev.estore.shared.ports.SqlDialect;
import dev.estore.transform.project.DataTestSpec;
import dev.estore.transform.sql.Macros;
import dev.estore.transform.sql.TemplateContext;

/**
 * Renders a singular test's template with every ref() and tested_rows() left as a marker: which relation a model is
 * read from, and which of its rows are tested, is only known when the test runs (a model's unpublished audit inside
 * its build, its published table elsewhere).
 */
final class RefMarkers implements TemplateContext {

    private final ModelContext context;

    RefMarkers(ModelContext context) {
        this.context = context;
    }

    @Override
    public String ref(String model) {
        return DataTestSpec.refMarker(model);
    }

    @Override
    public String testedRows(String model) {
        return DataTestSpec.testedRowsMarker(model);
    }

    @Override
    public String source(String schema, String table) {
        return context.source(schema, table);
    }

    @Override
    public String var(String name) {
        return context.var(name);
    }

    @Override
    public SqlDialect dialect() {
        return context.dialect();
    }

    @Override
    public Macros macros() {
        return context.macros();
    }
}
