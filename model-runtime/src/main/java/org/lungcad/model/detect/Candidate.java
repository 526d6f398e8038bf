package org.lungcad.model.detect;

/**
 * A blob found by the multi-scale filter, before segmentation.
 *
 * @param centerVoxel     centre (i, j, k) on the working grid (continuous voxel coordinate)
 * @param centerLps       centre in patient LPS millimetres
 * @param scaleMm         Gaussian scale sigma (mm) at which the blob answered most strongly
 * @param diameterMm      diameter estimated from the scale (a sphere answers most at sigma = d / (2 sqrt 3))
 * @param response        scale-normalised dot response (1.0 = a 1000 HU contrast answering fully)
 * @param blobRatio       lambda1 / lambda3 of the Hessian (eigenvalues by decreasing value, all negative):
 *                        1 for a ball, near 0 for a tube or a plate
 * @param tubeRatio       lambda2 / lambda3: near 1 for a ball or a tube, near 0 for a plate
 * @param centerHu        HU of the working grid at the centre
 */
public record Candidate(double[] centerVoxel, double[] centerLps, double scaleMm, double diameterMm,
                        double response, double blobRatio, double tubeRatio, double centerHu) {

    public Candidate {
        centerVoxel = finite3(centerVoxel, "centerVoxel");
        centerLps = finite3(centerLps, "centerLps");
        if (!(scaleMm > 0 && diameterMm > 0)) {
            throw new IllegalArgumentException("scale and diameter must be positive");
        }
        if (!Double.isFinite(response) || !Double.isFinite(blobRatio) || !Double.isFinite(tubeRatio)
                || !Double.isFinite(centerHu)) {
            throw new IllegalArgumentException("features must be finite");
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

    /** Euclidean distance in mm between the two patient positions. */
    public double distanceMm(double[] lps) {
        double dx = centerLps[0] - lps[0];
        double dy = centerLps[1] - lps[1];
        double dz = centerLps[2] - lps[2];
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }

    private static double[] finite3(double[] v, String name) {
        if (v == null || v.length != 3) {
            throw new IllegalArgumentException(name + " must have 3 components");
        }
        for (double x : v) {
            if (!Double.isFinite(x)) {
                throw new IllegalArgumentException(name + " must be finite");
            }
        }
        return v.clone();
    }
}
