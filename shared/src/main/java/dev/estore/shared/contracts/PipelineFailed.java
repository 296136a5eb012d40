package dev.estore.shared.contracts;

import java.time.Instant;

/**
 * Something in the pipeline failed. {@code subject} names what failed: an object URI, a run id or a snapshot.
 * {@code reason} is written for the person on call: what went wrong and, where known, how to fix it.
 */
public record PipelineFailed(String service, String stage, String subject, String reason, Instant failedAt) {
}
