package org.lungcad.server.analysis;

import java.util.List;

/**
 * One finding as the job table keeps it and as the REST API and {@code findings.json} show it. Coordinates are
 * DICOM patient LPS millimetres, the frame of ImagePositionPatient and of the LUNA16 CSVs.
 *
 * @param malignancyProbability Brock probability; null where the model does not apply (calcified nodules)
 */
public record FindingSummary(
        String id,
        double[] centerLpsMm,
        double longAxisMm,
        double shortAxisMm,
        double meanDiameterMm,
        double volumeMm3,
        double meanHu,
        String type,
        String lobe,
        double detectionScore,
        Double malignancyProbability,
        List<Factor> malignancyFactors,
        String lungRads) {

    /** One Brock factor: its value as a person reads it and its additive contribution to the logit. */
    public record Factor(String factor, String value, double logitContribution) {
    }
}
