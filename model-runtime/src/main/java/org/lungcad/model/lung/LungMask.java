package org.lungcad.model.lung;

import java.util.Objects;
import java.util.stream.IntStream;
import org.lungcad.model.Lobe;
import org.lungcad.model.ScanVolume;

/**
 * The lungs on the working grid: per voxel none / right / left, plus a geometric lobe estimate.
 *
 * <p>Immutable; the label array never leaves this object (use {@link #side}, {@link #contains}).
 *
 * <p>Lobe estimate, and its limits: fissures are not detected. Each lung is split by where a point lies
 * between its apex and base (craniocaudal fraction f, 0 at the apex) and between its anterior and
 * posterior surface (p, 0 anterior). The oblique fissure is modelled as the plane f = 0.9 - 0.65 p
 * (high posteriorly, low anteriorly); below it is the lower lobe. On the right, the part above that
 * plane with f &gt; 0.45 and p &lt; 0.6 is the middle lobe; on the left everything above is the upper
 * lobe (lingula included). Real fissures vary by several centimetres between patients, so points near
 * a modelled boundary may be given the neighbouring lobe; use it for reporting, not for surgery.
 */
public final class LungMask {

    private final int width;
    private final int height;
    private final int depth;
    private final byte[] labels;
    private final ScanVolume grid;
    private final Extent right;
    private final Extent left;

    LungMask(ScanVolume grid, byte[] labels) {
        this.grid = Objects.requireNonNull(grid, "grid");
        this.width = grid.width();
        this.height = grid.height();
        this.depth = grid.depth();
        if (labels.length != grid.hu().length) {
            throw new IllegalArgumentException("mask size does not match the grid");
        }
        this.labels = labels;
        this.right = extent(LungSide.RIGHT);
        this.left = extent(LungSide.LEFT);
    }

