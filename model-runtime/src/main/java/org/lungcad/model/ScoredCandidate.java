package org.lungcad.model;

import java.util.Objects;
import java.util.Optional;
import org.lungcad.model.detect.Candidate;
import org.lungcad.model.detect.ShellStructure;
import org.lungcad.model.measure.NoduleMeasurements;

/**
 * Every candidate the detector looked at, with what it measured and how it scored; reported ones
 * also appear as {@link Nodule}s in the result. For FROC analysis and for tuning the operating point.
 *
 * @param measurements empty when no nodule tissue could be segmented at the candidate
 * @param shell        what leaves it through a sphere just outside its measured (or estimated) size
 * @param reported     whether the operating point turned it into a nodule
 */
public record ScoredCandidate(Candidate candidate, Optional<NoduleMeasurements> measurements, ShellStructure shell,
                              Lobe lobe, double score, boolean reported) {

    public ScoredCandidate {
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(measurements, "measurements");
        Objects.requireNonNull(shell, "shell");
        Objects.requireNonNull(lobe, "lobe");
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be in [0, 1]: " + score);
        }
    }
}
