package dev.estore.semantic.model;

import java.util.Locale;

/** How a measure aggregates: standard aggregates over an expression, or the ratio of two other measures. */
public enum MeasureType {
    COUNT, SUM, AVG, MIN, MAX, COUNT_DISTINCT, RATIO;

    public static MeasureType parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
