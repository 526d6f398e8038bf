package org.lungcad.model.detect;

import java.util.List;

/**
 * Settings of the multi-scale blob filter.
 *
 * @param scalesMm        Gaussian sigmas (mm), increasing; sigma = d / (2 sqrt 3) maps 1.0..8.7 mm to
 *                        nodules of about 3.5..30 mm
 * @param coarseFromMm    scales at or above this run on a grid twice as coarse (8x fewer voxels); a
 *                        2 mm grid still samples sigma = 2.2 mm with more than one voxel
 * @param minResponse     peaks below this normalised dot response are dropped
 * @param minBlobRatio    peaks with lambda1/lambda3 below this are tube- or plate-like and dropped
 * @param maxCandidates   at most this many candidates (strongest first) leave the detector
 * @param faintMinResponse  a second, lower response threshold for peaks that are clearly round
 *                          ({@code lambda1/lambda3 >= faintMinBlobRatio}): the dot response scales with
 *                          contrast, and a ground-glass nodule (about -550 HU in -850 HU lung) has about a
 *                          third of a solid one's; next to the pleura or a vessel its peak loses more of it
 *                          (0.02-0.025 on inserted 6-10 mm ground-glass nodules there). Tubes and plates
 *                          (lambda1 near 0) never pass the round test, so the lower threshold admits faint
 *                          blobs, not vessel segments
 * @param faintMinBlobRatio the roundness a peak needs to be kept at {@code faintMinResponse}: the weakest
 *                          curvature at least this fraction of the strongest
 */
public record CandidateDetectorConfig(List<Double> scalesMm, double coarseFromMm, double minResponse,
                                      double minBlobRatio, int maxCandidates, double faintMinResponse,
                                      double faintMinBlobRatio) {

    public static final CandidateDetectorConfig DEFAULT = new CandidateDetectorConfig(
            List.of(1.0, 1.5, 2.2, 3.2, 4.6, 6.5, 8.7), 2.0, 0.03, 0.2, 300, 0.015, 0.55);

    /** Without the faint tier: only {@code minResponse} and {@code minBlobRatio} apply. */
    public CandidateDetectorConfig(List<Double> scalesMm, double coarseFromMm, double minResponse,
                                   double minBlobRatio, int maxCandidates) {
        this(scalesMm, coarseFromMm, minResponse, minBlobRatio, maxCandidates, minResponse, minBlobRatio);
    }

    public CandidateDetectorConfig {
        scalesMm = List.copyOf(scalesMm);
        if (scalesMm.isEmpty()) {
            throw new IllegalArgumentException("need at least one scale");
        }
        double prev = 0;
        for (double s : scalesMm) {
            if (!(s > prev && s <= 20)) {
                throw new IllegalArgumentException("scales must increase within (0, 20] mm: " + scalesMm);
            }
            prev = s;
        }
        if (!(coarseFromMm > 0)) {
            throw new IllegalArgumentException("coarseFromMm must be positive: " + coarseFromMm);
        }
        if (!(minResponse >= 0) || !(minBlobRatio >= 0 && minBlobRatio <= 1)) {
            throw new IllegalArgumentException("minResponse >= 0 and minBlobRatio in [0, 1] required");
        }
        if (!(faintMinResponse >= 0 && faintMinResponse <= minResponse)
                || !(faintMinBlobRatio >= minBlobRatio && faintMinBlobRatio <= 1)) {
            throw new IllegalArgumentException("faint tier needs 0 <= faintMinResponse <= minResponse and "
                    + "minBlobRatio <= faintMinBlobRatio <= 1");
        }
        if (maxCandidates < 1 || maxCandidates > 10_000) {
            throw new IllegalArgumentException("maxCandidates must be in [1, 10000]: " + maxCandidates);
        }
    }

    /** Diameter (mm) that a ball must have to answer most strongly at sigma. */
    public static double diameterForScale(double sigmaMm) {
        return 2 * Math.sqrt(3) * sigmaMm;
    }
}
