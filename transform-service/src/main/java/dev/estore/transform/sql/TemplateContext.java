package dev.estore.transform.sql;

import dev.estore.shared.ports.SqlDialect;
import dev.estore.transform.window.ChangedWindow;

/** What a model's {{ ... }} calls resolve against. */
public interface TemplateContext {

    /** The relation of another model. */
    String ref(String model);

    /** The relation of a loaded source table, e.g. raw.events. */
    String source(String schema, String table);

    /** A variable's value as SQL (a number, or a quoted string). */
    String var(String name);

    SqlDialect dialect();

    /** The days this build recomputes: every day in a full build. */
    default ChangedWindow window() {
        return ChangedWindow.all();
    }

    /** The days this build reads: its window plus any days it must read again ({@code also_reads}). */
    default ChangedWindow readWindow() {
        return window();
    }

    /** True when the model changes its previous state rather than being built from scratch. */
    default boolean isIncremental() {
        return false;
    }

    /** The project's macros (its macros/ folder). */
    default Macros macros() {
        return Macros.none();
    }

    /** {{ seed('name') }}: a seed's rows as one SELECT of constants, in this dialect. */
    default String seed(String name) {
        throw new TemplateException("seed('" + name + "') is only known in a model project");
    }

    /**
     * {{ tested_rows('model') }}, in a singular test: the rows of that model its build tests (those the build
     * changed; every row after a full build and in ./estore test), as SQLMesh audits an incremental model's
     * processed interval. A test reading every row uses ref().
     */
    default String testedRows(String model) {
        throw new TemplateException("tested_rows('" + model + "') is only known in a singular test (tests/ folder)");
    }

    /** {{ this }}: the model's own published relation. */
    default String self() {
        throw new TemplateException("{{ this }} is only known while a model is built");
    }
}
