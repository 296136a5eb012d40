package dev.estore.semantic.catalog;

import dev.estore.semantic.model.ColumnRef;
import dev.estore.semantic.model.CustomDimension;
import dev.estore.semantic.model.JoinDefinition;
import dev.estore.semantic.model.KindRequirement;
import dev.estore.semantic.model.MeasureDefinition;
import dev.estore.semantic.model.SemanticModel;
import dev.estore.semantic.model.SemanticModelLoader;
import dev.estore.semantic.model.TopicDefinition;
import dev.estore.semantic.model.ViewDefinition;
import dev.estore.shared.ports.Warehouse;
import dev.estore.shared.ports.Warehouse.ColumnInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks the semantic model against the warehouse and resolves it into a catalog: every view's table exists,
 * every column a dimension, measure, key or join uses exists with a fitting kind. Every broken reference is
 * reported by name (all of them, not only the first), and then there is no catalog.
 */
public final class CatalogResolver {

    private final Warehouse warehouse;

    public CatalogResolver(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    /** The outcome of one validation: a catalog when {@code problems} is empty. */
    public record Resolution(SemanticCatalog catalog, List<String> problems) {

        public boolean valid() {
            return problems.isEmpty();
        }
    }

    public Resolution resolve(SemanticModel model) {
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, ColumnInfo>> columns = new LinkedHashMap<>();
        for (ViewDefinition view : model.views().values()) {
            Map<String, ColumnInfo> byName = warehouse.describeColumns(view.schema(), view.table()).stream()
                    .collect(Collectors.toMap(ColumnInfo::name, column -> column, (a, b) -> a, LinkedHashMap::new));
            if (byName.isEmpty()) {
                problems.add(view.file() + ": view " + view.name() + " reads " + view.schema() + "." + view.table()
                        + ", which does not exist in the warehouse. Fix: build that model, or correct 'table:'.");
            }
            columns.put(view.name(), byName);
        }
        for (ViewDefinition view : model.views().values()) {
            if (columns.get(view.name()).isEmpty()) {
                continue;
            }
            check(columns, view, new ColumnRef(view.name(), view.primaryKey()), KindRequirement.ANY,
                    "primary_key", problems);
            for (CustomDimension dimension : view.dimensions().values()) {
                if (columns.get(view.name()).containsKey(dimension.name())) {
                    problems.add(view.file() + ": custom dimension " + dimension.name() + " has the name of a "
                            + "column of " + view.schema() + "." + view.table() + ". Fix: rename the dimension.");
                }
                dimension.expects().forEach((ref, kind) -> check(columns, view, ref, kind,
                        "dimension " + dimension.name(), problems));
            }
            for (MeasureDefinition measure : view.measures().values()) {
                measure.expects().forEach((ref, kind) -> check(columns, view, ref, kind,
                        "measure " + measure.name(), problems));
            }
        }
        for (TopicDefinition topic : model.topics().values()) {
            for (JoinDefinition join : topic.joins()) {
                ViewDefinition from = model.views().get(join.from());
                join.on().forEach((fromColumn, toColumn) -> {
                    check(columns, from, new ColumnRef(join.from(), fromColumn), KindRequirement.ANY,
                            "the join of " + join.view() + " in topic " + topic.name(), problems);
                    check(columns, from, new ColumnRef(join.view(), toColumn), KindRequirement.ANY,
                            "the join of " + join.view() + " in topic " + topic.name(), problems);
                });
            }
        }
        if (!problems.isEmpty()) {
            return new Resolution(null, List.copyOf(problems));
        }
        Map<String, ResolvedView> views = new LinkedHashMap<>();
        for (ViewDefinition view : model.views().values()) {
            views.put(view.name(), resolveView(model, view, columns.get(view.name())));
        }
        return new Resolution(new SemanticCatalog(views, model.topics(), Instant.now()), List.of());
    }

    private void check(Map<String, Map<String, ColumnInfo>> columns, ViewDefinition owner, ColumnRef ref,
            KindRequirement kind, String user, List<String> problems) {
        Map<String, ColumnInfo> viewColumns = columns.get(ref.view());
        if (viewColumns == null || viewColumns.isEmpty()) {
            return; // the missing table is reported once, by its own view
        }
        ColumnInfo column = viewColumns.get(ref.column());
        if (column == null) {
            problems.add(owner.file() + ": " + user + " uses " + ref.qualified() + ", but the warehouse relation "
                    + "of " + ref.view() + " has no column " + ref.column() + " (it has " + viewColumns.keySet()
                    + "). Fix: correct the reference, or the model that builds the table.");
        } else if (!kind.accepts(column.kind())) {
            problems.add(owner.file() + ": " + user + " uses " + ref.qualified() + " as " + kind + ", but it is "
                    + column.engineType() + " (" + column.kind() + ") in the warehouse. Fix: cast it in the model, "
                    + "or change the field's SQL and its 'expects'.");
        }
    }

    private ResolvedView resolveView(SemanticModel model, ViewDefinition view, Map<String, ColumnInfo> columns) {
        Map<String, DimensionField> dimensions = new LinkedHashMap<>();
        columns.values().forEach(column -> dimensions.put(column.name(),
                DimensionField.column(view.name(), column.name(), column.kind(), column.description())));
        view.dimensions().values().forEach(dimension -> dimensions.put(dimension.name(), new DimensionField(
                view.name(), dimension.name(), dimension.type(), dimension.description(), dimension.sql(), true,
                dimension.window(), dimension.references())));
        Map<String, MeasureField> measures = new LinkedHashMap<>();
        view.measures().values().forEach(measure -> measures.put(measure.name(), measureField(model, measure)));
        return new ResolvedView(view, warehouse.relation(view.schema(), view.table()), view.description(),
                dimensions, measures);
    }

    private static MeasureField measureField(SemanticModel model, MeasureDefinition measure) {
        if (!measure.isRatio()) {
            return new MeasureField(measure.view(), measure.name(), measure.type(), measure.sql(),
                    measure.description(), null, null, measure.references());
        }
        String where = "measure " + measure.view() + "." + measure.name();
        return new MeasureField(measure.view(), measure.name(), measure.type(), null, measure.description(),
                measureField(model, SemanticModelLoader.resolveMeasure(model, measure.view(), measure.numerator(),
                        where)),
                measureField(model, SemanticModelLoader.resolveMeasure(model, measure.view(), measure.denominator(),
                        where)),
                List.of());
    }
}
