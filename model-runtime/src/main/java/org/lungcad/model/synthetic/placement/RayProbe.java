package org.lungcad.model.synthetic.placement;

import org.lungcad.model.ScanVolume;
import org.lungcad.model.geometry.SphereDirections;

/**
 * Distances from a point to the nearest voxel of a kind (non-lung, dense) by marching rays in many directions on
 * the original grid: a voxel is hit when the ray point rounds to it, so the distance is that to the voxel's box,
 * which is how far the nodule's surface must reach to touch it. Plain Java, no engine.
 */
final class RayProbe {

    /** Which voxels stop a ray; voxels outside the volume are passed as such (index out of range). */
    @FunctionalInterface
    interface VoxelTest {
        boolean test(int i, int j, int k);
    }

    /** The nearest hit: its distance (mm) and unit direction (patient frame). */
    record Hit(double distanceMm, double[] direction) {
        double[] point(double[] from) {
            return along(from, direction, distanceMm);
        }
    }

    private final ScanVolume volume;
    private final double[][] directions;
    /** Voxel-index change per mm along each direction: the grid's linear part, computed once. */
    private final double[][] perMm;
    private final double stepMm;

    RayProbe(ScanVolume volume, int directionCount) {
        this.volume = volume;
        this.directions = SphereDirections.fibonacci(directionCount);
        this.perMm = new double[directionCount][];
        double[] o = volume.toVoxel(volume.origin());
        for (int n = 0; n < directionCount; n++) {
            double[] d = directions[n];
            double[] e = volume.toVoxel(new double[] {volume.origin()[0] + d[0], volume.origin()[1] + d[1],
                volume.origin()[2] + d[2]});
            perMm[n] = new double[] {e[0] - o[0], e[1] - o[1], e[2] - o[2]};
        }
        // a quarter of the finest spacing, at most 0.25 mm: the distance error stays well below the tolerances
        double finest = Math.min(volume.spacingX(), Math.min(volume.spacingY(), volume.spacingZ()));
        this.stepMm = Math.min(0.25, finest / 4);
    }

    double[][] directions() {
        return directions;
    }

    /** The nearest voxel passing {@code test} within {@code maxMm}, over all directions; null when none. */
    Hit nearest(double[] p, double maxMm, VoxelTest test) {
        double[] v = volume.toVoxel(p);
        if (test.test(round(v[0]), round(v[1]), round(v[2]))) {
            return new Hit(0, directions[0]);
        }
        double best = maxMm;
        int bestDir = -1;
        for (int n = 0; n < directions.length; n++) {
            double[] s = perMm[n];
            for (double t = stepMm; t <= best; t += stepMm) {
                if (test.test(round(v[0] + t * s[0]), round(v[1] + t * s[1]), round(v[2] + t * s[2]))) {
                    best = t - stepMm / 2; // the boundary lies between the last miss and the first hit
                    bestDir = n;
                    break;
                }
            }
        }
        return bestDir < 0 ? null : new Hit(best, directions[bestDir].clone());
    }

    /**
     * Distance (mm) from p to the nearest box of a voxel passing the test, over every voxel within maxMm (the
     * grid's axes are taken as the patient axes, as in axial CT); maxMm when none is nearer.
     */
    double exactDistance(double[] p, double maxMm, VoxelTest test) {
        double[] c = volume.toVoxel(p);
        int ri = (int) Math.ceil(maxMm / volume.spacingX()) + 1;
        int rj = (int) Math.ceil(maxMm / volume.spacingY()) + 1;
        int rk = (int) Math.ceil(maxMm / volume.spacingZ()) + 1;
        double best = maxMm * maxMm;
        for (int k = round(c[2]) - rk; k <= round(c[2]) + rk; k++) {
            double dz = gap(c[2], k, volume.spacingZ());
            for (int j = round(c[1]) - rj; j <= round(c[1]) + rj; j++) {
                double dy = gap(c[1], j, volume.spacingY());
                for (int i = round(c[0]) - ri; i <= round(c[0]) + ri; i++) {
                    double dx = gap(c[0], i, volume.spacingX());
                    double d2 = dx * dx + dy * dy + dz * dz;
                    if (d2 < best && test.test(i, j, k)) {
                        best = d2;
                    }
                }
            }
        }
        return Math.sqrt(best);
    }

    private static double gap(double centre, int index, double spacing) {
        return Math.max(0, Math.abs(centre - index) - 0.5) * spacing;
    }

    /** How far (mm) from p along the unit direction {@code d} the voxels keep passing {@code test}, up to maxMm. */
    double run(double[] p, double[] d, double maxMm, VoxelTest test) {
        for (double t = 0; t <= maxMm; t += stepMm) {
            double[] v = volume.toVoxel(along(p, d, t));
            if (!test.test(round(v[0]), round(v[1]), round(v[2]))) {
                return t;
            }
        }
        return maxMm;
    }

    /** Whether the voxel at patient point p passes the test. */
    boolean at(double[] p, VoxelTest test) {
        double[] v = volume.toVoxel(p);
        return test.test(round(v[0]), round(v[1]), round(v[2]));
    }

    static double[] along(double[] p, double[] d, double t) {
        return new double[] {p[0] + t * d[0], p[1] + t * d[1], p[2] + t * d[2]};
    }

    private static int round(double x) {
        return (int) Math.round(x);
    }
}
