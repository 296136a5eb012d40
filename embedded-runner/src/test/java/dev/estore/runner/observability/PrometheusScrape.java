package dev.estore.runner.observability;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** A /q/metrics answer read as series ("name{label="value",...}", labels sorted as Micrometer writes them). */
final class PrometheusScrape {

    private final Map<String, Double> series = new LinkedHashMap<>();

    PrometheusScrape(String text) {
        text.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).forEach(line -> {
            // a counter incremented under a span ends with its exemplar: "... 1.0 # {span_id=..,trace_id=..} 1.0 <time>"
            int exemplar = line.indexOf(" # ");
            String sample = exemplar < 0 ? line : line.substring(0, exemplar);
            int space = sample.lastIndexOf(' ');
            series.put(sample.substring(0, space), Double.parseDouble(sample.substring(space + 1)));
        });
    }

    /** The value of one series, or null when it is not served; labels as name, value pairs. */
    Double value(String name, String... labels) {
        Map<String, String> sorted = new TreeMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            sorted.put(labels[i], labels[i + 1]);
        }
        String key = sorted.isEmpty() ? name : name + sorted.entrySet().stream()
                .map(label -> label.getKey() + "=\"" + label.getValue() + "\"").collect(Collectors.joining(",", "{", "}"));
        return series.get(key);
    }

    /** Every series of a metric, by its full name with labels. */
    Map<String, Double> all(String name) {
        return series.entrySet().stream().filter(entry -> entry.getKey().equals(name)
                || entry.getKey().startsWith(name + "{")).collect(Collectors.toMap(Map.Entry::getKey,
                        Map.Entry::getValue, (a, b) -> a, TreeMap::new));
    }
}
