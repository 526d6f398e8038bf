package org.lungcad.model.synthetic.placement;

import org.lungcad.model.ScanVolume;
import org.lungcad.model.lung.LungMask;

/**
 * Brute-force measurements for the placement tests, independent of the placer's ray marching: distances from a
 * point to the nearest voxel box of a kind, over every voxel in reach.
 */
final class ContactGeometry {

    @FunctionalInterface
    interface VoxelKind {
        boolean is(int i, int j, int k);
    }

    private ContactGeometry() {
    }

    /** Distance (mm) from p to the nearest voxel box of the kind within maxMm; +infinity when none. */
    static double nearest(ScanVolume v, double[] p, double maxMm, VoxelKind kind) {
        double[] c = v.toVoxel(p);
        int ri = (int) Math.ceil(maxMm / v.spacingX()) + 1;
        int rj = (int) Math.ceil(maxMm / v.spacingY()) + 1;
        int rk = (int) Math.ceil(maxMm / v.spacingZ()) + 1;
        double best = Double.POSITIVE_INFINITY;
        for (int k = (int) Math.round(c[2]) - rk; k <= Math.round(c[2]) + rk; k++) {
            for (int j = (int) Math.round(c[1]) - rj; j <= Math.round(c[1]) + rj; j++) {
                for (int i = (int) Math.round(c[0]) - ri; i <= Math.round(c[0]) + ri; i++) {
                    if (!kind.is(i, j, k)) {
                        continue;
                    }
                    // the grids here are axis-aligned: per-axis gap to the voxel's box
                    double dx = Math.max(0, Math.abs(c[0] - i) - 0.5) * v.spacingX();
                    double dy = Math.max(0, Math.abs(c[1] - j) - 0.5) * v.spacingY();
                    double dz = Math.max(0, Math.abs(c[2] - k) - 0.5) * v.spacingZ();
                    best = Math.min(best, Math.sqrt(dx * dx + dy * dy + dz * dz));
                }
            }
        }
        return best <= maxMm ? best : Double.POSITIVE_INFINITY;
    }

    /** Mean HU of the lung voxels whose centres lie within radiusMm of p (at least the voxel of p). */
    static double meanLungHu(ScanVolume v, LungMask lung, double[] p, double radiusMm) {
        double[] c = v.toVoxel(p);
        int ri = (int) Math.ceil(radiusMm / v.spacingX());
        int rk = (int) Math.ceil(radiusMm / v.spacingZ());
        double sum = 0;
        int n = 0;
        for (int k = (int) Math.round(c[2]) - rk; k <= Math.round(c[2]) + rk; k++) {
            for (int j = (int) Math.round(c[1]) - ri; j <= Math.round(c[1]) + ri; j++) {
                for (int i = (int) Math.round(c[0]) - ri; i <= Math.round(c[0]) + ri; i++) {
                    double[] q = v.toPatient(i, j, k);
                    boolean near = Math.hypot(Math.hypot(q[0] - p[0], q[1] - p[1]), q[2] - p[2]) <= radiusMm
                            || (i == Math.round(c[0]) && j == Math.round(c[1]) && k == Math.round(c[2]));
                    if (near && lung.contains(i, j, k)) {
                        sum += v.at(i, j, k);
                        n++;
                    }
                }
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    static boolean inside(ScanVolume v, int i, int j, int k) {
        return i >= 0 && j >= 0 && k >= 0 && i < v.width() && j < v.height() && k < v.depth();
    }

    /**
     * Whether the inserted nodule reaches the original's non-lung tissue: a voxel the insertion raised by more
     * than {@code minRiseHu} has a 6-neighbour that was non-lung and denser than -300 HU before.
     */
    static boolean touches(ScanVolume before, ScanVolume after, LungMask lung, double[] p, double reachMm,
                           float minRiseHu) {
        double[] c = before.toVoxel(p);
        int ri = (int) Math.ceil(reachMm / before.spacingX());
        int rk = (int) Math.ceil(reachMm / before.spacingZ());
        int[][] six = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
        for (int k = (int) Math.round(c[2]) - rk; k <= Math.round(c[2]) + rk; k++) {
            for (int j = (int) Math.round(c[1]) - ri; j <= Math.round(c[1]) + ri; j++) {
                for (int i = (int) Math.round(c[0]) - ri; i <= Math.round(c[0]) + ri; i++) {
                    if (!inside(before, i, j, k) || after.at(i, j, k) - before.at(i, j, k) < minRiseHu) {
                        continue;
                    }
                    for (int[] d : six) {
                        int a = i + d[0];
                        int b = j + d[1];
                        int e = k + d[2];
                        if (inside(before, a, b, e) && !lung.contains(a, b, e) && before.at(a, b, e) > -300) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }
}
