package org.lungcad.model.evaluation;

import java.util.List;
import java.util.Objects;

/**
 * The detector at one score threshold: marks scoring at or above {@code threshold} are reported.
 *
 * @param threshold   the score threshold
 * @param sensitivity hit nodules / reference nodules (NaN when there are no reference nodules)
 * @param fpPerScan   false positives at or above the threshold / scans
 * @param buckets     sensitivity by label (when any nodule has one), then by size
 * @param matches     one entry per reference nodule, in input order
 */
public record OperatingPointResult(double threshold, double sensitivity, double fpPerScan,
                                   List<BucketSensitivity> buckets, List<MatchedNodule> matches) {

    public OperatingPointResult {
        buckets = List.copyOf(Objects.requireNonNull(buckets, "buckets"));
        matches = List.copyOf(Objects.requireNonNull(matches, "matches"));
    }

    /** Reference nodules hit at this threshold. */
    public long detected() {
        return matches.stream().filter(MatchedNodule::hit).count();
    }
}
