package org.lungcad.server.offline;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.lungcad.dicom.series.CompletedSeries;
import org.lungcad.model.ScoredCandidate;
import org.lungcad.model.measure.NoduleMeasurements;
import org.lungcad.server.analysis.FindingSummary;
import org.lungcad.server.analysis.SeriesOutcome;
import org.lungcad.server.analysis.StageTiming;

/**
 * {@code findings.json} of the {@code analyze} command: one entry per series met in the input. Findings have the
 * node's own shape ({@link FindingSummary}, as {@code /api/studies} serves them); coordinates are patient LPS mm.
 */
public record FindingsFile(List<SeriesEntry> series) {

    public FindingsFile {
        series = List.copyOf(series);
    }

    /** What happened to a series. */
    public enum Status {
        ANALYSED, SKIPPED, FAILED;

        @JsonValue
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param reasonCode the stable code of a skip or failure, as the node's REST API gives it (e.g.
     *                   {@code too-few-slices}, {@code internal-error}); null when analysed
     * @param reason     the detail for a person, with the measured numbers; null when analysed
     * @param timingsMs  wall time per stage in pipeline order, the detector's own stages as {@code detect.<name>}
     *                   (the same list as {@code /api/studies})
     * @param totalMs    wall time of the whole series
     * @param candidates every scored candidate, only with {@code --all-candidates} (absent otherwise)
     * @param algorithm  the algorithm with its version and operating point, as the SR names it; null unless analysed
     */
    public record SeriesEntry(String seriesInstanceUid, String studyInstanceUid, Status status,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String reasonCode,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String reason,
                              List<StageTiming> timingsMs, long totalMs, List<FindingSummary> findings,
                              @JsonInclude(JsonInclude.Include.NON_NULL) List<CandidateEntry> candidates,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String algorithm) {
        public SeriesEntry {
            timingsMs = List.copyOf(timingsMs);
            findings = List.copyOf(findings);
            candidates = candidates == null ? null : List.copyOf(candidates);
        }

        /** What the runner's outcome says of a series; candidates only when asked for. */
        public static SeriesEntry of(CompletedSeries series, SeriesOutcome outcome, long totalMs,
                                     boolean allCandidates) {
            Status status;
            String reason = null;
            List<FindingSummary> findings = List.of();
            List<CandidateEntry> candidates = null;
            String algorithm = null;
            if (outcome instanceof SeriesOutcome.Analysed a) {
                status = Status.ANALYSED;
                algorithm = a.algorithmLine();
                findings = a.findings();
                candidates = allCandidates ? a.candidates().stream().map(CandidateEntry::of).toList() : null;
            } else if (outcome instanceof SeriesOutcome.Skipped s) {
                status = Status.SKIPPED;
                reason = s.detail();
            } else if (outcome instanceof SeriesOutcome.Failed f) {
                status = Status.FAILED;
                reason = f.message();
            } else {
                throw new IllegalArgumentException("a series on disk is never superseded: " + outcome);
            }
            return new SeriesEntry(series.seriesInstanceUid(), series.studyInstanceUid(), status,
                    outcome.reasonCode(), reason, outcome.timings(), totalMs, findings, candidates, algorithm);
        }
    }

    /**
     * One candidate of the detector. Centre and diameter are the segmentation's when one was made (as for a reported
     * nodule), else the blob filter's; the measurement fields are null for an unsegmented candidate.
     *
     * @param reported whether the operating point reported it as a nodule
     * @param shellBranches  branches leaving it through a sphere just outside it (model-runtime ShellStructure)
     * @param shellExitRatio the largest branch's radius over the candidate's
     * @param shellOccupancy share of that sphere that is tissue
     * @param shellOpposite  whether its two largest branches leave on opposite sides
     * @param transparentScore   the hand-set score of its features
     * @param learnedProbability the learned stage's probability that it is a nodule; null without a learned stage
     */
    public record CandidateEntry(double[] centerLpsMm, double detectionScore, double diameterMm, boolean reported,
                                 boolean segmented, String lobe, double[] filterCenterLpsMm, double filterDiameterMm,
                                 double filterResponse, double blobRatio, double tubeRatio, Double longAxisMm,
                                 Double shortAxisMm, Double volumeMm3, Double meanHu, String type,
                                 int shellBranches, double shellExitRatio, double shellOccupancy,
                                 boolean shellOpposite, double transparentScore,
                                 @JsonInclude(JsonInclude.Include.NON_NULL) Double learnedProbability) {

        public static CandidateEntry of(ScoredCandidate c) {
            NoduleMeasurements m = c.measurements().orElse(null);
            var f = c.candidate();
            return new CandidateEntry(c.centreLps(), c.score(),
                    m != null ? m.meanDiameterMm() : f.diameterMm(), c.reported(), m != null, c.lobe().name(),
                    f.centerLps(), f.diameterMm(), f.response(), f.blobRatio(), f.tubeRatio(),
                    m == null ? null : m.longAxisMm(), m == null ? null : m.shortAxisMm(),
                    m == null ? null : m.volumeMm3(), m == null ? null : m.meanHu(),
                    m == null ? null : m.type().name(), c.shell().branches(), c.shell().largestExitRatio(),
                    c.shell().occupancy(), c.shell().opposite(), c.transparentScore(),
                    c.learnedProbability().isPresent() ? c.learnedProbability().getAsDouble() : null);
        }
    }

    public void write(Path file) throws IOException {
        mapper().writeValue(file.toFile(), this);
    }

    public static FindingsFile read(Path file) throws IOException {
        return mapper().readValue(file.toFile(), FindingsFile.class);
    }

    private static ObjectMapper mapper() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }
}
