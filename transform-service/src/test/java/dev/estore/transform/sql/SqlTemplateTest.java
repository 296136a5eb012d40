package dev.estore.transform.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.estore.embedded.duckdb.DuckDbDialect;
import dev.estore.shared.ports.SqlDialect;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlTemplateTest {

    private static final TemplateContext CONTEXT = new TemplateContext() {
        private final Map<String, String> vars = Map.of("days", "60", "label", "'churned'");

        @Override
        public String ref(String model) {
            return "schema_" + model;
        }

        @Override
        public String source(String schema, String table) {
            return schema + "." + table;
        }

        @Override
        public String var(String name) {
            return vars.get(name);
        }

        @Override
        public SqlDialect dialect() {
            return new DuckDbDialect();
        }
    };

    private static String render(String text) {
        return new SqlTemplate("models/m.sql", text).render(CONTEXT);
    }

    @Test
    void refsAreListedInOrderOfFirstUseWithoutDuplicates() {
        SqlTemplate template = new SqlTemplate("models/m.sql", """
                select * from {{ ref('orders') }} o
                join {{ ref('customers') }} c on o.customer_id = c.id
                join {{ source('raw', 'events') }} e on true
                where o.id in (select id from {{ref('orders')}})
                """);

        assertThat(template.refs()).containsExactly("orders", "customers");
    }

    @Test
    void testedRowsCountsAsAReferenceAndIsRefusedOutsideASingularTest() {
        SqlTemplate template = new SqlTemplate("models/m.sql",
                "select * from {{ tested_rows('sessions') }} s\njoin {{ ref('users') }} u on s.user_id = u.id");

        assertThat(template.refs()).containsExactly("sessions", "users");
        assertThatThrownBy(() -> template.render(CONTEXT)).isInstanceOf(TemplateException.class)
                .hasMessageContaining("models/m.sql").hasMessageContaining("tested_rows('sessions')")
                .hasMessageContaining("singular test");
    }

    @Test
    void templateWithoutCallsHasNoRefsAndRendersUnchanged() {
        String sql = "select 1 as x -- {not a call}\n";

        assertThat(new SqlTemplate("models/m.sql", sql).refs()).isEmpty();
        assertThat(render(sql)).isEqualTo(sql);
    }

    @Test
    void renderReplacesRefSourceAndVar() {
        String sql = "select * from {{ ref('stg_events') }} join {{ source('raw', 'events') }} using (id)\n"
                + "where days > {{ var('days') }} and label = {{var('label')}}";

        assertThat(render(sql)).isEqualTo("select * from schema_stg_events join raw.events using (id)\n"
                + "where days > 60 and label = 'churned'");
    }

    @Test
    void argumentsMayHoldNestedParenthesesAndQuotedCommas() {
        assertThat(render("select {{ split_part(coalesce(a, 'x,y'), '.', 2) }} as part"))
                .isEqualTo("select nullif(split_part(coalesce(a, 'x,y'), '.', 2), '') as part");
    }

    @Test
    void engineFunctionsRenderInTheDialect() {
        assertThat(render("{{ date_diff_days(first_day, cast(now() as date)) }}"))
                .isEqualTo("date_diff('day', first_day, cast(now() as date))");
        assertThat(render("{{ safe_divide(sum(revenue), count(*)) }}"))
                .isEqualTo("(sum(revenue)) / nullif(count(*), 0)");
        assertThat(render("{{ month_start(event_date) }}"))
                .isEqualTo("CAST(date_trunc('month', event_date) AS DATE)");
        assertThat(render("{{ to_text(price) }}")).isEqualTo("CAST(price AS VARCHAR)");
    }

    @Test
    void notMaterializedAsksDuckDbToComputeACommonTableExpressionPerReference() {
        String sql = "with e as {{ not_materialized() }} (select 1 as n) select * from e, e as f";
        assertThat(render(sql)).isEqualTo("with e as NOT MATERIALIZED (select 1 as n) select * from e, e as f");
        assertThatThrownBy(() -> render("with e as {{ not_materialized(e) }} (select 1)"))
                .hasMessageContaining("not_materialized takes no argument");
    }

    @Test
    void aConditionOnlyThereToSkipPartitionsIsLeftOutOnDuckDb() {
        String sql = "select * from t where {{ prune_partitions(d < DATE '2020-01-01') }}";
        assertThat(render(sql)).isEqualTo("select * from t where true");
        assertThatThrownBy(() -> render("{{ prune_partitions() }}")).hasMessageContaining("prune_partitions");
    }

    @Test
    void callsMayNestAndTheInnerOnesAreRenderedFirst() {
        String sql = "{{ date_diff_days(last_day, (select max(d) from {{ ref('stg_events') }})) }}";
        assertThat(render(sql)).isEqualTo("date_diff('day', last_day, (select max(d) from schema_stg_events))");
        assertThat(new SqlTemplate("models/m.sql", sql).refs()).containsExactly("stg_events");
        assertThatThrownBy(() -> render("select 1\nfrom {{ to_text({{ ref('a') }}\nwhere true"))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("models/m.sql:2:");
    }

    @Test
    void md5HexRendersInTheDialect() {
        assertThat(render("{{ md5_hex(user_id) }}")).isEqualTo("md5(user_id)");
    }

    @Test
    void hashKeyRendersAsTheDialectsNumericMd5() {
        assertThat(render("{{ hash_key(user_session) }}")).isEqualTo("md5_number(user_session)");
    }

    @Test
    void badArgumentsAreTemplateErrorsWithTheirLine() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> render("a\n{{ split_part(a, '.', x) }}"))
                .isInstanceOf(TemplateException.class).hasMessageStartingWith("models/m.sql:2:")
                .hasMessageContaining("whole number");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> render("{{ surrogate_key() }}"))
                .isInstanceOf(TemplateException.class).hasMessageContaining("at least one");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> render("{{ ref('a', 'b') }}"))
                .isInstanceOf(TemplateException.class).hasMessageContaining("takes 1 quoted name");
    }

    @Test
    void surrogateKeyHashesEveryArgumentCoalesced() {
        assertThat(render("{{ surrogate_key(event_time, user_id, coalesce(a, b)) }}")).isEqualTo("md5("
                + "coalesce(CAST(event_time AS VARCHAR), '') || '|' || "
                + "coalesce(CAST(user_id AS VARCHAR), '') || '|' || "
                + "coalesce(CAST(coalesce(a, b) AS VARCHAR), ''))");
    }

    @Test
    void unknownFunctionNamesFileAndLine() {
        assertThatThrownBy(() -> render("select 1\nfrom x\nwhere {{ nope(1) }}"))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("models/m.sql:3:")
                .hasMessageContaining("nope");
    }

    @Test
    void unclosedBracesNameTheLineTheyOpenOn() {
        assertThatThrownBy(() -> render("select 1\nfrom {{ ref('a')\nwhere true"))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("models/m.sql:2:");
        assertThatThrownBy(() -> new SqlTemplate("models/m.sql", "select 1\nfrom {{ ref('a')\n").refs())
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("models/m.sql:2:");
    }

    @Test
    void wrongArgumentCountNamesFileAndLine() {
        assertThatThrownBy(() -> render("select\n  a,\n  b,\n  {{ safe_divide(a) }} as ratio"))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("models/m.sql:4:")
                .hasMessageContaining("safe_divide takes 2 argument(s), got 1");
        assertThatThrownBy(() -> render("{{ month_start(a, b) }}"))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("models/m.sql:1:");
    }

    @Test
    void unquotedRefNameNamesFileAndLine() {
        assertThatThrownBy(() -> new SqlTemplate("models/m.sql", "select *\nfrom {{ ref(orders) }}").refs())
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("models/m.sql:2:")
                .hasMessageContaining("quoted");
    }

    @Test
    void missingSourceTableNamesFileAndLine() {
        assertThatThrownBy(() -> render("select *\nfrom {{ source('raw') }}"))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("models/m.sql:2:");
    }

    @Test
    void unbalancedParenthesesInArgumentsAreRefused() {
        assertThatThrownBy(() -> render("select {{ md5_hex(concat(a, b) }}"))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("models/m.sql:1:");
    }
}
