package org.lungcad.server.analysis;

/** Wall time one pipeline stage took for a job, in milliseconds. */
public record StageTiming(String stage, long millis) {
}
