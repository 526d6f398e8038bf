package org.lungcad.dicom.volume;

import java.util.List;
import java.util.Objects;
import org.lungcad.dicom.series.SeriesHeader;

/**
 * A CT series as one regular grid of Hounsfield units with its patient geometry. Same conventions as the
 * detector's volume: voxel (i, j, k) = (column, row, slice), x-fastest {@code hu[(k * rows + j) * columns + i]},
 * and {@code p = origin + i*spacingX*rowDirection + j*spacingY*columnDirection + k*spacingZ*sliceDirection}
 * in DICOM patient coordinates (LPS, mm).
 *
 * <p>The {@code hu} array is shared, not copied (a chest CT is hundreds of MB): treat it as read-only.
 *
 * @param spacingX            distance between columns (PixelSpacing[1]), mm
 * @param spacingY            distance between rows (PixelSpacing[0]), mm
 * @param spacingZ            distance between slices measured from ImagePositionPatient, mm
 * @param origin              ImagePositionPatient of the first slice (centre of voxel 0,0,0), LPS mm
 * @param rowDirection        unit vector of increasing column index i (ImageOrientationPatient[0..2])
 * @param columnDirection     unit vector of increasing row index j (ImageOrientationPatient[3..5])
 * @param sliceDirection      unit vector of increasing slice index k: cross(row, column)
 * @param sopInstanceUids     the SOP Instance UID of each slice, index k
 */
public record CtVolume(
        int columns, int rows, int slices,
        double spacingX, double spacingY, double spacingZ,
        double[] origin,
        double[] rowDirection, double[] columnDirection, double[] sliceDirection,
        float[] hu,
        List<String> sopInstanceUids,
        String frameOfReferenceUid,
        SeriesHeader header) {

    public CtVolume {
        Objects.requireNonNull(hu, "hu");
        Objects.requireNonNull(frameOfReferenceUid, "frameOfReferenceUid");
        Objects.requireNonNull(header, "header");
        if (columns <= 0 || rows <= 0 || slices <= 0) {
            throw new IllegalArgumentException("dimensions must be positive: " + columns + "x" + rows + "x" + slices);
        }
        if ((long) columns * rows * slices != hu.length) {
            throw new IllegalArgumentException("voxel count " + hu.length + " does not match " + columns + "x" + rows + "x" + slices);
        }
        if (!(spacingX > 0 && spacingY > 0 && spacingZ > 0)) {
            throw new IllegalArgumentException("spacing must be positive");
        }
        sopInstanceUids = List.copyOf(sopInstanceUids);
        if (sopInstanceUids.size() != slices) {
            throw new IllegalArgumentException(sopInstanceUids.size() + " SOP Instance UIDs for " + slices + " slices");
        }
        origin = vector3(origin, "origin");
        rowDirection = vector3(rowDirection, "rowDirection");
        columnDirection = vector3(columnDirection, "columnDirection");
        sliceDirection = vector3(sliceDirection, "sliceDirection");
    }

    @Override
    public double[] origin() {
        return origin.clone();
    }

    @Override
    public double[] rowDirection() {
        return rowDirection.clone();
    }

    @Override
    public double[] columnDirection() {
        return columnDirection.clone();
    }

    @Override
    public double[] sliceDirection() {
        return sliceDirection.clone();
    }

    public int index(int i, int j, int k) {
        return (k * rows + j) * columns + i;
    }

    public float huAt(int i, int j, int k) {
        return hu[index(i, j, k)];
    }

    /** Patient (LPS, mm) position of a continuous voxel coordinate. */
    public double[] voxelToPatient(double i, double j, double k) {
        double[] p = new double[3];
        for (int a = 0; a < 3; a++) {
            p[a] = origin[a] + i * spacingX * rowDirection[a] + j * spacingY * columnDirection[a]
                    + k * spacingZ * sliceDirection[a];
        }
        return p;
    }

    /** Continuous voxel coordinate (i, j, k) of a patient (LPS, mm) position; round it to index a voxel. */
    public double[] patientToVoxel(double[] patient) {
        double[] d = {patient[0] - origin[0], patient[1] - origin[1], patient[2] - origin[2]};
        return new double[] {
            dot(d, rowDirection) / spacingX,
            dot(d, columnDirection) / spacingY,
            dot(d, sliceDirection) / spacingZ};
    }

    /** Whether the voxel index lies inside the grid. */
    public boolean contains(int i, int j, int k) {
        return i >= 0 && i < columns && j >= 0 && j < rows && k >= 0 && k < slices;
    }

    /** Scans the whole volume (tens of ms for a chest CT). */
    public HuRange huRange() {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : hu) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return new HuRange(min, max);
    }

    @Override
    public String toString() {
        return "CtVolume[" + columns + "x" + rows + "x" + slices + ", spacing " + spacingX + "/" + spacingY + "/" + spacingZ
                + " mm, series " + header.seriesInstanceUid() + "]";
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
