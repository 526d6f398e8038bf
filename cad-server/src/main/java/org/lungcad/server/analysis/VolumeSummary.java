package org.lungcad.server.analysis;

/** What the loaded CT volume looked like: dimensions, voxel spacing (mm) and the HU range. */
public record VolumeSummary(
        int columns, int rows, int slices,
        double spacingXMm, double spacingYMm, double spacingZMm,
        double huMin, double huMax) {
}
