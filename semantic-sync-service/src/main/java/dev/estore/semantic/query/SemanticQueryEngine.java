package dev.estore.semantic.query;

import dev.estore.semantic.catalog.SemanticLayer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles queries against the current catalog and runs them on the warehouse. Answers are cached until the next
 * sync (which follows every build), keyed by the SQL, its parameters and the fields' names, so a dashboard read by
 * many people, or the findings asked again, costs the warehouse one query per build: on BigQuery, bytes billed once.
 */
@ApplicationScoped
public class SemanticQueryEngine {

    /** Distinct answers kept per build: a dashboard's filter combinations, not a warehouse copy. */
    static final int CACHED_ANSWERS = 500;

    private final SemanticLayer layer;
    private final Map<String, QueryResult> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, QueryResult> eldest) {
            return size() > CACHED_ANSWERS;
        }
    };
    private long cachedGeneration = -1;

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
        long generation = layer.generation();
        // the fields as the request named them ("count" or "fct_sessions.count"): the same SQL, other row keys
        String key = query.sql() + "\u0000" + query.parameters() + "\u0000"
                + query.columns().stream().map(CompiledQuery.OutputColumn::field).toList();
        synchronized (cache) {
            if (cachedGeneration != generation) {
                cache.clear();
                cachedGeneration = generation;
            }
            QueryResult hit = cache.get(key);
            if (hit != null) {
                return hit.fromCache();
            }
        }
        long started = System.nanoTime();
        List<Map<String, Object>> raw = layer.warehouse().query(query.sql(), query.parameters().toArray());
        List<Map<String, Object>> rows = new ArrayList<>(raw.size());
        for (Map<String, Object> row : raw) {
            Map<String, Object> named = new LinkedHashMap<>();
            query.columns().forEach(column -> named.put(column.field(), row.get(column.alias())));
            rows.add(named);
        }
        QueryResult result = new QueryResult(query.topic(), query.columns(), List.copyOf(rows), query.sql(),
                query.parameters(), (System.nanoTime() - started) / 1_000_000);
        synchronized (cache) {
            if (cachedGeneration == generation) { // a sync meanwhile: this answer may predate it
                cache.put(key, result);
            }
        }
        return result;
    }
}
