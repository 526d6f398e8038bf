package org.lungcad.model.evaluation;

import java.util.Arrays;
import java.util.Objects;

/**
 * An "irrelevant finding" of LUNA16 ({@code annotations_excluded.csv}): a nodule under 3 mm, a non-nodule or a
 * mark by too few readers. A detection inside one is neither a hit nor a false positive.
 *
 * @param seriesUid  the series it lies in
 * @param centerLps  centre, patient LPS mm
 * @param diameterMm diameter, or a negative value (LUNA16 writes -1) when the readers gave none
 */
public record ExcludedFinding(String seriesUid, double[] centerLps, double diameterMm) {

    /** What the LUNA16 script assumes for an excluded finding without a diameter ({@code diameter = 10.0}). */
    public static final double DEFAULT_DIAMETER_MM = 10.0;

    public ExcludedFinding {
        Checks.seriesUid(seriesUid);
        centerLps = Checks.point(centerLps);
        if (!Double.isFinite(diameterMm)) {
            throw new IllegalArgumentException("excluded-finding diameter must be finite (negative = unknown): " + diameterMm);
        }
    }

    @Override
    public double[] centerLps() {
        return centerLps.clone();
    }

    /** Half the diameter, or half of {@link #DEFAULT_DIAMETER_MM} when the diameter is negative. */
    public double radiusMm() {
        return (diameterMm < 0 ? DEFAULT_DIAMETER_MM : diameterMm) / 2;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExcludedFinding e && seriesUid.equals(e.seriesUid) && Arrays.equals(centerLps, e.centerLps)
                && Double.compare(diameterMm, e.diameterMm) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(seriesUid, Arrays.hashCode(centerLps), diameterMm);
    }

    @Override
    public String toString() {
        return "ExcludedFinding[" + seriesUid + ", " + Arrays.toString(centerLps) + ", " + diameterMm + " mm]";
    }
}
