package dev.estore.shared.contracts;

import java.util.List;

/** Every topic of the pipeline. The names are the Pub/Sub topic ids (before any environment prefix). */
public final class Topics {

    public static final Topic<ObjectNotification> OBJECT_NOTIFICATIONS =
            new Topic<>("object-notifications", ObjectNotification.class, 1);
    public static final Topic<RawEventsLoaded> RAW_EVENTS_LOADED =
            new Topic<>("raw-events-loaded", RawEventsLoaded.class, 1);
    public static final Topic<ModelsBuilt> MODELS_BUILT =
            new Topic<>("models-built", ModelsBuilt.class, 1);
    public static final Topic<SnapshotsTaken> SNAPSHOTS_TAKEN =
            new Topic<>("snapshots-taken", SnapshotsTaken.class, 1);
    public static final Topic<SemanticLayerSynced> SEMANTIC_LAYER_SYNCED =
            new Topic<>("semantic-layer-synced", SemanticLayerSynced.class, 1);
    public static final Topic<PipelineFailed> PIPELINE_FAILED =
            new Topic<>("pipeline-failed", PipelineFailed.class, 1);

    public static final List<Topic<?>> ALL = List.of(OBJECT_NOTIFICATIONS, RAW_EVENTS_LOADED, MODELS_BUILT,
            SNAPSHOTS_TAKEN, SEMANTIC_LAYER_SYNCED, PIPELINE_FAILED);

    private Topics() {
    }
}
