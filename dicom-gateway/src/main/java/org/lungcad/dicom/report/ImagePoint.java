package org.lungcad.dicom.report;

/**
 * A point on one axial slice of the {@link org.lungcad.dicom.volume.CtVolume}, in continuous voxel coordinates:
 * {@code i} = column, {@code j} = row, where (0, 0) is the centre of the top left pixel.
 */
public record ImagePoint(double i, double j) {

    public ImagePoint {
        if (!Double.isFinite(i) || !Double.isFinite(j)) {
            throw new IllegalArgumentException("image point must be finite: " + i + ", " + j);
        }
    }
}
