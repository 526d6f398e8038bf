package org.lungcad.model;

import java.util.Objects;

/**
 * A CT volume as the detector sees it: Hounsfield units on a regular grid with its patient geometry.
 * Voxel (i, j, k) = (column, row, slice); the array is x-fastest: {@code hu[(k * height + j) * width + i]}.
 * Patient coordinates are DICOM LPS millimetres: {@code p = origin + i*sx*rowDir + j*sy*colDir + k*sz*sliceDir}.
 *
 * @param rowDirection    unit vector along a row (increasing column index i), LPS
 * @param columnDirection unit vector along a column (increasing row index j), LPS
 * @param sliceDirection  unit vector of increasing slice index k, LPS
 */
public record ScanVolume(
        int width, int height, int depth,
        float[] hu,
        double spacingX, double spacingY, double spacingZ,
        double[] origin,
        double[] rowDirection, double[] columnDirection, double[] sliceDirection) {

    public ScanVolume {
        Objects.requireNonNull(hu, "hu");
        if (width <= 0 || height <= 0 || depth <= 0) {
            throw new IllegalArgumentException("dimensions must be positive: " + width + "x" + height + "x" + depth);
        }
        if ((long) width * height * depth != hu.length) {
            throw new IllegalArgumentException("voxel count " + hu.length + " does not match " + width + "x" + height + "x" + depth);
        }
        if (!(spacingX > 0 && spacingY > 0 && spacingZ > 0)) {
            throw new IllegalArgumentException("spacing must be positive");
        }
        origin = vector3(origin, "origin");
        rowDirection = vector3(rowDirection, "rowDirection");
        columnDirection = vector3(columnDirection, "columnDirection");
        sliceDirection = vector3(sliceDirection, "sliceDirection");
    }

    /** An axis-aligned volume (identity directions), as a phantom or a resampled grid has. */
    public static ScanVolume axial(int width, int height, int depth, float[] hu,
                                   double spacingX, double spacingY, double spacingZ, double[] origin) {
        return new ScanVolume(width, height, depth, hu, spacingX, spacingY, spacingZ, origin,
                new double[] {1, 0, 0}, new double[] {0, 1, 0}, new double[] {0, 0, 1});
    }

    public int index(int i, int j, int k) {
        return (k * height + j) * width + i;
    }

    public float at(int i, int j, int k) {
        return hu[index(i, j, k)];
    }

    /** What {@link #trilinear} reads outside the grid. */
    public static final float AIR_HU = -1000f;

    /**
     * HU at a continuous voxel coordinate by trilinear interpolation; outside the grid reads as air
     * ({@link #AIR_HU}), which is what lies beyond a chest CT's field of view.
     */
    public double trilinear(double i, double j, double k) {
        if (!(i >= 0 && j >= 0 && k >= 0 && i <= width - 1 && j <= height - 1 && k <= depth - 1)) {
            return AIR_HU;
        }
        int i0 = (int) i;
        int j0 = (int) j;
        int k0 = (int) k;
        int i1 = Math.min(i0 + 1, width - 1);
        int j1 = Math.min(j0 + 1, height - 1);
        int k1 = Math.min(k0 + 1, depth - 1);
        double fx = i - i0;
        double fy = j - j0;
        double fz = k - k0;
        double c00 = lerp(at(i0, j0, k0), at(i1, j0, k0), fx);
        double c10 = lerp(at(i0, j1, k0), at(i1, j1, k0), fx);
        double c01 = lerp(at(i0, j0, k1), at(i1, j0, k1), fx);
        double c11 = lerp(at(i0, j1, k1), at(i1, j1, k1), fx);
        return lerp(lerp(c00, c10, fy), lerp(c01, c11, fy), fz);
    }

    private static double lerp(double a, double b, double f) {
        return a + (b - a) * f;
    }

    /** Patient (LPS, mm) position of a continuous voxel coordinate. */
    public double[] toPatient(double i, double j, double k) {
        double[] p = new double[3];
        for (int a = 0; a < 3; a++) {
            p[a] = origin[a] + i * spacingX * rowDirection[a] + j * spacingY * columnDirection[a] + k * spacingZ * sliceDirection[a];
        }
        return p;
    }

    /** Continuous voxel coordinate (i, j, k) of a patient (LPS, mm) position; directions must be orthonormal. */
    public double[] toVoxel(double[] patient) {
        double[] d = {patient[0] - origin[0], patient[1] - origin[1], patient[2] - origin[2]};
        return new double[] {
            dot(d, rowDirection) / spacingX,
            dot(d, columnDirection) / spacingY,
            dot(d, sliceDirection) / spacingZ};
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    private static double[] vector3(double[] v, String name) {
        Objects.requireNonNull(v, name);
        if (v.length != 3) {
            throw new IllegalArgumentException(name + " must have 3 components");
        }
        return v.clone();
    }
}
