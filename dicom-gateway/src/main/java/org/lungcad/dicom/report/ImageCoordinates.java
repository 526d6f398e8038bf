package org.lungcad.dicom.report;

import java.util.List;

/**
 * Voxel coordinates to SCOORD image coordinates. PS3.3 C.18.6.1.1: column\row pairs, sub-pixel, with (0.0, 0.0)
 * the top left corner of the top left pixel, so the centre of pixel (i, j) is (i + 0.5, j + 0.5).
 */
final class ImageCoordinates {

    private ImageCoordinates() {
    }

    static float[] graphicData(ImagePoint... points) {
        return graphicData(List.of(points));
    }

    static float[] graphicData(List<ImagePoint> points) {
        float[] data = new float[points.size() * 2];
        for (int n = 0; n < points.size(); n++) {
            data[2 * n] = (float) (points.get(n).i() + 0.5);
            data[2 * n + 1] = (float) (points.get(n).j() + 0.5);
        }
        return data;
    }
}
