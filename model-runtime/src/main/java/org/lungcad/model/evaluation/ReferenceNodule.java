package org.lungcad.model.evaluation;

import java.util.Arrays;
import java.util.Objects;

/**
 * One nodule of the reference standard (one row of a LUNA16 {@code annotations.csv}).
 *
 * @param seriesUid  the series it lies in
 * @param centerLps  centre, patient LPS mm (LUNA16 coordX, coordY, coordZ)
 * @param diameterMm diameter; a detection within half of it is a hit
 * @param label      optional bucket for per-bucket sensitivity (e.g. the nodule type), or null
 */
public record ReferenceNodule(String seriesUid, double[] centerLps, double diameterMm, String label) {

    public ReferenceNodule {
        Checks.seriesUid(seriesUid);
        centerLps = Checks.point(centerLps);
        if (!(diameterMm > 0) || !Double.isFinite(diameterMm)) {
            throw new IllegalArgumentException("reference diameter must be positive and finite: " + diameterMm);
        }
        // a blank label is what an empty CSV cell gives: treat it as no label
        label = label == null || label.isBlank() ? null : label.strip();
    }

    public ReferenceNodule(String seriesUid, double[] centerLps, double diameterMm) {
        this(seriesUid, centerLps, diameterMm, null);
    }

    @Override
    public double[] centerLps() {
        return centerLps.clone();
    }

    public double radiusMm() {
        return diameterMm / 2;
    }

    // value semantics for the array component, so results compare in tests and collections
    @Override
    public boolean equals(Object o) {
        return o instanceof ReferenceNodule r && seriesUid.equals(r.seriesUid) && Arrays.equals(centerLps, r.centerLps)
                && Double.compare(diameterMm, r.diameterMm) == 0 && Objects.equals(label, r.label);
    }

    @Override
    public int hashCode() {
        return Objects.hash(seriesUid, Arrays.hashCode(centerLps), diameterMm, label);
    }

    @Override
    public String toString() {
        return "ReferenceNodule[" + seriesUid + ", " + Arrays.toString(centerLps) + ", " + diameterMm + " mm"
                + (label == null ? "" : ", " + label) + "]";
    }
}
