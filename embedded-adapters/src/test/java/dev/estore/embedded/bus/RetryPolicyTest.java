package dev.estore.embedded.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(1));

    @Test
    void backoffDoublesFromTheMinimum() {
        assertThat(policy.backoffAfter(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.backoffAfter(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.backoffAfter(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(policy.backoffAfter(4)).isEqualTo(Duration.ofMillis(800));
    }

    @Test
    void backoffIsCappedAtTheMaximum() {
        assertThat(policy.backoffAfter(5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.backoffAfter(40)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.backoffAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void exhaustedFromMaxAttemptsOn() {
        assertThat(policy.exhausted(1)).isFalse();
        assertThat(policy.exhausted(4)).isFalse();
        assertThat(policy.exhausted(5)).isTrue();
        assertThat(policy.exhausted(6)).isTrue();
    }

    @Test
    void singleAttemptIsExhaustedAtOnce() {
        assertThat(new RetryPolicy(1, Duration.ofMillis(10), Duration.ofMillis(50)).exhausted(1)).isTrue();
    }

    @Test
    void fewerThanOneAttemptIsRefused() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofMillis(10), Duration.ofMillis(50)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
