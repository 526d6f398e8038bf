package org.lungcad.model.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DistanceMapTest {

    /** Against brute force on a random mask with anisotropic voxels, with and without border sites. */
    @Test
    void matchesBruteForce() {
        int w = 13;
        int h = 11;
        int d = 7;
        double sx = 0.7;
        double sy = 0.7;
        double sz = 1.25;
        Random rnd = new Random(7);
        byte[] site = new byte[w * h * d];
        for (int v = 0; v < site.length; v++) {
            site[v] = rnd.nextDouble() < 0.04 ? (byte) 1 : 0;
        }
        for (boolean border : new boolean[] {false, true}) {
            double[] g = DistanceMap.squared(site, w, h, d, sx, sy, sz, border);
            for (int k = 0; k < d; k++) {
                for (int j = 0; j < h; j++) {
                    for (int i = 0; i < w; i++) {
                        double best = DistanceMap.INF;
                        for (int v = 0; v < site.length; v++) {
                            if (site[v] != 0) {
                                int ii = v % w;
                                int jj = (v / w) % h;
                                int kk = v / (w * h);
                                best = Math.min(best, sq((i - ii) * sx) + sq((j - jj) * sy) + sq((k - kk) * sz));
                            }
                        }
                        if (border) {
                            best = Math.min(best, Math.min(sq((i + 1) * sx), sq((w - i) * sx)));
                            best = Math.min(best, Math.min(sq((j + 1) * sy), sq((h - j) * sy)));
                        }
                        assertThat(g[(k * h + j) * w + i]).isCloseTo(best, within(1e-6));
                    }
                }
            }
        }
    }

    @Test
    void noSitesIsInfinite() {
        double[] g = DistanceMap.squared(new byte[27], 3, 3, 3, 1, 1, 1, false);
        assertThat(g).containsOnly(DistanceMap.INF);
    }

    private static double sq(double x) {
        return x * x;
    }
}
