package org.lungcad.model.evaluation;

import java.util.Objects;

/**
 * How one reference nodule fared at an operating point.
 *
 * @param nodule     the reference nodule
 * @param hit        whether a detection at or above the threshold lies within its radius
 * @param distanceMm for a hit, the distance of the highest-scoring hit; for a miss, of the nearest detection at
 *                   or above the threshold in the same series (outside the radius); NaN when there is none
 * @param score      the score of that same detection; NaN when there is none
 */
public record MatchedNodule(ReferenceNodule nodule, boolean hit, double distanceMm, double score) {

    public MatchedNodule {
        Objects.requireNonNull(nodule, "nodule");
    }
}
