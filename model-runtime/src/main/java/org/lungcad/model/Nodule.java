package org.lungcad.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * A segmented, measured and typed nodule.
 *
 * @param centerVoxel      centre (i, j, k) as a continuous voxel coordinate of the working (resampled) grid
 * @param centerLps        centre in patient LPS millimetres
 * @param longAxisMm       longest diameter (the Brock model's size)
 * @param shortAxisMm      longest diameter perpendicular to the long axis, at most {@code longAxisMm}
 * @param longAxisStartLps one end of the measured long axis, patient LPS mm, on the axial slice where it was
 *                         measured (the report draws it as a polyline there)
 * @param longAxisEndLps   the other end; its distance to the start is {@code longAxisMm} within
 *                         {@link #LONG_AXIS_END_TOLERANCE_MM}
 * @param meanDiameterMm   Lung-RADS size: mean of long and short axis rounded to 0.1 mm; must equal
 *                         {@link #meanDiameter(double, double)} of the two axes
 * @param volumeMm3        segmented volume
 * @param meanHu           mean attenuation inside the segmentation
 * @param maxHu            maximum attenuation inside the segmentation, at least {@code meanHu}
 * @param solidComponentMm mean diameter of the solid component (0 for pure ground glass, the whole nodule for solid)
 * @param sphericity       in [0, 1]; 1 for a sphere
 * @param elongation       largest over smallest principal axis length, at least 1
 * @param spiculation      in [0, 1]; 0 smooth, 1 strongly spiculated
 * @param detectionScore   detector confidence in [0, 1]
 */
public record Nodule(
        double[] centerVoxel, double[] centerLps,
        double longAxisMm, double shortAxisMm, double[] longAxisStartLps, double[] longAxisEndLps,
        double meanDiameterMm, double volumeMm3,
        double meanHu, double maxHu, double solidComponentMm,
        NoduleType type, Lobe lobe,
        double sphericity, double elongation, double spiculation, double detectionScore) {

    /**
     * How far the end points' distance may differ from the long axis: 0.6 mm of rounding plus one pixel, for
     * producers that put the ends on pixel centres. A record does not know its scan, so the pixel is the coarsest
     * a diagnostic chest CT uses (1 mm); the ends this module measures are exact.
     */
    public static final double LONG_AXIS_END_TOLERANCE_MM = 0.6 + 1.0;

    public Nodule {
        centerVoxel = finite3(centerVoxel, "centerVoxel");
        centerLps = finite3(centerLps, "centerLps");
        requireLongAxisEnds(longAxisStartLps, longAxisEndLps, longAxisMm);
        longAxisStartLps = longAxisStartLps.clone();
        longAxisEndLps = longAxisEndLps.clone();
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(lobe, "lobe (use Lobe.UNKNOWN)");
        requireFinite(meanHu, "meanHu");
        requireFinite(maxHu, "maxHu");
        if (!(longAxisMm > 0 && shortAxisMm > 0 && shortAxisMm <= longAxisMm)) {
            throw new IllegalArgumentException("need 0 < shortAxis <= longAxis, got " + shortAxisMm + " / " + longAxisMm);
        }
        if (Math.abs(meanDiameterMm - meanDiameter(longAxisMm, shortAxisMm)) > 1e-9) {
            throw new IllegalArgumentException("meanDiameterMm " + meanDiameterMm + " is not the rounded mean of the axes: "
                    + meanDiameter(longAxisMm, shortAxisMm));
        }
        if (!(volumeMm3 > 0) || Double.isInfinite(volumeMm3)) {
            throw new IllegalArgumentException("volume must be positive: " + volumeMm3);
        }
        if (maxHu < meanHu) {
            throw new IllegalArgumentException("maxHu " + maxHu + " below meanHu " + meanHu);
        }
        if (!(solidComponentMm >= 0 && solidComponentMm <= longAxisMm)) {
            throw new IllegalArgumentException("solid component must be in [0, longAxis]: " + solidComponentMm);
        }
        requireUnit(sphericity, "sphericity");
        requireUnit(spiculation, "spiculation");
        requireUnit(detectionScore, "detectionScore");
        if (!(elongation >= 1) || Double.isInfinite(elongation)) {
            throw new IllegalArgumentException("elongation must be >= 1: " + elongation);
        }
    }

    /** Lung-RADS size: (long + short) / 2 rounded half-up to 0.1 mm, on the decimal values (5.95 -> 6.0). */
    public static double meanDiameter(double longAxisMm, double shortAxisMm) {
        return BigDecimal.valueOf(longAxisMm).add(BigDecimal.valueOf(shortAxisMm))
                .divide(BigDecimal.valueOf(2))
                .setScale(1, RoundingMode.HALF_UP)
                .doubleValue();
    }

    /**
     * Checks a long axis's end points: finite LPS positions whose distance is {@code longAxisMm} within
     * {@link #LONG_AXIS_END_TOLERANCE_MM}.
     *
     * @throws IllegalArgumentException when they are not
     */
    public static void requireLongAxisEnds(double[] startLps, double[] endLps, double longAxisMm) {
        finite3(startLps, "longAxisStartLps");
        finite3(endLps, "longAxisEndLps");
        double length = Math.sqrt(Math.pow(endLps[0] - startLps[0], 2) + Math.pow(endLps[1] - startLps[1], 2)
                + Math.pow(endLps[2] - startLps[2], 2));
        if (!(Math.abs(length - longAxisMm) <= LONG_AXIS_END_TOLERANCE_MM)) {
            throw new IllegalArgumentException("long axis end points are " + length + " mm apart, the long axis is "
                    + longAxisMm + " mm");
        }
    }

    @Override
    public double[] centerVoxel() {
        return centerVoxel.clone();
    }

    @Override
    public double[] centerLps() {
        return centerLps.clone();
    }

    @Override
    public double[] longAxisStartLps() {
        return longAxisStartLps.clone();
    }

    @Override
    public double[] longAxisEndLps() {
        return longAxisEndLps.clone();
    }

    private static double[] finite3(double[] v, String name) {
        Objects.requireNonNull(v, name);
        if (v.length != 3) {
            throw new IllegalArgumentException(name + " must have 3 components");
        }
        for (double d : v) {
            requireFinite(d, name);
        }
        return v.clone();
    }

    private static void requireFinite(double d, String name) {
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException(name + " must be finite: " + d);
        }
    }

    private static void requireUnit(double d, String name) {
        if (!(d >= 0 && d <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1]: " + d);
        }
    }
}
