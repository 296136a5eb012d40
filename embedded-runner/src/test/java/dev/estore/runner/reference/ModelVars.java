package dev.estore.runner.reference;

/** The model variables of models.md; {@link #defaults()} is the spec's table of defaults. */
public record ModelVars(
        int churnThresholdDays,
        int atRiskThresholdDays,
        int decliningThresholdDays,
        int cohortObservationWindowDays,
        long sessionTimeoutSeconds,
        long sessionOutlierRatio) {

    public static ModelVars defaults() {
        return new ModelVars(60, 45, 30, 90, 3600, 200);
    }
}
