package org.lungcad.model;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.lungcad.model.detect.Candidate;
import org.lungcad.model.detect.ShellStructure;
import org.lungcad.model.measure.NoduleMeasurements;

/**
 * Every candidate the detector looked at, with what it measured and how it scored; reported ones
 * also appear as {@link Nodule}s in the result. For FROC analysis and for tuning the operating point.
 *
 * @param measurements empty when no nodule tissue could be segmented at the candidate
 * @param shell        what leaves it through a sphere just outside its measured (or estimated) size
 * @param transparentScore   the hand-set logistic score of its features ({@code DetectionScorer})
 * @param learnedProbability the learned stage's probability that it is a nodule; empty without a learned stage
 * @param score              what ranks it: the transparent score, or both combined by the model's stacking
 * @param reported           whether the operating point turned it into a nodule
 */
public record ScoredCandidate(Candidate candidate, Optional<NoduleMeasurements> measurements, ShellStructure shell,
                              Lobe lobe, double transparentScore, OptionalDouble learnedProbability, double score,
                              boolean reported) {

    public ScoredCandidate {
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(measurements, "measurements");
        Objects.requireNonNull(shell, "shell");
        Objects.requireNonNull(lobe, "lobe");
        Objects.requireNonNull(learnedProbability, "learnedProbability");
        for (double p : new double[] {score, transparentScore, learnedProbability.orElse(0)}) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("scores must be in [0, 1]: " + p);
            }
        }
    }

    /** The measured centre (LPS, mm), or the filter's when segmentation failed. */
    public double[] centreLps() {
        return measurements.map(NoduleMeasurements::centerLps).orElse(candidate.centerLps());
    }
}
