package dev.estore.transform.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.estore.embedded.duckdb.DuckDbDialect;
import dev.estore.shared.ports.SqlDialect;
import dev.estore.transform.window.ChangedWindow;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The window functions, {{ this }} and the is_incremental() block, rendered for an incremental and a full build. */
class IncrementalTemplateTest {

    static final ChangedWindow WINDOW = ChangedWindow.of(List.of(LocalDate.parse("2019-10-30"),
            LocalDate.parse("2019-10-31"), LocalDate.parse("2019-11-01"), LocalDate.parse("2019-12-24")));

    static TemplateContext context(ChangedWindow window, boolean incremental) {
        return new TemplateContext() {
            @Override
            public String ref(String model) {
                return "marts." + model;
            }

            @Override
            public String source(String schema, String table) {
                return schema + "." + table;
            }

            @Override
            public String var(String name) {
                return "1";
            }

            @Override
            public SqlDialect dialect() {
                return new DuckDbDialect();
            }

            @Override
            public ChangedWindow window() {
                return window;
            }

            @Override
            public boolean isIncremental() {
                return incremental;
            }

            @Override
            public String self() {
                return "marts.users";
            }
        };
    }

    static String render(String text, ChangedWindow window, boolean incremental) {
        return new SqlTemplate("models/m.sql", text).render(context(window, incremental));
    }

    @Test
    void theWindowIsOneComparisonPerRunOfConsecutiveDays() {
        assertThat(render("where {{ in_window(event_date) }}", WINDOW, true)).isEqualTo("where ("
                + "(event_date BETWEEN DATE '2019-10-30' AND DATE '2019-11-01') OR (event_date = DATE '2019-12-24'))");
        assertThat(render("where {{ in_window_ts(event_time) }}", ChangedWindow.between(LocalDate.parse("2019-10-01"),
                LocalDate.parse("2019-10-31")), true)).isEqualTo("where (event_time >= TIMESTAMP '2019-10-01 00:00:00'"
                        + " AND event_time < TIMESTAMP '2019-11-01 00:00:00')");
        assertThat(render("{{ overlaps_window(a, b) }}", ChangedWindow.of(List.of(LocalDate.parse("2020-01-05"))),
                true)).isEqualTo("(a <= DATE '2020-01-05' AND b >= DATE '2020-01-05')");
    }

    @Test
    void theReadWindowStartsOnItsFirstDayAndOnlyAnIncrementalBuildHasOne() {
        assertThat(render("session_start_date >= {{ read_window_start() }}", WINDOW, true))
                .isEqualTo("session_start_date >= DATE '2019-10-30'");
        assertThatThrownBy(() -> render("{{ read_window_start() }}", ChangedWindow.all(), false))
                .isInstanceOf(TemplateException.class).hasMessageContaining("only in an incremental build");
    }

    @Test
    void theWindowStartIsATimestampConstantOptionallyMovedSecondsEarlier() {
        assertThat(render("t >= {{ window_start_ts() }}", WINDOW, true))
                .isEqualTo("t >= TIMESTAMP '2019-10-30 00:00:00'");
        assertThat(render("t >= {{ window_start_ts(3600) }}", WINDOW, true))
                .isEqualTo("t >= TIMESTAMP '2019-10-29 23:00:00'");
        assertThat(render("t >= {{ window_start_ts(90061) }}", WINDOW, true))
                .isEqualTo("t >= TIMESTAMP '2019-10-28 22:58:59'");
        assertThatThrownBy(() -> render("{{ window_start_ts(an hour) }}", WINDOW, true))
                .isInstanceOf(TemplateException.class).hasMessageContaining("whole number of seconds");
        assertThatThrownBy(() -> render("{{ window_start_ts(3600) }}", ChangedWindow.all(), false))
                .isInstanceOf(TemplateException.class).hasMessageContaining("only in an incremental build");
    }

    @Test
    void aFullBuildReadsEveryDayAndAnEmptyWindowNone() {
        assertThat(render("where {{ in_window(event_date) }}", ChangedWindow.all(), false)).isEqualTo("where true");
        assertThat(render("where {{ in_window_ts(t) }}", ChangedWindow.none(), true)).isEqualTo("where false");
    }

    @Test
    void theIncrementalBlockIsKeptOnlyInAnIncrementalBuildAndLinesStayWhereTheyWere() {
        String model = """
                select * from new_rows
                {% if is_incremental() %}
                union all select * from {{ this }}
                {% else %}
                -- first build
                {% endif %}
                """;

        assertThat(render(model, WINDOW, true)).contains("union all select * from marts.users")
                .doesNotContain("first build").doesNotContain("{%");
        assertThat(render(model, ChangedWindow.all(), false)).contains("-- first build").doesNotContain("union all");
        assertThat(render(model, ChangedWindow.all(), false).lines().count())
                .isEqualTo(render(model, WINDOW, true).lines().count());
    }

    @Test
    void aBrokenBlockNamesItsLine() {
        assertThatThrownBy(() -> render("select 1\n{% if is_incremental() %}\nunion all select 2\n", WINDOW, true))
                .isInstanceOf(TemplateException.class).hasMessageContaining("never closed");
        assertThatThrownBy(() -> render("select 1\n{% for x in y %}", WINDOW, true))
                .isInstanceOf(TemplateException.class).hasMessageContaining("models/m.sql:2")
                .hasMessageContaining("unknown tag");
    }

    @Test
    void thisIsNotARef() {
        SqlTemplate template = new SqlTemplate("models/m.sql",
                "select * from {{ ref('a') }} {% if is_incremental() %} join {{ this }} {% endif %}");

        assertThat(template.refs()).containsExactly("a");
        assertThat(template.readsSources()).isFalse();
    }
}
