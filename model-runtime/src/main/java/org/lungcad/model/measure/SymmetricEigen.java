package org.lungcad.model.measure;

/** Closed-form eigenvalues of a symmetric 3x3 matrix (the same trigonometric form as the detector's tensors). */
final class SymmetricEigen {

    private SymmetricEigen() {
    }

    /** @param m {a, b, c, d, e, f} = [[a, d, e], [d, b, f], [e, f, c]]; returns l1 &gt;= l2 &gt;= l3 */
    static double[] eigenvalues(double[] m) {
        double a = m[0];
        double b = m[1];
        double c = m[2];
        double d = m[3];
        double e = m[4];
        double f = m[5];
        double p1 = d * d + e * e + f * f;
        double q = (a + b + c) / 3;
        double p2 = (a - q) * (a - q) + (b - q) * (b - q) + (c - q) * (c - q) + 2 * p1;
        double p = Math.sqrt(p2 / 6);
        if (p < 1e-15) {
            return new double[] {q, q, q};
        }
        double aq = (a - q) / p;
        double bq = (b - q) / p;
        double cq = (c - q) / p;
        double dp = d / p;
        double ep = e / p;
        double fp = f / p;
        double det = aq * (bq * cq - fp * fp) - dp * (dp * cq - fp * ep) + ep * (dp * fp - bq * ep);
        double r = Math.max(-1, Math.min(1, det / 2));
        double phi = Math.acos(r) / 3;
        double l1 = q + 2 * p * Math.cos(phi);
        double l3 = q + 2 * p * Math.cos(phi + 2 * Math.PI / 3);
        return new double[] {l1, 3 * q - l1 - l3, l3};
    }
}
