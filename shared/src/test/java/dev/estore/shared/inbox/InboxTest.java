package dev.estore.shared.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InboxTest {

    @Test
    void newestFirst() {
        Inbox inbox = new Inbox(10);
        inbox.record("topic-a", "m1", "c1", "first");
        inbox.record("topic-b", "m2", null, "second");

        assertThat(inbox.recent()).extracting(Inbox.Received::messageId).containsExactly("m2", "m1");
        Inbox.Received newest = inbox.recent().get(0);
        assertThat(newest.topic()).isEqualTo("topic-b");
        assertThat(newest.correlationId()).isNull();
        assertThat(newest.message()).isEqualTo("second");
        assertThat(newest.receivedAt()).isNotNull();
    }

    @Test
    void keepsOnlyTheLastCapacityMessages() {
        Inbox inbox = new Inbox(2);
        for (int i = 1; i <= 5; i++) {
            inbox.record("t", "m" + i, null, i);
        }

        assertThat(inbox.recent()).extracting(Inbox.Received::messageId).containsExactly("m5", "m4");
    }

    @Test
    void totalCountsEveryMessageEvenDroppedOnes() {
        Inbox inbox = new Inbox(2);
        assertThat(inbox.total()).isZero();
        for (int i = 1; i <= 5; i++) {
            inbox.record("t", "m" + i, null, i);
        }

        assertThat(inbox.total()).isEqualTo(5);
    }

    @Test
    void recentIsACopy() {
        Inbox inbox = new Inbox(3);
        inbox.record("t", "m1", null, "x");

        inbox.recent().clear();

        assertThat(inbox.recent()).hasSize(1);
    }
}
