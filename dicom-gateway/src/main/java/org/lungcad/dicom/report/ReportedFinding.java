package org.lungcad.dicom.report;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One nodule as the writers report it. Defined here, not in model-runtime: the gateway depends on no detector
 * type, and cad-server maps between the two.
 *
 * @param trackingId            Tracking Identifier, e.g. "Nodule 1"
 * @param trackingUid           Tracking Unique Identifier, stable for the same finding across re-analyses
 * @param centrePatient         centre in patient coordinates (LPS, mm)
 * @param centreVoxel           centre in continuous voxel coordinates (i, j, k) of the CT volume
 * @param meanDiameterMm        Lung-RADS size: mean of long and short axis, rounded to 0.1 mm
 * @param detectionScore        detector confidence in [0, 1]
 * @param malignancyProbability Brock probability in [0, 1]; null where the model does not apply
 * @param lungRadsCategory      "1", "2", "3", "4A", "4B" or "4X"
 * @param longAxisStart         one end of the long axis on the centre slice
 * @param longAxisEnd           the other end
 * @param outline               in-plane outline on the centre slice, for drawing; may be empty
 */
public record ReportedFinding(
        String trackingId,
        String trackingUid,
        double[] centrePatient,
        double[] centreVoxel,
        double longAxisMm,
        double shortAxisMm,
        double meanDiameterMm,
        double volumeMm3,
        double meanHu,
        NoduleType noduleType,
        LungLobe lobe,
        double detectionScore,
        Double malignancyProbability,
        List<MalignancyFactor> malignancyFactors,
        String lungRadsCategory,
        ImagePoint longAxisStart,
        ImagePoint longAxisEnd,
        List<ImagePoint> outline) {

    static final Set<String> LUNG_RADS_CATEGORIES = Set.of("1", "2", "3", "4A", "4B", "4X");

    public ReportedFinding {
        Objects.requireNonNull(trackingId, "trackingId");
        DicomUids.requireValid(trackingUid, "trackingUid");
        centrePatient = vector3(centrePatient, "centrePatient");
        centreVoxel = vector3(centreVoxel, "centreVoxel");
        Objects.requireNonNull(noduleType, "noduleType");
        Objects.requireNonNull(lobe, "lobe");
        Objects.requireNonNull(longAxisStart, "longAxisStart");
        Objects.requireNonNull(longAxisEnd, "longAxisEnd");
        malignancyFactors = List.copyOf(malignancyFactors);
        outline = List.copyOf(outline);
        if (trackingId.isBlank() || trackingId.length() > 64) {
            throw new IllegalArgumentException("tracking identifier must have 1 to 64 characters");
        }
        for (double size : new double[] {longAxisMm, shortAxisMm, meanDiameterMm, volumeMm3}) {
            if (!(size >= 0) || !Double.isFinite(size)) {
                throw new IllegalArgumentException("sizes must be finite and not negative");
            }
        }
        if (!Double.isFinite(meanHu)) {
            throw new IllegalArgumentException("mean HU must be finite");
        }
        requireProbability(detectionScore, "detectionScore");
        if (malignancyProbability != null) {
            requireProbability(malignancyProbability, "malignancyProbability");
        }
        if (!LUNG_RADS_CATEGORIES.contains(lungRadsCategory)) {
            throw new IllegalArgumentException("unknown Lung-RADS category: " + lungRadsCategory);
        }
    }

    @Override
    public double[] centrePatient() {
        return centrePatient.clone();
    }

    @Override
    public double[] centreVoxel() {
        return centreVoxel.clone();
    }

    /** The axial slice (k) through the centre: where the long axis, outline and marks lie. */
    public int slice() {
        return (int) Math.round(centreVoxel[2]);
    }

    private static void requireProbability(double p, String name) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(name + " must lie in [0, 1]: " + p);
        }
    }

    private static double[] vector3(double[] v, String name) {
        Objects.requireNonNull(v, name);
        if (v.length != 3 || !Double.isFinite(v[0]) || !Double.isFinite(v[1]) || !Double.isFinite(v[2])) {
            throw new IllegalArgumentException(name + " must have 3 finite components");
        }
        return v.clone();
    }
}
