package dev.estore.semantic.query;

import dev.estore.semantic.catalog.DimensionField;
import dev.estore.semantic.catalog.MeasureField;
import dev.estore.semantic.model.TopicDefinition;
import dev.estore.shared.ports.Warehouse.ValueKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds the fields a query names among those its topic offers: {@code view.field}, or a bare {@code field} when
 * the base view has it or exactly one view of the topic does. Unknown names are collected, so one 400 answer
 * names all of them.
 */
final class FieldResolver {

    private final TopicDefinition topic;
    private final List<DimensionField> dimensions;
    private final List<MeasureField> measures;

    FieldResolver(TopicDefinition topic, List<DimensionField> dimensions, List<MeasureField> measures) {
        this.topic = topic;
        this.dimensions = dimensions;
        this.measures = measures;
    }

    List<DimensionField> dimensions(List<String> names, List<String> unknown) {
        List<DimensionField> found = new ArrayList<>();
        for (String name : names) {
            find(name, dimensions, DimensionField::view, DimensionField::name).ifPresentOrElse(found::add,
                    () -> unknown.add(unknownMessage("dimension", name)));
        }
        return found;
    }

    List<MeasureField> measures(List<String> names, List<String> unknown) {
        List<MeasureField> found = new ArrayList<>();
        for (String name : names) {
            find(name, measures, MeasureField::view, MeasureField::name).ifPresentOrElse(found::add,
                    () -> unknown.add(unknownMessage("measure", name)));
        }
        return found;
    }

    Optional<QueryCompiler.ResolvedFilter> filter(QueryRequest.Filter filter, List<String> problems) {
        String name = filter.field();
        Optional<DimensionField> dimension = find(name, dimensions, DimensionField::view, DimensionField::name);
        Optional<MeasureField> measure = dimension.isPresent() ? Optional.empty()
                : find(name, measures, MeasureField::view, MeasureField::name);
        if (dimension.isEmpty() && measure.isEmpty()) {
            problems.add(unknownMessage("filter field", name));
            return Optional.empty();
        }
        try {
            FilterOperator op = FilterOperator.parse(filter.op());
            ValueKind kind = dimension.map(DimensionField::kind).orElse(ValueKind.DECIMAL);
            List<Object> raw = values(filter, op);
            List<Object> values = raw.stream().map(value -> ParameterValues.convert(name, kind, value)).toList();
            return Optional.of(new QueryCompiler.ResolvedFilter(dimension.orElse(null), measure.orElse(null), op,
                    kind, values));
        } catch (QueryException e) {
            problems.add(e.getMessage().startsWith("filter on") ? e.getMessage()
                    : "filter on " + name + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private static List<Object> values(QueryRequest.Filter filter, FilterOperator op) {
        List<Object> values = new ArrayList<>();
        if (filter.values() != null) {
            values.addAll(filter.values());
        }
        if (filter.value() != null) {
            if (filter.value() instanceof Collection<?> many) {
                values.addAll(many);
            } else {
                values.add(filter.value());
            }
        }
        String opName = op.name().toLowerCase();
        if (op.arity == 0 && !values.isEmpty()) {
            throw new QueryException("op " + opName + " takes no value");
        }
        if (op.arity > 0 && values.size() != op.arity) {
            throw new QueryException("op " + opName + " takes " + op.arity + " value(s), got " + values.size());
        }
        if (op.arity < 0 && values.isEmpty()) {
            throw new QueryException("op " + opName + " takes one or more values");
        }
        return values;
    }

    private <F> Optional<F> find(String name, List<F> fields, Function<F, String> view, Function<F, String> field) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        int dot = name.indexOf('.');
        if (dot >= 0) {
            String viewName = name.substring(0, dot);
            String fieldName = name.substring(dot + 1);
            return fields.stream().filter(f -> view.apply(f).equals(viewName) && field.apply(f).equals(fieldName))
                    .findFirst();
        }
        Optional<F> onBase = fields.stream().filter(f -> view.apply(f).equals(topic.baseView())
                && field.apply(f).equals(name)).findFirst();
        if (onBase.isPresent()) {
            return onBase;
        }
        List<F> matches = fields.stream().filter(f -> field.apply(f).equals(name)).toList();
        return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
    }

    private String unknownMessage(String role, String name) {
        long sameName = dimensions.stream().filter(d -> d.name().equals(name)).count()
                + measures.stream().filter(m -> m.name().equals(name)).count();
        if (name != null && !name.contains(".") && sameName > 1) {
            return "ambiguous " + role + " '" + name + "' in topic " + topic.name() + ": qualify it as view.field";
        }
        return "unknown " + role + " '" + name + "' in topic " + topic.name() + " (views: " + topic.views()
                + "; GET /semantic/topics lists every field)";
    }
}
