package dev.estore.loader;

import static org.assertj.core.api.Assertions.assertThat;

import dev.estore.shared.contracts.ObjectNotification;
import dev.estore.shared.contracts.ObjectRef;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A delivery is answered at once; one pending here is not loaded a second time when Pub/Sub delivers it again. */
class LoadsAfterAckTest {

    static ObjectNotification notification(long generation) {
        return ObjectNotification.finalized(new ObjectRef("b", "2019-Oct.csv", generation), 10, "text/csv",
                Instant.parse("2019-11-01T00:00:00Z"));
    }

    @Test
    void aRedeliveryWhileTheLoadRunsIsAcceptedWithoutASecondLoad() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(2);
        AtomicInteger loads = new AtomicInteger();
        try (LoadsAfterAck afterAck = new LoadsAfterAck(2)) {
            java.util.function.Function<ObjectNotification, LoadResult> slowLoad = accepted -> {
                loads.incrementAndGet();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                done.countDown();
                return new LoadResult(LoadResult.Outcome.LOADED, accepted.object(), null, "loaded");
            };

            LoadResult first = afterAck.accept(notification(1), slowLoad);
            LoadResult again = afterAck.accept(notification(1), slowLoad);
            LoadResult newer = afterAck.accept(notification(2), slowLoad);

            assertThat(first.outcome()).isEqualTo(LoadResult.Outcome.ACCEPTED);
            assertThat(again.message()).isEqualTo("already pending on this instance");
            assertThat(newer.message()).as("another generation is another load").startsWith("acknowledged");
            assertThat(afterAck.pending()).isEqualTo(2);
            release.countDown();
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(loads).hasValue(2);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (afterAck.pending() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(afterAck.pending()).as("a later delivery loads again (the ledger then says loaded)").isZero();
        }
    }
}
