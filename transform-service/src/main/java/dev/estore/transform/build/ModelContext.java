package dev.estore.transform.build;

import dev.estore.shared.ports.SqlDialect;
import dev.estore.shared.ports.Warehouse;
import dev.estore.transform.project.ModelProject;
import dev.estore.transform.sql.Macros;
import dev.estore.transform.sql.TemplateContext;
import dev.estore.transform.sql.TemplateException;
import dev.estore.transform.window.ChangedWindow;
import java.util.HashMap;
import java.util.Map;

/**
 * Resolves a model's refs, sources and variables against one warehouse and the configured variables; for one
 * model's build ({@link #forBuild}) also its changed window, whether the build is incremental and {{ this }}.
 */
public final class ModelContext implements TemplateContext {

    private final ModelProject project;
    private final Warehouse warehouse;
    private final Map<String, String> vars;
    private final String model;
    private final ChangedWindow window;
    private final ChangedWindow readWindow;
    private final boolean incremental;
    /** What {{ this }} names: the published relation, or for a post_hook the one just written. */
    private final String self;

    public ModelContext(ModelProject project, Warehouse warehouse, Map<String, String> overrides) {
        this.project = project;
        this.warehouse = warehouse;
        this.vars = new HashMap<>(project.varDefaults());
        this.vars.putAll(overrides);
        this.model = null;
        this.window = ChangedWindow.all();
        this.readWindow = ChangedWindow.all();
        this.incremental = false;
        this.self = null;
    }

    private ModelContext(ModelContext base, String model, ChangedWindow window, ChangedWindow readWindow,
            boolean incremental, String self) {
        this.project = base.project;
        this.warehouse = base.warehouse;
        this.vars = base.vars;
        this.model = model;
        this.window = window;
        this.readWindow = readWindow;
        this.incremental = incremental;
        this.self = self;
    }

    /** The context of one model's build: the days it recomputes, and whether it changes its previous state. */
    public ModelContext forBuild(String model, ChangedWindow window, boolean incremental) {
        return new ModelContext(this, model, window, window, incremental, null);
    }

    /** The same build, reading these days as well. */
    public ModelContext readingAlso(ChangedWindow days) {
        return new ModelContext(this, model, window, window.union(days), incremental, self);
    }

    /** The same build, with {{ this }} naming {@code relation} (a post_hook's, the relation just written). */
    public ModelContext withSelf(String relation) {
        return new ModelContext(this, model, window, readWindow, incremental, relation);
    }

    @Override
    public ChangedWindow readWindow() {
        return readWindow;
    }

    @Override
    public ChangedWindow window() {
        return window;
    }

    @Override
    public boolean isIncremental() {
        return incremental;
    }

    @Override
    public String self() {
        if (model == null) {
            throw new TemplateException("{{ this }} is only known while a model is built");
        }
        return self != null ? self : relationOf(model);
    }

    @Override
    public String ref(String model) {
        return relationOf(model);
    }

    public String relationOf(String model) {
        var definition = project.model(model);
        return warehouse.relation(definition.schema(), definition.name());
    }

    @Override
    public String seed(String name) {
        return project.seed(name).map(seed -> seed.select(warehouse.dialect())).orElseThrow(() ->
                new dev.estore.transform.sql.TemplateException("No seed named '" + name + "' in seeds/"));
    }

    @Override
    public String source(String schema, String table) {
        if (!project.sources().getOrDefault(schema, java.util.List.of()).contains(table)) {
            throw new TemplateException("source('" + schema + "', '" + table + "') is not declared under sources "
                    + "in models/project.yml: " + project.sources());
        }
        return warehouse.relation(schema, table);
    }

    @Override
    public String var(String name) {
        String value = vars.get(name);
        if (value == null) {
            throw new TemplateException("var('" + name + "') has no value; declare it under vars in "
                    + "models/project.yml or set estore.transform.vars." + name);
        }
        return value.matches("-?\\d+(\\.\\d+)?") ? value : "'" + value.replace("'", "''") + "'";
    }

    @Override
    public Macros macros() {
        return project.macros().forDialect(warehouse.dialect().name());
    }

    @Override
    public SqlDialect dialect() {
        return warehouse.dialect();
    }

    public Map<String, String> vars() {
        return Map.copyOf(vars);
    }
}