    /**
     * A mask from per-voxel labels on {@code grid}: 0 outside, 1 right lung, 2 left lung (as a learned
     * lung segmenter or a test would give it). The array is copied.
     */
    public static LungMask fromLabels(ScanVolume grid, byte[] labels) {
        for (byte b : labels) {
            if (b < 0 || b > 2) {
                throw new IllegalArgumentException("labels must be 0 (none), 1 (right) or 2 (left): " + b);
            }
        }
        return new LungMask(grid, labels.clone());
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int depth() {
        return depth;
    }

    /** Lung side of a working-grid voxel; {@link LungSide#NONE} outside the grid. */
    public LungSide side(int i, int j, int k) {
        if (i < 0 || j < 0 || k < 0 || i >= width || j >= height || k >= depth) {
            return LungSide.NONE;
        }
        return LungSide.ofLabel(labels[(k * height + j) * width + i]);
    }

    public boolean contains(int i, int j, int k) {
        return side(i, j, k) != LungSide.NONE;
    }

    /** Whether a patient (LPS, mm) position lies in the mask (nearest working voxel). */
    public boolean containsPatient(double[] lps) {
        double[] v = grid.toVoxel(lps);
        return contains((int) Math.round(v[0]), (int) Math.round(v[1]), (int) Math.round(v[2]));
    }

    /** Number of lung voxels. */
    public long voxelCount() {
        long n = 0;
        for (byte b : labels) {
            if (b != 0) {
                n++;
            }
        }
        return n;
    }

    /**
     * The indices {@code (k * height + j) * width + i} of the lung voxels in ascending order, a new array each call:
     * for drawing lung voxels uniformly (synthetic-nodule placement).
     */
    public int[] voxelIndices() {
        return IntStream.range(0, labels.length).filter(v -> labels[v] != 0).toArray();
    }

    /** Voxel count of one lung. */
    public long voxelCount(LungSide side) {
        return side == LungSide.RIGHT ? right.count : side == LungSide.LEFT ? left.count : 0;
    }

    /** A copy of the mask as 0/1 bytes (x fastest), for filters that need the whole array. */
    public byte[] toBinary() {
        byte[] out = new byte[labels.length];
        for (int v = 0; v < labels.length; v++) {
            out[v] = labels[v] != 0 ? (byte) 1 : 0;
        }
        return out;
    }

    /**
     * Geometric lobe of a patient position (see the class comment for the model and its limits).
     * The side is that of the nearest lung voxel within 10 mm, else by which lung's centre is closer in x.
     */
    public Lobe lobeAt(double[] lps) {
        LungSide side = nearestSide(lps);
        Extent e = side == LungSide.RIGHT ? right : side == LungSide.LEFT ? left : null;
        if (e == null || e.count == 0) {
            return Lobe.UNKNOWN;
        }
        double f = clamp01((e.supZ - lps[2]) / Math.max(1e-6, e.supZ - e.infZ));
        double p = clamp01((lps[1] - e.antY) / Math.max(1e-6, e.postY - e.antY));
        boolean lower = f > 0.9 - 0.65 * p;
        if (side == LungSide.RIGHT) {
            return lower ? Lobe.RIGHT_LOWER : (f > 0.45 && p < 0.6) ? Lobe.RIGHT_MIDDLE : Lobe.RIGHT_UPPER;
        }
        return lower ? Lobe.LEFT_LOWER : Lobe.LEFT_UPPER;
    }

    private LungSide nearestSide(double[] lps) {
        double[] v = grid.toVoxel(lps);
        int ci = (int) Math.round(v[0]);
        int cj = (int) Math.round(v[1]);
        int ck = (int) Math.round(v[2]);
        int r = (int) Math.ceil(10 / grid.spacingX());
        LungSide best = LungSide.NONE;
        long bestD = Long.MAX_VALUE;
        for (int dk = -r; dk <= r; dk += 2) {
            for (int dj = -r; dj <= r; dj += 2) {
                for (int di = -r; di <= r; di += 2) {
                    LungSide s = side(ci + di, cj + dj, ck + dk);
                    long d2 = (long) di * di + (long) dj * dj + (long) dk * dk;
                    if (s != LungSide.NONE && d2 < bestD) {
                        bestD = d2;
                        best = s;
                    }
                }
            }
        }
        if (best != LungSide.NONE || (right.count == 0 && left.count == 0)) {
            return best;
        }
        if (right.count == 0 || left.count == 0) {
            return right.count == 0 ? LungSide.LEFT : LungSide.RIGHT;
        }
        return Math.abs(lps[0] - right.meanX) <= Math.abs(lps[0] - left.meanX) ? LungSide.RIGHT : LungSide.LEFT;
    }

    private static double clamp01(double x) {
        return Math.max(0, Math.min(1, x));
    }

    private Extent extent(LungSide side) {
        byte lab = side.label();
        double supZ = -Double.MAX_VALUE;
        double infZ = Double.MAX_VALUE;
        double antY = Double.MAX_VALUE;
        double postY = -Double.MAX_VALUE;
        double sumX = 0;
        long count = 0;
        for (int k = 0; k < depth; k++) {
            for (int j = 0; j < height; j++) {
                int row = (k * height + j) * width;
                for (int i = 0; i < width; i++) {
                    if (labels[row + i] == lab) {
                        double[] p = grid.toPatient(i, j, k);
                        supZ = Math.max(supZ, p[2]);
                        infZ = Math.min(infZ, p[2]);
                        antY = Math.min(antY, p[1]);
                        postY = Math.max(postY, p[1]);
                        sumX += p[0];
                        count++;
                    }
                }
            }
        }
        return new Extent(count, supZ, infZ, antY, postY, count == 0 ? 0 : sumX / count);
    }

    /** Patient-space extent of one lung: superior/inferior z, anterior/posterior y, mean x. */
    private record Extent(long count, double supZ, double infZ, double antY, double postY, double meanX) {
    }
}
