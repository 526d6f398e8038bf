package org.lungcad.model.evaluation;

import java.util.Objects;

/**
 * Sensitivity of one group of reference nodules at an operating point.
 *
 * @param grouping    what the nodules were grouped by
 * @param bucket      the group's name: the reference label, or a size range such as {@code 6-10 mm}
 * @param nodules     reference nodules in the group
 * @param detected    of those, the ones hit at the operating point
 * @param sensitivity {@code detected / nodules}; NaN for an empty group
 */
public record BucketSensitivity(Grouping grouping, String bucket, int nodules, int detected, double sensitivity) {

    /** How nodules were put into buckets. */
    public enum Grouping {
        /** By {@link ReferenceNodule#label()}. */
        LABEL,
        /** By {@link ReferenceNodule#diameterMm()}, lower edge inclusive. */
        SIZE
    }

    public BucketSensitivity {
        Objects.requireNonNull(grouping, "grouping");
        Objects.requireNonNull(bucket, "bucket");
        if (nodules < 0 || detected < 0 || detected > nodules) {
            throw new IllegalArgumentException("need 0 <= detected <= nodules: " + detected + " of " + nodules);
        }
    }

    static BucketSensitivity of(Grouping grouping, String bucket, int nodules, int detected) {
        return new BucketSensitivity(grouping, bucket, nodules, detected,
                nodules == 0 ? Double.NaN : (double) detected / nodules);
    }
}
