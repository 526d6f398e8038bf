package org.lungcad.dicom.series;

import java.util.Objects;

/** The outcome of checking a completed series against the {@link QualificationRules}. */
public sealed interface Qualification permits Qualification.Qualified, Qualification.Skipped {

    /** The series passes every rule and can be loaded as a volume. */
    record Qualified(QualifiedSeries series) implements Qualification {
        public Qualified {
            Objects.requireNonNull(series, "series");
        }
    }

    /**
     * The series is not analysed.
     *
     * @param detail one sentence for a PACS admin, with the measured numbers and the accepted range
     */
    record Skipped(SkipReason reason, String detail) implements Qualification {
        public Skipped {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }

        @Override
        public String toString() {
            return reason.code() + ": " + detail;
        }
    }
}
