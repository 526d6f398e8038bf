package org.lungcad.model.evaluation;

import java.util.Arrays;
import java.util.Objects;

/**
 * One CAD mark (one row of a LUNA16 candidates file).
 *
 * @param seriesUid the series it was found in
 * @param centerLps centre, patient LPS mm
 * @param score     suspicion; higher is more suspicious (LUNA16 {@code probability}, any finite scale)
 */
public record Detection(String seriesUid, double[] centerLps, double score) {

    public Detection {
        Checks.seriesUid(seriesUid);
        centerLps = Checks.point(centerLps);
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException("score must be finite: " + score);
        }
    }

    @Override
    public double[] centerLps() {
        return centerLps.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Detection d && seriesUid.equals(d.seriesUid) && Arrays.equals(centerLps, d.centerLps)
                && Double.compare(score, d.score) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(seriesUid, Arrays.hashCode(centerLps), score);
    }

    @Override
    public String toString() {
        return "Detection[" + seriesUid + ", " + Arrays.toString(centerLps) + ", score " + score + "]";
    }
}
