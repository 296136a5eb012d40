package dev.estore.semantic.model;

import dev.estore.shared.ports.Warehouse.ValueKind;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The kinds of column a custom field's SQL can use a column as. */
public enum KindRequirement {
    NUMERIC(EnumSet.of(ValueKind.INTEGER, ValueKind.DECIMAL, ValueKind.FLOAT)),
    INTEGER(EnumSet.of(ValueKind.INTEGER)),
    TEXT(EnumSet.of(ValueKind.TEXT)),
    DATE(EnumSet.of(ValueKind.DATE)),
    TIMESTAMP(EnumSet.of(ValueKind.TIMESTAMP)),
    BOOLEAN(EnumSet.of(ValueKind.BOOLEAN)),
    ANY(EnumSet.allOf(ValueKind.class));

    private final Set<ValueKind> accepted;

    KindRequirement(Set<ValueKind> accepted) {
        this.accepted = accepted;
    }

    public boolean accepts(ValueKind kind) {
        return accepted.contains(kind);
    }

    public static KindRequirement parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
