package org.lungcad.model;

import java.util.List;
import java.util.Objects;

/**
 * One scan's analysis: the scored findings (Brock, Lung-RADS) and the detector's raw result (every candidate,
 * per-stage timings), with the identity of the algorithm that produced them.
 *
 * @param scoringMillis time of the clinical scoring after detection
 */
public record ScanAnalysis(List<Finding> findings, DetectionResult detection, AlgorithmIdentity algorithm,
                           long scoringMillis) {

    public ScanAnalysis {
        findings = List.copyOf(findings);
        Objects.requireNonNull(detection, "detection");
        Objects.requireNonNull(algorithm, "algorithm");
        if (scoringMillis < 0) {
            throw new IllegalArgumentException("scoringMillis must be >= 0");
        }
    }
}
