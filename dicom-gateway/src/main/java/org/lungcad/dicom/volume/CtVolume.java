package org.lungcad.dicom.volume;

import java.util.List;
import java.util.Objects;
import org.lungcad.dicom.series.SeriesHeader;
import org.lungcad.dicom.series.Vector3;

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
        Vector3 origin,
        Vector3 rowDirection, Vector3 columnDirection, Vector3 sliceDirection,
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
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(rowDirection, "rowDirection");
        Objects.requireNonNull(columnDirection, "columnDirection");
        Objects.requireNonNull(sliceDirection, "sliceDirection");
    }

    public int index(int i, int j, int k) {
        return (k * rows + j) * columns + i;
    }

    public float huAt(int i, int j, int k) {
        return hu[index(i, j, k)];
    }

    /** Patient (LPS, mm) position of a continuous voxel coordinate. */
    public double[] voxelToPatient(double i, double j, double k) {
        return origin.plus(rowDirection.times(i * spacingX)).plus(columnDirection.times(j * spacingY))
                .plus(sliceDirection.times(k * spacingZ)).toArray();
    }

    /** Continuous voxel coordinate (i, j, k) of a patient (LPS, mm) position; round it to index a voxel. */
    public double[] patientToVoxel(double[] patient) {
        Vector3 d = Vector3.of(patient).minus(origin);
        return new double[] {d.dot(rowDirection) / spacingX, d.dot(columnDirection) / spacingY, d.dot(sliceDirection) / spacingZ};
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
}
