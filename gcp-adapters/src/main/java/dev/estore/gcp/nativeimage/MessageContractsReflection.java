package dev.estore.gcp.nativeimage;

import dev.estore.shared.contracts.ModelsBuilt;
import dev.estore.shared.contracts.ObjectNotification;
import dev.estore.shared.contracts.ObjectRef;
import dev.estore.shared.contracts.PipelineFailed;
import dev.estore.shared.contracts.RawEventsLoaded;
import dev.estore.shared.contracts.SemanticLayerSynced;
import dev.estore.shared.contracts.SnapshotsTaken;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A native build keeps only the reflection it can see. MessageCodec binds the bus messages with its own Jackson
 * mapper, outside any REST signature Quarkus would register, so the contract records (and the records and enums
 * inside them) are registered here. MessageContractsReflectionTest keeps this list complete.
 */
@RegisterForReflection(targets = {
        ObjectNotification.class, ObjectNotification.EventType.class, ObjectRef.class,
        RawEventsLoaded.class,
        ModelsBuilt.class, ModelsBuilt.BuiltModel.class,
        SnapshotsTaken.class, SnapshotsTaken.SnapshotCounts.class,
        SemanticLayerSynced.class,
        PipelineFailed.class})
public final class MessageContractsReflection {

    private MessageContractsReflection() {
    }
}
