package dev.estore.transform.quality;

import java.util.List;
import java.util.Map;

/** The outcome of one data test: how many rows broke it, and a few of them. */
public record TestResult(String test, String model, String column, boolean passed, long failingRows,
        List<Map<String, Object>> sampleRows, String severity) {

    /** A result of severity error, the default. */
    public TestResult(String test, String model, String column, boolean passed, long failingRows,
            List<Map<String, Object>> sampleRows) {
        this(test, model, column, passed, failingRows, sampleRows, "error");
    }

    /** A failure that blocks: the test failed and its severity is error (a warn failure is only reported). */
    public boolean blocks() {
        return !passed && !"warn".equals(severity);
    }

    public String summary() {
        return passed ? test + ": passed"
                : test + ": " + ("warn".equals(severity) ? "WARN" : "FAILED") + ", " + failingRows
                        + " failing row(s), e.g. " + sampleRows;
    }
}
