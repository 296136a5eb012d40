package dev.estore.semantic.query;

import dev.estore.semantic.catalog.SemanticLayer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Compiles queries against the current catalog and runs them on the warehouse. */
@ApplicationScoped
public class SemanticQueryEngine {

    private final SemanticLayer layer;

    public SemanticQueryEngine(SemanticLayer layer) {
        this.layer = layer;
    }

    public CompiledQuery compile(QueryRequest request) {
        return new QueryCompiler(layer.catalog(), layer.warehouse().dialect()).compile(request);
    }

    public QueryResult run(QueryRequest request) {
        CompiledQuery query = compile(request);
        if (request.isDryRun()) {
            return new QueryResult(query.topic(), query.columns(), List.of(), query.sql(), query.parameters(), 0);
        }
        long started = System.nanoTime();
        List<Map<String, Object>> raw = layer.warehouse().query(query.sql(), query.parameters().toArray());
        List<Map<String, Object>> rows = new ArrayList<>(raw.size());
        for (Map<String, Object> row : raw) {
            Map<String, Object> named = new LinkedHashMap<>();
            query.columns().forEach(column -> named.put(column.field(), row.get(column.alias())));
            rows.add(named);
        }
        return new QueryResult(query.topic(), query.columns(), rows, query.sql(), query.parameters(),
                (System.nanoTime() - started) / 1_000_000);
    }
}
