package dev.estore.embedded.work;

import dev.estore.shared.work.WorkEvent;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.util.concurrent.CompletionStage;

/**
 * For tests that build a service by hand, without CDI: the {@code Event<WorkEvent>} a service fires into, delivered
 * to a {@link WorkInProgress} as the container would (synchronously, in the firing thread).
 */
public final class ObservedWork implements Event<WorkEvent> {

    private final WorkInProgress work;

    private ObservedWork(WorkInProgress work) {
        this.work = work;
    }

    public static Event<WorkEvent> countedBy(WorkInProgress work) {
        return new ObservedWork(work);
    }

    @Override
    public void fire(WorkEvent event) {
        work.on(event);
    }

    @Override
    public <U extends WorkEvent> CompletionStage<U> fireAsync(U event) {
        throw new UnsupportedOperationException("the services fire work events synchronously");
    }

    @Override
    public <U extends WorkEvent> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
        throw new UnsupportedOperationException("the services fire work events synchronously");
    }

    @Override
    public Event<WorkEvent> select(Annotation... qualifiers) {
        return this;
    }

    @Override
    public <U extends WorkEvent> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
        throw new UnsupportedOperationException("work events have no subtypes");
    }

    @Override
    public <U extends WorkEvent> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
        throw new UnsupportedOperationException("work events have no subtypes");
    }
}
