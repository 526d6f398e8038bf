package org.lungcad.server.job;

/** Life of a series job: received → qualified | skipped → analysing → reported → delivered | failed. */
public enum JobState {
    RECEIVED,
    QUALIFIED,
    SKIPPED,
    ANALYSING,
    REPORTED,
    DELIVERED,
    FAILED;

    /** Nothing more happens to a job in this state until new instances re-open its series. */
    public boolean isFinal() {
        return this == SKIPPED || this == DELIVERED || this == FAILED;
    }
}
