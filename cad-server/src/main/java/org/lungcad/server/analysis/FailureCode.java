package org.lungcad.server.analysis;

import java.util.Locale;

/**
 * Why a series job failed (as opposed to being skipped for its input). The {@link #code()} is stable, in the same
 * form as the gateway's skip reasons: it goes into the job table, the REST API, {@code findings.json}, logs and
 * metric labels.
 */
public enum FailureCode {
    /** A fault of the node: a bug, or an I/O error on its own storage. */
    INTERNAL_ERROR,
    /** The Java heap or native memory ran out during the analysis. */
    OUT_OF_MEMORY,
    /** The analysis ran longer than {@code lungcad.processing.analysis-timeout}. */
    ANALYSIS_TIMEOUT,
    /** The results were written but could not be delivered to every destination. */
    DELIVERY_FAILED;

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
