package dev.estore.shared.contracts;

import java.time.Instant;

/**
 * Something in the pipeline failed. {@code subject} names what failed: an object URI, a run id or a snapshot.
 * {@code reason} is written for the person on call: what went wrong and, where known, how to fix it.
 * {@code recovery} (added in schema version 1, absent = false): this message announces instead that a stage which
 * failed works again ({@code subject} the run, file or snapshot that succeeded, {@code failedAt} when), so the
 * person told of the failure is told of its end.
 */
public record PipelineFailed(String service, String stage, String subject, String reason, Instant failedAt,
        boolean recovery) {

    public PipelineFailed(String service, String stage, String subject, String reason, Instant failedAt) {
        this(service, stage, subject, reason, failedAt, false);
    }
}
