package dev.estore.transform.quality;

import java.util.List;
import java.util.Map;

/** The outcome of one data test: how many rows broke it, and a few of them. */
public record TestResult(String test, String model, String column, boolean passed, long failingRows,
        List<Map<String, Object>> sampleRows) {

    public String summary() {
        return passed ? test + ": passed"
                : test + ": FAILED, " + failingRows + " failing row(s), e.g. " + sampleRows;
    }
}
