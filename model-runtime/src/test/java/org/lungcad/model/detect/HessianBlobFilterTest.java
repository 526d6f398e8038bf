package org.lungcad.model.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class HessianBlobFilterTest {

    @Test
    void closedFormEigenvaluesMatchKnownSpectra() {
        // R diag(l) R^T for a rotation about (1, 2, 2)/3 by 0.7 rad, plus a diagonal and a degenerate case
        double[][] spectra = {{3, 1, -2}, {-0.5, -1, -4}, {2, 2, 2}, {0, 0, -1}};
        double[][] rot = rotation(new double[] {1 / 3.0, 2 / 3.0, 2 / 3.0}, 0.7);
        try (NDManager m = NDManager.newBaseManager()) {
            for (double[] l : spectra) {
                double[][] a = new double[3][3];
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 3; j++) {
                        for (int k = 0; k < 3; k++) {
                            a[i][j] += rot[i][k] * l[k] * rot[j][k];
                        }
                    }
                }
                double[] comps = {a[0][0], a[1][1], a[2][2], a[0][1], a[0][2], a[1][2]};
                NDArray[] in = new NDArray[6];
                for (int c = 0; c < 6; c++) {
                    in[c] = m.create(new float[] {(float) comps[c]});
                }
                NDArray[] ev = HessianBlobFilter.eigenvalues(in);
                double[] sorted = l.clone();
                java.util.Arrays.sort(sorted);
                assertThat(ev[0].getFloat(0)).isCloseTo((float) sorted[2], within(1e-4f));
                assertThat(ev[1].getFloat(0)).isCloseTo((float) sorted[1], within(1e-4f));
                assertThat(ev[2].getFloat(0)).isCloseTo((float) sorted[0], within(1e-4f));
            }
        }
    }

    private static double[][] rotation(double[] u, double angle) {
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        double t = 1 - c;
        return new double[][] {
            {t * u[0] * u[0] + c, t * u[0] * u[1] - s * u[2], t * u[0] * u[2] + s * u[1]},
            {t * u[0] * u[1] + s * u[2], t * u[1] * u[1] + c, t * u[1] * u[2] - s * u[0]},
            {t * u[0] * u[2] - s * u[1], t * u[1] * u[2] + s * u[0], t * u[2] * u[2] + c}};
    }

    /** A quadratic cap -(x-c)^T A (x-c): smoothing leaves its Hessian -2A, so the filter must return sigma^2 eig(-2A). */
    @Test
    void hessianAtPeaksIncludingMixedTermsMatchesAnOrientedQuadratic() {
        double[] l = {0.004, 0.01, 0.02};
        double[][] rot = rotation(new double[] {2 / 3.0, -1 / 3.0, 2 / 3.0}, 1.1);
        double[][] a = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    a[i][j] += rot[i][k] * l[k] * rot[j][k];
                }
            }
        }
        int n = 24;
        float[] v = new float[n * n * n];
        double c = (n - 1) / 2.0;
        for (int z = 0; z < n; z++) {
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    double[] p = {x - c, y - c, z - c};
                    double q = 0;
                    for (int i = 0; i < 3; i++) {
                        for (int j = 0; j < 3; j++) {
                            q += p[i] * a[i][j] * p[j];
                        }
                    }
                    v[(z * n + y) * n + x] = (float) (1 - q);
                }
            }
        }
        double sigma = 1.0;
        try (NDManager m = NDManager.newBaseManager()) {
            List<HessianBlobFilter.Peak> peaks = HessianBlobFilter.peaks(m.create(v, new Shape(1, 1, n, n, n)),
                    m.ones(new Shape(1, 1, n, n, n)), sigma, 0, 0, 0, 0);
            // the quadratic's Laplacian is flat, so which voxels are maxima is rounding noise; every voxel
            // beyond the smoothing's reach of the faces has the same Hessian, so check all such peaks
            int margin = (int) Math.ceil(3 * sigma) + 2;
            List<HessianBlobFilter.Peak> inside = peaks.stream().filter(x -> {
                long i = x.index() % n;
                long j = x.index() / n % n;
                long k = x.index() / ((long) n * n);
                return Math.min(Math.min(i, j), k) >= margin && Math.max(Math.max(i, j), k) < n - margin;
            }).toList();
            assertThat(inside).isNotEmpty();
            for (HessianBlobFilter.Peak p : inside) {
                assertThat(p.l1()).isCloseTo((float) (-2 * l[0] * sigma * sigma), within(2e-4f));
                assertThat(p.l2()).isCloseTo((float) (-2 * l[1] * sigma * sigma), within(2e-4f));
                assertThat(p.l3()).isCloseTo((float) (-2 * l[2] * sigma * sigma), within(2e-4f));
            }
        }
    }
}
