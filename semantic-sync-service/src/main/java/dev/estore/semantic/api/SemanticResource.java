package dev.estore.semantic.api;

import dev.estore.semantic.catalog.DimensionField;
import dev.estore.semantic.catalog.MeasureField;
import dev.estore.semantic.catalog.SemanticCatalog;
import dev.estore.semantic.catalog.SemanticLayer;
import dev.estore.semantic.model.TopicDefinition;
import dev.estore.semantic.query.CompiledQuery;
import dev.estore.semantic.query.CsvFormat;
import dev.estore.semantic.query.QueryException;
import dev.estore.semantic.query.QueryRequest;
import dev.estore.semantic.query.QueryResult;
import dev.estore.semantic.query.SemanticQueryEngine;
import dev.estore.semantic.sync.SemanticSync;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The semantic layer's HTTP API: what can be asked, asking it, and the syncs so far. */
@Path("/semantic")
public class SemanticResource {

    private static final String CSV = "text/csv";

    private final SemanticLayer layer;
    private final SemanticQueryEngine queries;
    private final SemanticSync sync;

    public SemanticResource(SemanticLayer layer, SemanticQueryEngine queries, SemanticSync sync) {
        this.layer = layer;
        this.queries = queries;
        this.sync = sync;
    }

    public record TopicListing(String name, String description, String baseView, List<String> views,
            List<FieldListing> dimensions, List<FieldListing> measures) {
    }

    public record FieldListing(String name, String type, String description, boolean custom) {
    }

    @GET
    @Path("/topics")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every topic with its dimensions and measures (named view.field) and their descriptions")
    public List<TopicListing> topics() {
        SemanticCatalog catalog = layer.catalog();
        return catalog.topics().values().stream().map(topic -> listing(catalog, topic)).toList();
    }

    private static TopicListing listing(SemanticCatalog catalog, TopicDefinition topic) {
        return new TopicListing(topic.name(), topic.description(), topic.baseView(), topic.views(),
                catalog.dimensionsOf(topic).stream().map(SemanticResource::dimension).toList(),
                catalog.measuresOf(topic).stream().map(SemanticResource::measure).toList());
    }

    private static FieldListing dimension(DimensionField field) {
        return new FieldListing(field.qualified(), field.kind().name().toLowerCase(), field.description(),
                field.custom());
    }

    private static FieldListing measure(MeasureField field) {
        return new FieldListing(field.qualified(), field.type().toString(), field.description(), true);
    }

    @POST
    @Path("/query")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @Operation(summary = "Run a query: {topic, dimensions, measures, filters:[{field, op, value|values}], sort:"
            + "[{field, direction}], limit, dryRun}. JSON, or CSV with Accept: text/csv")
    public Response query(QueryRequest request, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        QueryResult result = queries.run(required(request));
        if (accept != null && accept.contains(CSV) && !accept.contains(MediaType.APPLICATION_JSON)) {
            return Response.ok(CsvFormat.write(result), CSV + "; charset=utf-8").build();
        }
        return Response.ok(result, MediaType.APPLICATION_JSON).build();
    }

    @POST
    @Path("/query/sql")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The SQL a query would run, with its parameters, without running it")
    public CompiledQuery sql(QueryRequest request) {
        return queries.compile(required(request));
    }

    /** An empty body (or JSON null) is a query without a question. */
    private static QueryRequest required(QueryRequest request) {
        if (request == null) {
            throw new QueryException("The body is empty: send a query like {\"topic\": \"Sessions\", \"dimensions\": "
                    + "[\"fct_sessions.funnel_stage\"], \"measures\": [\"fct_sessions.count\"]} (GET /semantic/topics "
                    + "lists the topics and fields)");
        }
        return request;
    }

    @GET
    @Path("/syncs")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The recent syncs: validation problems and whether Omni was refreshed")
    public List<SemanticSync.SyncOutcome> syncs() {
        return sync.history();
    }

    @POST
    @Path("/syncs")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Validate and sync now (as after a build)")
    public SemanticSync.SyncOutcome syncNow() {
        return sync.sync("http");
    }
}
