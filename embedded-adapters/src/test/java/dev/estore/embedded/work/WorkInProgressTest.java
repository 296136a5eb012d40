package dev.estore.embedded.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WorkInProgressTest {

    private final WorkInProgress work = new WorkInProgress();

    @Test
    void idleAtOnceWhenNothingIsOpen() throws InterruptedException {
        long start = System.nanoTime();

        assertThat(work.awaitIdle(Duration.ofSeconds(5))).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void timesOutWhileWorkIsOpen() throws InterruptedException {
        work.begin();
        long start = System.nanoTime();

        assertThat(work.awaitIdle(Duration.ofMillis(100))).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(90));
        assertThat(work.open()).isEqualTo(1);
    }

    @Test
    void becomesIdleWhenAnotherThreadEndsTheLastPiece() throws InterruptedException {
        work.begin();
        work.begin();
        work.end();
        Thread finisher = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            work.end();
        });
        finisher.start();

        assertThat(work.awaitIdle(Duration.ofSeconds(5))).isTrue();
        assertThat(work.open()).isZero();
        finisher.join(1000);
    }

    @Test
    void endWithoutBeginThrows() {
        assertThatThrownBy(work::end).isInstanceOf(IllegalStateException.class);
        assertThat(work.open()).isZero();
    }
}
