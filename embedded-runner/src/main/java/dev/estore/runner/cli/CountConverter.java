package dev.estore.runner.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads counts like 1000000, 1_000_000, 500k, 10M. */
public class CountConverter implements ITypeConverter<Long> {

    @Override
    public Long convert(String value) {
        String text = value.trim().replace("_", "").replace(",", "");
        long factor = 1;
        char last = Character.toLowerCase(text.isEmpty() ? ' ' : text.charAt(text.length() - 1));
        if (last == 'k' || last == 'm' || last == 'g') {
            factor = last == 'k' ? 1_000L : last == 'm' ? 1_000_000L : 1_000_000_000L;
            text = text.substring(0, text.length() - 1);
        }
        try {
            return Math.round(Double.parseDouble(text) * factor);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a count (e.g. 1000000, 500k, 10M)");
        }
    }
}
