package org.lungcad.dicom.series;

/** The few 3-vector operations patient geometry needs (LPS, mm). */
final class Vectors {

    private Vectors() {
    }

    static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    static double[] minus(double[] a, double[] b) {
        return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
    }

    static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    /** The unit vector along {@code a}, or null when {@code a} is too far from unit length to be a direction cosine. */
    static double[] unit(double[] a) {
        double n = norm(a);
        if (!(n > 0.9 && n < 1.1)) {
            return null;
        }
        return new double[] {a[0] / n, a[1] / n, a[2] / n};
    }
}
