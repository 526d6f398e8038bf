package org.lungcad.model;

/**
 * Finds, segments, measures and scores lung nodules in a chest CT.
 *
 * <p>Seam for the clinical scoring: the result's {@link DetectionResult#nodules()} and
 * {@link DetectionResult#patient()} are all that the Brock model and Lung-RADS (package
 * {@code org.lungcad.model.score}) need to turn nodules into {@link Finding}s; the detector itself
 * makes no clinical judgement.
 *
 * <p>Implementations are thread-safe only if they say so.
 */
public interface LungNoduleDetector {

    DetectionResult detect(ScanVolume scan, PatientContext patient);

    /** The settings that change results, in one line, for {@link AlgorithmIdentity#parameters()}. */
    String parameters();
}
