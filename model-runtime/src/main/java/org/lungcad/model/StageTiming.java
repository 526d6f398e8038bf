package org.lungcad.model;

/** How long one detector stage took, for logs and metrics. */
public record StageTiming(String name, long millis) {

    public StageTiming {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("stage name must not be blank");
        }
        if (millis < 0) {
            throw new IllegalArgumentException("millis must be >= 0: " + millis);
        }
    }
}
