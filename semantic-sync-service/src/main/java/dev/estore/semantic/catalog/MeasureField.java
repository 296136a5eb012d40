package dev.estore.semantic.catalog;

import dev.estore.semantic.model.ColumnRef;
import dev.estore.semantic.model.MeasureType;
import java.util.List;

/**
 * A measure as the query API sees it. An aggregate has its row-level {@code sql}; a ratio has the two aggregate
 * measures it divides.
 */
public record MeasureField(String view, String name, MeasureType type, String sql, String description,
        MeasureField numerator, MeasureField denominator, List<ColumnRef> references) {

    public String qualified() {
        return view + "." + name;
    }

    /** The aggregates this measure needs: itself, or the two parts of a ratio. */
    public List<MeasureField> aggregates() {
        return type == MeasureType.RATIO ? List.of(numerator, denominator) : List.of(this);
    }

    /** Every view whose columns the measure reads. */
    public List<String> views() {
        return aggregates().stream().flatMap(aggregate -> java.util.stream.Stream.concat(
                java.util.stream.Stream.of(aggregate.view()), aggregate.references().stream().map(ColumnRef::view)))
                .distinct().toList();
    }
}
