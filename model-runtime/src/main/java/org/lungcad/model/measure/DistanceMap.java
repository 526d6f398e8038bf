package org.lungcad.model.measure;

/**
 * Exact Euclidean distance transform on anisotropic voxels (Felzenszwalb and Huttenlocher's separable
 * lower-envelope algorithm, linear in the voxel count): for every voxel the squared distance (mm^2) to
 * the nearest "site" voxel. Used instead of ball erosions and dilations, whose cost grows with the
 * cube of the radius: erosion by a ball of radius rho keeps the voxels farther than rho from the
 * background; dilation keeps those within rho of the set.
 */
final class DistanceMap {

    static final double INF = 1e30;

    private DistanceMap() {
    }

    /**
     * @param site             voxels to measure the distance to (non-zero)
     * @param inPlaneBorderIsSite whether everything beyond the in-plane faces counts as a site (the
     *                         through-plane faces never do: a patch may be only a few slices)
     * @return squared distances in mm^2, {@link #INF} where no site is reachable
     */
    static double[] squared(byte[] site, int w, int h, int d, double sx, double sy, double sz,
                            boolean inPlaneBorderIsSite) {
        double[] g = new double[site.length];
        for (int v = 0; v < g.length; v++) {
            g[v] = site[v] != 0 ? 0 : INF;
        }
        int n = Math.max(w, Math.max(h, d));
        double[] f = new double[n];
        double[] out = new double[n];
        int[] vs = new int[n];
        double[] zs = new double[n + 1];
        for (int k = 0; k < d; k++) {
            for (int j = 0; j < h; j++) {
                int row = (k * h + j) * w;
                for (int i = 0; i < w; i++) {
                    f[i] = g[row + i];
                }
                line(f, w, sx, out, vs, zs);
                for (int i = 0; i < w; i++) {
                    double o = out[i];
                    if (inPlaneBorderIsSite) {
                        o = Math.min(o, Math.min(sq((i + 1) * sx), sq((w - i) * sx)));
                    }
                    g[row + i] = o;
                }
            }
        }
        for (int k = 0; k < d; k++) {
            for (int i = 0; i < w; i++) {
                for (int j = 0; j < h; j++) {
                    f[j] = g[(k * h + j) * w + i];
                }
                line(f, h, sy, out, vs, zs);
                for (int j = 0; j < h; j++) {
                    double o = out[j];
                    if (inPlaneBorderIsSite) {
                        o = Math.min(o, Math.min(sq((j + 1) * sy), sq((h - j) * sy)));
                    }
                    g[(k * h + j) * w + i] = o;
                }
            }
        }
        int plane = w * h;
        for (int v = 0; v < plane; v++) {
            for (int k = 0; k < d; k++) {
                f[k] = g[k * plane + v];
            }
            line(f, d, sz, out, vs, zs);
            for (int k = 0; k < d; k++) {
                g[k * plane + v] = out[k];
            }
        }
        return g;
    }

    /** 1-D squared distance transform of the sampled function f (lower envelope of parabolas). */
    private static void line(double[] f, int n, double s, double[] out, int[] v, double[] z) {
        double s2 = s * s;
        int k = -1;
        for (int q = 0; q < n; q++) {
            if (f[q] >= INF) {
                continue;
            }
            while (true) {
                if (k < 0) {
                    k = 0;
                    v[0] = q;
                    z[0] = Double.NEGATIVE_INFINITY;
                    z[1] = Double.POSITIVE_INFINITY;
                    break;
                }
                int p = v[k];
                double x = ((f[q] + s2 * q * q) - (f[p] + s2 * p * p)) / (2 * s2 * (q - p));
                if (x <= z[k]) {
                    k--;
                    continue;
                }
                k++;
                v[k] = q;
                z[k] = x;
                z[k + 1] = Double.POSITIVE_INFINITY;
                break;
            }
        }
        if (k < 0) {
            for (int q = 0; q < n; q++) {
                out[q] = INF;
            }
            return;
        }
        int j = 0;
        for (int q = 0; q < n; q++) {
            while (z[j + 1] < q) {
                j++;
            }
            out[q] = s2 * (q - v[j]) * (q - v[j]) + f[v[j]];
        }
    }

    private static double sq(double x) {
        return x * x;
    }
}
