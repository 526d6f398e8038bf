package org.lungcad.model.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.lungcad.model.ScanVolume;
import org.lungcad.model.geometry.SphereDirections;

/**
 * What leaves a blob through a sphere just outside it: the 3-D structure that tells a nodule from a vessel.
 * A vessel seen end-on continues through the neighbouring slices as a tube as thick as the "blob" itself, leaving on
 * two opposite sides; a junction or branch point has three or more branches; a nodule is a compact blob with none,
 * or one or two vessels much thinner than itself. The shell is sampled along {@link #DIRECTIONS} rays; a ray is
 * tissue when the scan reaches {@link #TISSUE_HU} anywhere in the shell's {@link #SHELL_DEPTH_MM} depth (vessels
 * thinner than a slice lose contrast to partial volume, so the threshold sits well below soft tissue). Tissue rays
 * are grouped into branches by angular adjacency.
 *
 * @param radiusMm         radius of the shell's inner side
 * @param branches         branches at least {@link #MIN_BRANCH_MM} mm across
 * @param largestExitRatio equivalent radius of the largest branch's cross-section on the shell over the blob's
 *                         radius: near 1 for a vessel seen end-on (the blob is the vessel), well under 1 for a
 *                         vessel attached to a larger nodule, 0 when nothing leaves it
 * @param occupancy        share of the shell that is tissue (a wall or a dense surrounding covers much of it)
 * @param opposite         whether the two largest branches leave on roughly opposite sides (a tube passing through)
 */
public record ShellStructure(double radiusMm, int branches, double largestExitRatio, double occupancy,
                             boolean opposite) {

    /** Rays on the sphere; about 11 degrees apart. */
    static final int DIRECTIONS = 320;
    /** Partial-volume vessels of 1.5-2 mm on 2.5 mm slices peak near -500 HU; lung parenchyma is -900 to -700. */
    static final double TISSUE_HU = -550;
    static final double SHELL_DEPTH_MM = 2.0;
    /** Branches thinner than this (across, mm) are noise or the thinnest peripheral vessels: not counted. */
    static final double MIN_BRANCH_MM = 1.2;
    /** Distance from the blob's edge to the shell, so the shell lies outside a slightly under-measured blob. */
    static final double MARGIN_MM = 1.5;

    private static final double[][] RAYS = SphereDirections.fibonacci(DIRECTIONS);
    private static final int[][] NEIGHBOURS = neighbours(RAYS);

    public ShellStructure {
        if (!(radiusMm > 0) || branches < 0 || !(largestExitRatio >= 0) || Double.isInfinite(largestExitRatio)
                || !(occupancy >= 0 && occupancy <= 1)) {
            throw new IllegalArgumentException("need radius > 0, branches >= 0, a finite exit ratio >= 0 and "
                    + "occupancy in [0, 1]");
        }
    }

    /**
     * The shell around a blob on an isotropic grid.
     *
     * @param centreVoxel  the blob's centre, continuous voxel coordinate of {@code work}
     * @param blobRadiusMm the blob's radius (half its measured diameter)
     */
    public static ShellStructure around(ScanVolume work, double[] centreVoxel, double blobRadiusMm) {
        double t = work.spacingX();
        double radius = Math.max(blobRadiusMm, 1.0) + MARGIN_MM;
        boolean[] tissue = new boolean[DIRECTIONS];
        int count = 0;
        for (int n = 0; n < DIRECTIONS; n++) {
            double[] d = RAYS[n];
            for (double r = radius; r <= radius + SHELL_DEPTH_MM + 1e-9; r += 0.5 * t) {
                // outside the grid reads as air, so a shell leaving the scan finds no branch there
                double hu = work.trilinear(centreVoxel[0] + d[0] * r / t, centreVoxel[1] + d[1] * r / t,
                        centreVoxel[2] + d[2] * r / t);
                if (hu >= TISSUE_HU) {
                    tissue[n] = true;
                    count++;
                    break;
                }
            }
        }
        // a ray hits a branch first at its nearest: its footprint is widest on the inner side of the shell
        List<double[]> branches = branches(tissue, radius);
        double largest = branches.isEmpty() ? 0 : branches.get(0)[3];
        boolean opposite = branches.size() >= 2 && dot(branches.get(0), branches.get(1)) < -0.5;
        int counted = (int) branches.stream().filter(b -> 2 * b[3] >= MIN_BRANCH_MM).count();
        return new ShellStructure(radius, counted, largest / Math.max(blobRadiusMm, 1.0),
                count / (double) DIRECTIONS, opposite);
    }

    /**
     * Connected groups of tissue rays, largest first, each as {mean direction x, y, z, equivalent radius mm}: a
     * cross-section covering a share f of a sphere of radius R has area 4 pi R^2 f, a disc of radius 2 R sqrt(f).
     */
    private static List<double[]> branches(boolean[] tissue, double radius) {
        int[] label = new int[DIRECTIONS];
        Arrays.fill(label, -1);
        List<double[]> out = new ArrayList<>();
        int[] stack = new int[DIRECTIONS];
        for (int seed = 0; seed < DIRECTIONS; seed++) {
            if (!tissue[seed] || label[seed] >= 0) {
                continue;
            }
            double[] sum = new double[3];
            int size = 0;
            int top = 0;
            stack[top++] = seed;
            label[seed] = out.size();
            while (top > 0) {
                int n = stack[--top];
                size++;
                sum[0] += RAYS[n][0];
                sum[1] += RAYS[n][1];
                sum[2] += RAYS[n][2];
                for (int m : NEIGHBOURS[n]) {
                    if (tissue[m] && label[m] < 0) {
                        label[m] = out.size();
                        stack[top++] = m;
                    }
                }
            }
            double norm = Math.max(1e-9, Math.sqrt(sum[0] * sum[0] + sum[1] * sum[1] + sum[2] * sum[2]));
            out.add(new double[] {sum[0] / norm, sum[1] / norm, sum[2] / norm,
                2 * radius * Math.sqrt(size / (double) DIRECTIONS)});
        }
        out.sort((a, b) -> Double.compare(b[3], a[3]));
        return out;
    }

    /** Rays within 1.6 mean spacings of each other: each ray has its 5-7 nearest as neighbours. */
    private static int[][] neighbours(double[][] rays) {
        double spacing = Math.sqrt(4 * Math.PI / rays.length);
        double minCos = Math.cos(1.6 * spacing);
        int[][] out = new int[rays.length][];
        for (int a = 0; a < rays.length; a++) {
            List<Integer> near = new ArrayList<>();
            for (int b = 0; b < rays.length; b++) {
                if (b != a && dot(rays[a], rays[b]) >= minCos) {
                    near.add(b);
                }
            }
            out[a] = near.stream().mapToInt(Integer::intValue).toArray();
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }
}
