package dev.estore.runner.pipeline;

import dev.estore.embedded.bus.DeadLetter;
import dev.estore.semantic.findings.Findings;
import dev.estore.shared.ports.RawEventsStore.LoadRecord;
import dev.estore.shared.ports.RawEventsStore.LoadStatus;
import dev.estore.transform.build.RunRecord;
import java.time.Duration;
import java.util.List;

/**
 * What one pass of the embedded pipeline did, for the console and for --json. {@code findings} are the answers
 * of the findings report on the warehouse after the run ({@code findingsError} says why there are none);
 * {@code checkpoint} the time DuckDB took to write its log into the warehouse file once the pipeline was idle.
 */
public record RunSummary(
        List<FileOutcome> files,
        RunRecord lastBuild,
        List<TableCount> tables,
        List<String> failures,
        List<DeadLetter> deadLetters,
        String warehouse,
        Duration elapsed,
        Duration loadStage,
        Duration buildStage,
        Duration checkpoint,
        boolean timedOut,
        Findings findings,
        String findingsError) {

    /** One bucket object and its latest ledger entry (null when the loader never recorded it). */
    public record FileOutcome(String bucket, String object, long bytes, LoadRecord load, String unrecordedFailure) {
    }

    /** A relation of the warehouse and its row count after the run. */
    public record TableCount(String relation, String type, Long rows) {
    }

    public long rowsLoaded() {
        return files.stream().filter(file -> file.load() != null
                && file.load().status() == LoadStatus.LOADED)
                .mapToLong(file -> file.load().rowsLoaded()).sum();
    }

    public long rowsRejected() {
        return files.stream().filter(file -> file.load() != null
                && file.load().status() == LoadStatus.LOADED)
                .mapToLong(file -> file.load().rowsRejected()).sum();
    }

    public boolean succeeded() {
        boolean allLoaded = files.stream().allMatch(file -> file.load() != null
                && file.load().status() == LoadStatus.LOADED);
        boolean built = lastBuild == null || lastBuild.status() == RunRecord.Status.SUCCESS;
        return !timedOut && allLoaded && built && failures.isEmpty() && deadLetters.isEmpty();
    }
}
