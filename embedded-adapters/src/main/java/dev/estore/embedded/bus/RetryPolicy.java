package dev.estore.embedded.bus;

import java.time.Duration;

/** Exponential backoff between deliveries, capped, with a dead letter after {@code maxAttempts}. */
public record RetryPolicy(int maxAttempts, Duration minimumBackoff, Duration maximumBackoff) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
    }

    public boolean exhausted(int attempt) {
        return attempt >= maxAttempts;
    }

    /** The wait before delivery number {@code attempt + 1}: min * 2^(attempt-1), at most max. */
    public Duration backoffAfter(int attempt) {
        long factor = 1L << Math.min(attempt - 1, 30);
        long millis = Math.multiplyExact(minimumBackoff.toMillis(), factor);
        return millis > maximumBackoff.toMillis() ? maximumBackoff : Duration.ofMillis(millis);
    }
}
