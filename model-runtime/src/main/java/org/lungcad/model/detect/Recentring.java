package org.lungcad.model.detect;

import org.lungcad.model.ScanVolume;

/** Moves a peak to the attenuation centroid of the dense tissue around it (plain Java: a few hundred voxels). */
final class Recentring {

    /** Tissue denser than this pulls the centre; parenchyma (-900..-700) does not. */
    private static final double DENSE_HU = -500;

    private Recentring() {
    }

    static double[] centroid(ScanVolume work, double[] start, double radiusMm) {
        double[] c = start.clone();
        double rv = Math.max(1.5, radiusMm / work.spacingX());
        for (int iter = 0; iter < 2; iter++) {
            double sw = 0;
            double si = 0;
            double sj = 0;
            double sk = 0;
            int r = (int) Math.ceil(rv);
            int ci = (int) Math.round(c[0]);
            int cj = (int) Math.round(c[1]);
            int ck = (int) Math.round(c[2]);
            for (int k = ck - r; k <= ck + r; k++) {
                for (int j = cj - r; j <= cj + r; j++) {
                    for (int i = ci - r; i <= ci + r; i++) {
                        if (i < 0 || j < 0 || k < 0 || i >= work.width() || j >= work.height() || k >= work.depth()) {
                            continue;
                        }
                        double d2 = (i - c[0]) * (i - c[0]) + (j - c[1]) * (j - c[1]) + (k - c[2]) * (k - c[2]);
                        if (d2 > rv * rv) {
                            continue;
                        }
                        double wgt = Math.min(1.0, Math.max(0, (work.at(i, j, k) - DENSE_HU) / 400.0));
                        sw += wgt;
                        si += wgt * i;
                        sj += wgt * j;
                        sk += wgt * k;
                    }
                }
            }
            if (sw <= 0) {
                return start.clone();
            }
            double[] next = {si / sw, sj / sw, sk / sw};
            // never let a neighbouring vessel drag the centre out of the blob
            double move = Math.sqrt(sq(next[0] - start[0]) + sq(next[1] - start[1]) + sq(next[2] - start[2]));
            if (move > rv * 0.5) {
                return c;
            }
            c = next;
        }
        return c;
    }

    static double huAt(ScanVolume work, double[] c) {
        int i = Math.max(0, Math.min(work.width() - 1, (int) Math.round(c[0])));
        int j = Math.max(0, Math.min(work.height() - 1, (int) Math.round(c[1])));
        int k = Math.max(0, Math.min(work.depth() - 1, (int) Math.round(c[2])));
        return work.at(i, j, k);
    }

    private static double sq(double x) {
        return x * x;
    }
}
