package dev.estore.runner.bench;

import dev.estore.shared.ports.SqlDialect;
import dev.estore.shared.ports.Warehouse;
import dev.estore.transform.build.BuildRunner;
import dev.estore.transform.project.DataTestSpec;
import dev.estore.transform.project.Materialization;
import dev.estore.transform.project.ModelDefinition;
import dev.estore.transform.project.ModelProject;
import dev.estore.transform.quality.DataTestRunner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The statements of a full build of every model with its data tests, and nothing else (no ledger, audit,
 * transaction, bus or run record): the benchmark's baseline, run directly on DuckDB. A relationships test runs
 * once the model it points at exists, as it does in a build. Keyed by model, in build order.
 */
final class PlainFullBuild {

    private PlainFullBuild() {
    }

    static Map<String, List<String>> statements(ModelProject project, BuildRunner models, Warehouse warehouse) {
        SqlDialect dialect = warehouse.dialect();
        UnaryOperator<String> relationOf = name -> warehouse.relation(project.model(name).schema(), name);
        List<String> order = project.buildOrder();
        // target model -> (model whose relationships test points at it -> those tests)
        Map<String, Map<String, List<DataTestSpec>>> waitingFor = new HashMap<>();
        Map<String, List<String>> statements = new LinkedHashMap<>();
        for (String name : order) {
            ModelDefinition model = project.model(name);
            String relation = relationOf.apply(name);
            String select = models.compiledSql(name);
            List<String> sql = new ArrayList<>();
            sql.add(model.materialization() == Materialization.VIEW ? dialect.createOrReplaceView(relation, select)
                    : dialect.createOrReplaceTable(relation, select, model.partitionField(), model.clusterBy(),
                            model.sortOnWrite()));
            List<DataTestSpec> now = new ArrayList<>();
            for (DataTestSpec test : model.allTests()) {
                boolean targetLater = test.kind() == DataTestSpec.Kind.RELATIONSHIPS
                        && order.indexOf(test.toModel()) > order.indexOf(name);
                if (targetLater) {
                    waitingFor.computeIfAbsent(test.toModel(), target -> new LinkedHashMap<>())
                            .computeIfAbsent(name, owner -> new ArrayList<>()).add(test);
                } else {
                    now.add(test);
                }
            }
            if (!now.isEmpty()) {
                sql.addAll(DataTestRunner.countQueries(relation, now, relationOf));
            }
            waitingFor.getOrDefault(name, Map.of()).forEach((owner, tests) ->
                    sql.addAll(DataTestRunner.countQueries(relationOf.apply(owner), tests, relationOf)));
            statements.put(name, sql);
        }
        return statements;
    }
}
