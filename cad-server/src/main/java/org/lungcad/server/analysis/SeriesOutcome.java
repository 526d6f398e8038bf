package org.lungcad.server.analysis;

import java.util.List;
import java.util.Objects;
import org.lungcad.dicom.series.SkipReason;
import org.lungcad.model.AlgorithmIdentity;
import org.lungcad.model.ScoredCandidate;

/** How one series' run through the stages ended; every outcome carries the stages' wall times in order. */
public sealed interface SeriesOutcome {

    List<StageTiming> timings();

    /** The stable code of a skip or failure, null when analysed or superseded. */
    default String reasonCode() {
        return null;
    }

    /**
     * Analysed and reported.
     *
     * @param findings   the reported findings, "Nodule 1…n" highest score first
     * @param candidates every scored candidate, reported ones included
     * @param results    the written SR, SC and PNG files
     */
    record Analysed(VolumeSummary volume, List<FindingSummary> findings, List<ScoredCandidate> candidates,
                    AlgorithmIdentity algorithm, ResultWriter.WrittenResults results, List<StageTiming> timings)
            implements SeriesOutcome {
        public Analysed {
            Objects.requireNonNull(volume, "volume");
            findings = List.copyOf(findings);
            candidates = List.copyOf(candidates);
            Objects.requireNonNull(algorithm, "algorithm");
            Objects.requireNonNull(results, "results");
            timings = List.copyOf(timings);
        }

        /** "name version (parameters)", as the job table and the printed tables show it. */
        public String algorithmLine() {
            return algorithm.name() + " " + algorithm.version() + " (" + algorithm.parameters() + ")";
        }
    }

    /** Not analysed because of its input; {@code detail} is one sentence for a PACS admin, with the numbers. */
    record Skipped(SkipReason reason, String detail, List<StageTiming> timings) implements SeriesOutcome {
        public Skipped {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
            timings = List.copyOf(timings);
        }

        @Override
        public String reasonCode() {
            return reason.code();
        }
    }

    /** A fault of the node, not of the input. */
    record Failed(FailureCode code, String message, List<StageTiming> timings) implements SeriesOutcome {
        public Failed {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
            timings = List.copyOf(timings);
        }

        @Override
        public String reasonCode() {
            return code.code();
        }
    }

    /** Stopped because a newer generation of the series (late instances) replaced this one; nothing was written. */
    record Superseded(List<StageTiming> timings) implements SeriesOutcome {
        public Superseded {
            timings = List.copyOf(timings);
        }
    }
}
