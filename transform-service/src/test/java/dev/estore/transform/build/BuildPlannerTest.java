package dev.estore.transform.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.estore.transform.project.IncrementalConfig;
import dev.estore.transform.project.IncrementalStrategy;
import dev.estore.transform.project.Materialization;
import dev.estore.transform.project.ModelDefinition;
import dev.estore.transform.window.ChangedWindow;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BuildPlannerTest {

    static final LocalDate OCT_31 = LocalDate.parse("2019-10-31");
    static final ChangedWindow NOVEMBER = ChangedWindow.between(LocalDate.parse("2019-11-01"),
            LocalDate.parse("2019-11-30"));

    static ModelDefinition model(Materialization materialization, IncrementalConfig incremental) {
        return new ModelDefinition("m", "marts", "models/marts/m.sql", "select 1", "", materialization, incremental,
                List.of("id"), null, List.of(), List.of(), List.of(), List.of(), Set.of(), false, "event_date", null,
                List.of(), List.of(), true);
    }

    static final ModelDefinition BY_DAY = model(Materialization.INCREMENTAL,
            new IncrementalConfig(IncrementalStrategy.INSERT_OVERWRITE, null, null, null));
    static final ModelDefinition FOLDING = model(Materialization.INCREMENTAL,
            new IncrementalConfig(IncrementalStrategy.FOLD, null, null, null));

    @Test
    void anIncrementalModelBuildsItsPendingDaysAndHandsThemOn() {
        BuildPlan plan = BuildPlanner.plan(BY_DAY, NOVEMBER, true, false, null);

        assertThat(plan.kind()).isEqualTo(BuildPlan.Kind.INCREMENTAL);
        assertThat(plan.window()).isEqualTo(NOVEMBER);
        assertThat(plan.testWindow()).isEqualTo(NOVEMBER);
        assertThat(plan.handedDown()).isEqualTo(NOVEMBER);
    }

    @Test
    void withoutPendingDaysItIsUpToDate() {
        assertThat(BuildPlanner.plan(BY_DAY, ChangedWindow.none(), true, false, null).kind())
                .isEqualTo(BuildPlan.Kind.UP_TO_DATE);
    }

    @Test
    void aNewTableAFullRefreshOrEveryDayPendingBuildsInFullAndHandsEveryDayOn() {
        for (BuildPlan plan : List.of(BuildPlanner.plan(BY_DAY, NOVEMBER, false, false, null),
                BuildPlanner.plan(BY_DAY, NOVEMBER, true, true, null),
                BuildPlanner.plan(BY_DAY, ChangedWindow.all(), true, false, null))) {
            assertThat(plan.kind()).isEqualTo(BuildPlan.Kind.FULL);
            assertThat(plan.window().isAll()).isTrue();
            assertThat(plan.handedDown().isAll()).isTrue();
        }
    }

    @Test
    void aFoldingModelMergesNewDaysButRebuildsWhenADayWasFoldedInAlready() {
        assertThat(BuildPlanner.plan(FOLDING, NOVEMBER, true, false, OCT_31).kind())
                .isEqualTo(BuildPlan.Kind.INCREMENTAL);
        BuildPlan late = BuildPlanner.plan(FOLDING, NOVEMBER, true, false, LocalDate.parse("2019-12-31"));
        assertThat(late.kind()).isEqualTo(BuildPlan.Kind.FULL);
        assertThat(late.handedDown()).as("its children still only need the changed days").isEqualTo(NOVEMBER);
        assertThat(BuildPlanner.plan(FOLDING, NOVEMBER, true, false, null).kind()).as("unknown fold")
                .isEqualTo(BuildPlan.Kind.FULL);
    }

    @Test
    void aFoldWithoutADayColumnTestsTheRowsItNamesOrElseEveryRow() {
        ModelDefinition namesItsRows = withoutDayColumn(new IncrementalConfig(IncrementalStrategy.FOLD, null, null,
                null, "id in (select id from {{ ref('fct_events') }} where {{ in_window(event_date) }})"));
        ModelDefinition namesNoRows = withoutDayColumn(new IncrementalConfig(IncrementalStrategy.FOLD, null, null,
                null));

        assertThat(BuildPlanner.plan(namesItsRows, NOVEMBER, true, false, OCT_31).testWindow()).isEqualTo(NOVEMBER);
        assertThat(BuildPlanner.plan(namesNoRows, NOVEMBER, true, false, OCT_31).testWindow().isAll()).isTrue();
        assertThat(BuildPlanner.plan(namesItsRows, NOVEMBER, true, true, OCT_31).testWindow().isAll())
                .as("a full refresh tests every row").isTrue();
    }

    static ModelDefinition withoutDayColumn(IncrementalConfig incremental) {
        return new ModelDefinition("m", "intermediate", "models/intermediate/m.sql", "select 1", "",
                Materialization.INCREMENTAL, incremental, List.of("id"), null, List.of(), List.of(), List.of(),
                List.of(), Set.of(), false, null, null, List.of(), List.of(), true);
    }

    @Test
    void tablesAndViewsAreBuiltWholeAndPassTheirParentsDaysOn() {
        BuildPlan table = BuildPlanner.plan(model(Materialization.TABLE, null), NOVEMBER, true, false, null);

        assertThat(table.kind()).isEqualTo(BuildPlan.Kind.FULL);
        assertThat(table.window().isAll()).isTrue();
        assertThat(table.handedDown()).isEqualTo(NOVEMBER);
        assertThat(Map.of("view", BuildPlanner.plan(model(Materialization.VIEW, null), NOVEMBER, true, false, null)
                .testWindow())).containsEntry("view", NOVEMBER);
    }
}
