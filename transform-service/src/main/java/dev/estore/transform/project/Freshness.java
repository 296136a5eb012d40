package dev.estore.transform.project;

import java.time.Duration;

/**
 * dbt's source freshness thresholds ({@code freshness:} in project.yml): the raw events are stale, as a warning,
 * when nothing was loaded for {@code warnAfter}, and an error after {@code errorAfter}; either may be null (not
 * checked).
 */
public record Freshness(Duration warnAfter, Duration errorAfter) {
}
