package org.lungcad.model.detect;

/**
 * Which scored candidates become reported nodules.
 *
 * @param threshold       minimum detection score in [0, 1]
 * @param maxMarksPerScan at most this many nodules per scan (highest scores first)
 * @param minDiameterMm   smaller nodules are not reported (Lung-RADS starts at 3 mm, and
 *                        the filter's smallest scale answers to about 3.5 mm)
 * @param maxDiameterMm   larger "nodules" are masses or mis-segmentations and are not reported as nodules
 */
public record OperatingPoint(double threshold, int maxMarksPerScan, double minDiameterMm, double maxDiameterMm) {

    public static final OperatingPoint DEFAULT = new OperatingPoint(0.5, 10, 3.0, 40.0);

    public OperatingPoint {
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

    public boolean accepts(double score, double meanDiameterMm) {
        return score >= threshold && meanDiameterMm >= minDiameterMm && meanDiameterMm <= maxDiameterMm;
    }
}
