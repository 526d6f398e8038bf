package org.lungcad.model.classify;

import java.util.List;

/**
 * Fits {@link Stacking} by penalised maximum likelihood: Newton-Raphson on three parameters with step halving (a
 * step that does not raise the penalised likelihood is halved), and a ridge on the two weights so that a separable
 * tuning set (the synthetic nodules are, against most candidates) still gives moderate, finite weights. Written here
 * rather than taken from a library: model-runtime has no statistics dependency, and three parameters need a 3x3 solve.
 */
public final class StackingFit {

    /** One tuning candidate: its transparent score, the model's probability, and whether it is a nodule. */
    public record Example(double transparentScore, double learnedProbability, boolean nodule) {
    }

    /** Penalty on the squared weights (not the bias), in log-likelihood units. */
    private static final double RIDGE = 1.0;

    private StackingFit() {
    }

    public static Stacking fit(List<Example> examples) {
        if (examples.stream().noneMatch(Example::nodule) || examples.stream().allMatch(Example::nodule)) {
            throw new IllegalArgumentException("stacking needs nodules and non-nodules among the examples");
        }
        double[] w = {0, 1, 1};
        double current = objective(examples, w);
        for (int iter = 0; iter < 200; iter++) {
            double[] g = new double[3];
            double[][] h = new double[3][3];
            for (int a = 1; a < 3; a++) {
                g[a] = -2 * RIDGE * w[a];
                h[a][a] = -2 * RIDGE;
            }
            for (Example e : examples) {
                double[] x = features(e);
                double p = 1 / (1 + Math.exp(-(w[0] * x[0] + w[1] * x[1] + w[2] * x[2])));
                double y = e.nodule() ? 1 : 0;
                for (int a = 0; a < 3; a++) {
                    g[a] += (y - p) * x[a];
                    for (int b = 0; b < 3; b++) {
                        h[a][b] -= p * (1 - p) * x[a] * x[b];
                    }
                }
                h[0][0] -= 1e-9; // keeps the system solvable when every p is 0 or 1
            }
            double[] step = solve(h, g);
            double scale = 1;
            double[] next = new double[3];
            double value;
            do {
                for (int a = 0; a < 3; a++) {
                    next[a] = w[a] - scale * step[a];
                }
                value = objective(examples, next);
                scale /= 2;
            } while (value < current && scale > 1e-6);
            if (value < current) {
                break;
            }
            double size = Math.max(Math.abs(next[0] - w[0]), Math.max(Math.abs(next[1] - w[1]), Math.abs(next[2] - w[2])));
            w = next;
            current = value;
            if (size < 1e-9) {
                break;
            }
        }
        return new Stacking(w[0], w[1], w[2]);
    }

    private static double[] features(Example e) {
        return new double[] {1, Stacking.logit(e.transparentScore()), Stacking.logit(e.learnedProbability())};
    }

    /** Penalised log-likelihood. */
    private static double objective(List<Example> examples, double[] w) {
        double ll = -RIDGE * (w[1] * w[1] + w[2] * w[2]);
        for (Example e : examples) {
            double[] x = features(e);
            double z = w[0] * x[0] + w[1] * x[1] + w[2] * x[2];
            // log(sigmoid(z)) and log(1 - sigmoid(z)) without overflow
            ll += e.nodule() ? -Math.log1p(Math.exp(-Math.abs(z))) - Math.max(0, -z)
                    : -Math.log1p(Math.exp(-Math.abs(z))) - Math.max(0, z);
        }
        return ll;
    }

    /** Solves h * x = g by Gaussian elimination with partial pivoting. */
    private static double[] solve(double[][] h, double[] g) {
        int n = g.length;
        double[][] a = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(h[i], 0, a[i], 0, n);
            a[i][n] = g[i];
        }
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) {
                    pivot = r;
                }
            }
            double[] t = a[c];
            a[c] = a[pivot];
            a[pivot] = t;
            for (int r = c + 1; r < n; r++) {
                double f = a[r][c] / a[c][c];
                for (int k = c; k <= n; k++) {
                    a[r][k] -= f * a[c][k];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = a[r][n];
            for (int k = r + 1; k < n; k++) {
                s -= a[r][k] * x[k];
            }
            x[r] = s / a[r][r];
        }
        return x;
    }
}
