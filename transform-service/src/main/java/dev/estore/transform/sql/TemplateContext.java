package dev.estore.transform.sql;

import dev.estore.shared.ports.SqlDialect;

/** What a model's {{ ... }} calls resolve against. */
public interface TemplateContext {

    /** The relation of another model. */
    String ref(String model);

    /** The relation of a loaded source table, e.g. raw.events. */
    String source(String schema, String table);

    /** A variable's value as SQL (a number, or a quoted string). */
    String var(String name);

    SqlDialect dialect();
}
