package org.lungcad.model;

import java.util.List;
import java.util.Objects;

/**
 * What the detector found in one scan.
 *
 * @param patient    the patient context the scan came with, passed through for the scoring stage
 *                   (Brock, Lung-RADS) that turns nodules into findings
 * @param nodules    reported nodules, highest detection score first
 * @param candidates every candidate examined, highest score first (nodules included)
 * @param timings    per stage, in pipeline order
 */
public record DetectionResult(PatientContext patient, List<Nodule> nodules, List<ScoredCandidate> candidates,
                              List<StageTiming> timings) {

    public DetectionResult {
        Objects.requireNonNull(patient, "patient");
        nodules = List.copyOf(nodules);
        candidates = List.copyOf(candidates);
        timings = List.copyOf(timings);
    }

    public long totalMillis() {
        return timings.stream().mapToLong(StageTiming::millis).sum();
    }
}
