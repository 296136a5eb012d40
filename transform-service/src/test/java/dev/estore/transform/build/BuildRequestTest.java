package dev.estore.transform.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BuildRequestTest {

    @Test
    void mergedSelectionIsTheUnionInOrder() {
        BuildRequest first = new BuildRequest(List.of("stg_events", "fct_events+"), false, List.of("api"));
        BuildRequest second = new BuildRequest(List.of("fct_events+", "dim_users"), false, List.of("daily"));

        BuildRequest merged = first.mergedWith(second);

        assertThat(merged.select()).containsExactly("stg_events", "fct_events+", "dim_users");
        assertThat(merged.selectsAll()).isFalse();
    }

    @Test
    void selectingAllWinsOverAnySelection() {
        BuildRequest some = new BuildRequest(List.of("fct_events"), false, List.of("api"));
        BuildRequest all = BuildRequest.all("raw-events-loaded");

        assertThat(some.mergedWith(all).selectsAll()).isTrue();
        assertThat(all.mergedWith(some).selectsAll()).isTrue();
    }

    @Test
    void fullRefreshIfEitherAsked() {
        BuildRequest plain = new BuildRequest(List.of(), false, List.of("a"));
        BuildRequest full = new BuildRequest(List.of(), true, List.of("b"));

        assertThat(plain.mergedWith(full).fullRefresh()).isTrue();
        assertThat(full.mergedWith(plain).fullRefresh()).isTrue();
        assertThat(plain.mergedWith(plain).fullRefresh()).isFalse();
    }

    @Test
    void triggersConcatenateInOrder() {
        BuildRequest first = new BuildRequest(List.of(), false, List.of("load-1", "load-2"));
        BuildRequest second = new BuildRequest(List.of(), false, List.of("daily"));

        assertThat(first.mergedWith(second).triggers()).containsExactly("load-1", "load-2", "daily");
    }

    @Test
    void nullListsBecomeEmpty() {
        BuildRequest request = new BuildRequest(null, false, null);

        assertThat(request.select()).isEmpty();
        assertThat(request.triggers()).isEmpty();
        assertThat(request.selectsAll()).isTrue();
    }
}
