package org.lungcad.model.detect;

import java.util.Locale;
import java.util.Objects;
import org.lungcad.model.NoduleType;

/**
 * Which scored candidates become reported nodules.
 *
 * @param threshold       minimum detection score in [0, 1]
 * @param maxMarksPerScan at most this many nodules per scan (highest scores first)
 * @param minDiameterMm   smaller nodules of any type are not reported (Lung-RADS starts at 3 mm, and
 *                        the filter's smallest scale answers to about 3.5 mm)
 * @param maxDiameterMm   larger "nodules" are masses or mis-segmentations and are not reported as nodules
 * @param minimumByType   the smallest reported mean diameter of each attenuation type (the intended use)
 */
public record OperatingPoint(double threshold, int maxMarksPerScan, double minDiameterMm, double maxDiameterMm,
                             MinimumSize minimumByType) {

    /**
     * The intended use (see docs/model-card.md): solid and calcified nodules from 4 mm, as cleared lung CAD
     * indicates (InferRead CT Lung: nodules of 4 mm or more); part-solid and ground-glass from 6 mm, below which
     * Lung-RADS v2022 puts them in category 2 and Fleischner 2017 advises no routine follow-up, less the 1 mm by
     * which the -650 HU outline under-measures a blurred subsolid edge (6 mm ground-glass nodules measured
     * 5.2-5.6 mm): a nodule at the 6 mm boundary is shown and the radiologist measures it.
     */
    public static final MinimumSize INTENDED_USE = new MinimumSize(4.0, 5.0, 5.0);

    public static final OperatingPoint DEFAULT = new OperatingPoint(0.5, 10, 3.0, 40.0, INTENDED_USE);

    /**
     * The smallest mean diameter reported per attenuation type; calcified nodules follow the solid minimum.
     */
    public record MinimumSize(double solidMm, double partSolidMm, double groundGlassMm) {

        /** Every type from {@code mm}. */
        public static MinimumSize all(double mm) {
            return new MinimumSize(mm, mm, mm);
        }

        public MinimumSize {
            for (double v : new double[] {solidMm, partSolidMm, groundGlassMm}) {
                if (!(v >= 0 && v <= 30)) {
                    throw new IllegalArgumentException("a minimum size per type must be in [0, 30] mm: " + v);
                }
            }
        }

        public double of(NoduleType type) {
            return switch (type) {
                case SOLID, CALCIFIED -> solidMm;
                case PART_SOLID -> partSolidMm;
                case GROUND_GLASS -> groundGlassMm;
            };
        }
    }

    public OperatingPoint {
        Objects.requireNonNull(minimumByType, "minimumByType");
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in [0, 1]: " + threshold);
        }
        if (maxMarksPerScan < 0 || maxMarksPerScan > 100) {
            throw new IllegalArgumentException("maxMarksPerScan must be in [0, 100]: " + maxMarksPerScan);
        }
        if (!(minDiameterMm >= 0 && minDiameterMm < maxDiameterMm && maxDiameterMm <= 100)) {
            throw new IllegalArgumentException("need 0 <= minDiameter < maxDiameter <= 100 mm");
        }
    }

    public boolean accepts(double score, double meanDiameterMm, NoduleType type) {
        return score >= threshold && meanDiameterMm >= Math.max(minDiameterMm, minimumByType.of(type))
                && meanDiameterMm <= maxDiameterMm;
    }

    /** In words, for reports: "detection score >= 0.50, at most 10 marks, 3-40 mm (solid >= 4, ...)". */
    public String describe() {
        return String.format(Locale.ROOT, "detection score >= %.2f, at most %d marks, %.0f-%.0f mm "
                + "(solid from %.0f mm, part-solid from %.0f mm, ground-glass from %.0f mm)", threshold,
                maxMarksPerScan, minDiameterMm, maxDiameterMm, minimumByType.solidMm(), minimumByType.partSolidMm(),
                minimumByType.groundGlassMm());
    }
}
