package dev.estore.transform.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.estore.embedded.duckdb.DuckDbDialect;
import dev.estore.shared.ports.SqlDialect;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MacrosTest {

    private static final Macros MACROS = Macros.parse(Map.of("models/macros/status.sql", """
            -- a comment outside the macros is allowed
            {% macro status(days, purchases) %}
            case when {{ purchases }} > 0 and {{days}} > {{ var('limit') }} then 'lapsed' else 'active' end
            {% endmacro %}
            {% macro lapsed(days) %}{{ status(days, 1) }} = 'lapsed'{% endmacro %}
            {% macro loop() %}{{ loop() }}{% endmacro %}
            {% macro days_to_newest(day) %}{{ date_diff_days({{ ref('events') }}.d, day) }}{% endmacro %}
            """));

    private static final TemplateContext CONTEXT = new TemplateContext() {
        @Override
        public String ref(String model) {
            return model;
        }

        @Override
        public String source(String schema, String table) {
            return schema + "." + table;
        }

        @Override
        public String var(String name) {
            return Map.of("limit", "90").get(name);
        }

        @Override
        public SqlDialect dialect() {
            return new DuckDbDialect();
        }

        @Override
        public Macros macros() {
            return MACROS;
        }
    };

    private static String render(String text) {
        return new SqlTemplate("models/m.sql", text).render(CONTEXT);
    }

    @Test
    void anArgumentAfterACallNestedInTheMacrosBodyIsReplacedToo() {
        assertThat(render("{{ days_to_newest(last_day) }}")).isEqualTo("date_diff('day', events.d, (last_day))");
    }

    @Test
    void aMacroCallIsItsBodyWithTheArgumentsInPlaceRenderedInTheModelsContext() {
        assertThat(render("select {{ status(days_since, purchase_count + 0) }} as s"))
                .isEqualTo("select case when (purchase_count + 0) > 0 and (days_since) > 90 then 'lapsed' "
                        + "else 'active' end as s");
    }

    @Test
    void macrosMayCallMacrosButNotThemselvesForever() {
        assertThat(render("{{ lapsed(d) }}"))
                .isEqualTo("case when (1) > 0 and ((d)) > 90 then 'lapsed' else 'active' end = 'lapsed'");
        assertThatThrownBy(() -> render("select\n{{ loop() }}"))
                .isInstanceOf(TemplateException.class).hasMessageContaining("models/m.sql:2")
                .hasMessageContaining("does it call itself?");
    }

    @Test
    void aCallWithTheWrongNumberOfArgumentsOrAnUnknownNameSaysWhatExists() {
        assertThatThrownBy(() -> render("{{ status(d) }}")).isInstanceOf(TemplateException.class)
                .hasMessageContaining("macro status (models/macros/status.sql) takes 2 argument(s) [days, purchases]");
        assertThatThrownBy(() -> render("{{ statuz(d) }}")).isInstanceOf(TemplateException.class)
                .hasMessageContaining("unknown function 'statuz'")
                .hasMessageContaining("macros: [days_to_newest, lapsed, loop, status]");
    }

    @Test
    void aMacroFileIsReadStrictly() {
        assertThatThrownBy(() -> Macros.parse(Map.of("m.sql", "{% macro a(x) %} {{ x }}")))
                .hasMessageContaining("m.sql: a {% macro name(arguments) %} block is never closed");
        assertThatThrownBy(() -> Macros.parse(Map.of("m.sql",
                "{% macro a() %}{% if is_incremental() %}1{% endif %}{% endmacro %}")))
                .hasMessageContaining("macro a holds a {% %} block");
        assertThatThrownBy(() -> Macros.parse(Map.of("m.sql", "{% macro ref(x) %}{{ x }}{% endmacro %}")))
                .hasMessageContaining("macro ref has the name of a built-in function");
        assertThatThrownBy(() -> Macros.parse(Map.of("a.sql", "{% macro a(x) %}1{% endmacro %}", "b.sql",
                "{% macro a(y) %}2{% endmacro %}"))).hasMessageContaining("Two macros are named a");
        assertThatThrownBy(() -> Macros.parse(Map.of("m.sql", "{% macro a(x y) %}1{% endmacro %}")))
                .hasMessageContaining("argument 'x y' that is not a plain name");
    }

    @Test
    void aDialectFolderReplacesTheSharedMacroOnThatWarehouseOnly() {
        Macros macros = Macros.parse(Map.of(
                "models/macros/days.sql", "{% macro days_between(a, b) %}date_diff('day', {{ a }}, {{ b }}){% endmacro %}",
                "models/macros/bigquery/days.sql",
                "{% macro days_between(a, b) %}DATE_DIFF({{ b }}, {{ a }}, DAY){% endmacro %}",
                "models/macros/duckdb/only_here.sql", "{% macro only_here() %}1{% endmacro %}"));

        assertThat(macros.forDialect("bigquery").get("days_between").orElseThrow().expand(List.of("x", "y")))
                .isEqualTo("DATE_DIFF((y), (x), DAY)");
        assertThat(macros.forDialect("duckdb").get("days_between").orElseThrow().expand(List.of("x", "y")))
                .isEqualTo("date_diff('day', (x), (y))");
        assertThat(macros.forDialect("duckdb").names()).contains("only_here");
        assertThat(macros.forDialect("bigquery").names()).doesNotContain("only_here");
        assertThatThrownBy(() -> Macros.parse(Map.of(
                "models/macros/bigquery/a.sql", "{% macro m() %}1{% endmacro %}",
                "models/macros/bigquery/b.sql", "{% macro m() %}2{% endmacro %}")))
                .hasMessageContaining("Two macros are named m");
    }
}
