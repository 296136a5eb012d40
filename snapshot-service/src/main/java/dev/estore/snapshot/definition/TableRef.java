package dev.estore.snapshot.definition;

/** A table by schema (dataset) and name; the warehouse turns it into a relation. */
public record TableRef(String schema, String table) {

    @Override
    public String toString() {
        return schema + "." + table;
    }
}
