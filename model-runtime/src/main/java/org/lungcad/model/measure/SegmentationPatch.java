package org.lungcad.model.measure;

import org.lungcad.model.ScanVolume;
import org.lungcad.model.lung.LungMask;
import org.lungcad.model.lung.VoxelComponents;

/**
 * The box of the scan that {@link NoduleSegmenter} works in, with its HU and lung membership, on a grid
 * that is refined along z until its voxels are about as tall as they are wide. On thick slices (2.5 mm
 * against 0.7 mm pixels) a 6 mm nodule spans two or three slices, so every structure's distance to
 * the background is capped by the slice spacing: a nodule and the vessel it sits on then look equally
 * thick and no opening can part them. Linear interpolation between slices restores the third
 * dimension of the shapes; the scan's own slices are every {@code zFactor}-th slice of the patch,
 * with their HU unchanged, so the result is read back on the scan's grid without resampling.
 */
final class SegmentationPatch {

    /** Refinement stops here: a 5 mm slice on 0.5 mm pixels is not worth ten times the voxels. */
    private static final int MAX_Z_FACTOR = 4;
    /**
     * Slices wanted across a blob's radius: enough for its depth to be measured to half the radius.
     * Blobs of 10 mm and more on 2.5 mm slices already have them and are segmented on the scan's own
     * slices as before (refining them also let the wider retry opening cut thick vessels round).
     */
    private static final int SLICES_PER_RADIUS = 2;

    final ScanVolume scan;
    final int i0;
    final int j0;
    final int k0;
    /** Scan slices in the patch; the patch itself has {@code (slices - 1) * zFactor + 1}. */
    final int slices;
    final int zFactor;
    final int w;
    final int h;
    final int d;
    final double sx;
    final double sy;
    final double sz;
    /** Centre in patch voxels. */
    final double[] center;
    final float[] hu;
    final byte[] inLung;

    private SegmentationPatch(ScanVolume scan, int i0, int j0, int k0, int w, int h, int slices, int zFactor,
                              double[] centerVoxel) {
        this.scan = scan;
        this.i0 = i0;
        this.j0 = j0;
        this.k0 = k0;
        this.slices = slices;
        this.zFactor = zFactor;
        this.w = w;
        this.h = h;
        this.d = (slices - 1) * zFactor + 1;
        this.sx = scan.spacingX();
        this.sy = scan.spacingY();
        this.sz = scan.spacingZ() / zFactor;
        this.center = new double[] {centerVoxel[0] - i0, centerVoxel[1] - j0, (centerVoxel[2] - k0) * zFactor};
        this.hu = new float[w * h * d];
        this.inLung = new byte[w * h * d];
    }

    /**
     * The box of half-size {@code halfMm} around {@code c} (scan voxels, clipped to the scan), refined
     * along z for a blob of about {@code diameterMm}, or null when
     * nothing of it lies in the scan. Lung membership is looked up at every refined voxel's own position,
     * on the closed lung mask and without tolerance: the closing already brings a juxtapleural nodule
     * inside, and its border there runs along the pleura, which is the only boundary between a nodule
     * and the chest wall that the attenuation does not show. A tolerance band would add a shell of
     * chest wall to every juxtapleural nodule.
     */
    static SegmentationPatch cut(ScanVolume scan, LungMask lungs, double[] c, double halfMm, double diameterMm) {
        int i0 = Math.max(0, (int) Math.floor(c[0] - halfMm / scan.spacingX()));
        int j0 = Math.max(0, (int) Math.floor(c[1] - halfMm / scan.spacingY()));
        int k0 = Math.max(0, (int) Math.floor(c[2] - halfMm / scan.spacingZ()));
        int i1 = Math.min(scan.width() - 1, (int) Math.ceil(c[0] + halfMm / scan.spacingX()));
        int j1 = Math.min(scan.height() - 1, (int) Math.ceil(c[1] + halfMm / scan.spacingY()));
        int k1 = Math.min(scan.depth() - 1, (int) Math.ceil(c[2] + halfMm / scan.spacingZ()));
        if (i1 < i0 || j1 < j0 || k1 < k0) {
            return null;
        }
        double pixel = Math.min(scan.spacingX(), scan.spacingY());
        long isotropic = Math.round(scan.spacingZ() / pixel);
        long enough = (long) Math.ceil(SLICES_PER_RADIUS * scan.spacingZ() / (diameterMm / 2));
        int f = (int) Math.max(1, Math.min(MAX_Z_FACTOR, Math.min(isotropic, enough)));
        SegmentationPatch p = new SegmentationPatch(scan, i0, j0, k0, i1 - i0 + 1, j1 - j0 + 1, k1 - k0 + 1, f, c);
        for (int k = 0; k < p.d; k++) {
            int below = k / f;
            int above = Math.min(p.slices - 1, below + 1);
            float t = (k % f) / (float) f;
            double sliceK = k0 + k / (double) f;
            for (int j = 0; j < p.h; j++) {
                for (int i = 0; i < p.w; i++) {
                    int v = p.index(i, j, k);
                    float a = scan.at(i0 + i, j0 + j, k0 + below);
                    p.hu[v] = t == 0 ? a : a + t * (scan.at(i0 + i, j0 + j, k0 + above) - a);
                    p.inLung[v] = lungs == null || lungs.containsPatient(scan.toPatient(i0 + i, j0 + j, sliceK))
                            ? (byte) 1 : 0;
                }
            }
        }
        return p;
    }

    int size() {
        return w * h * d;
    }

    int index(int i, int j, int k) {
        return (k * h + j) * w + i;
    }

    /** The scan slices of a patch array (every zFactor-th slice): the patch on the scan's own grid. */
    byte[] onScanGrid(byte[] m) {
        return onScanGrid(m, new byte[w * h * slices]);
    }

    float[] huOnScanGrid() {
        float[] out = new float[w * h * slices];
        for (int k = 0; k < slices; k++) {
            System.arraycopy(hu, k * zFactor * w * h, out, k * w * h, w * h);
        }
        return out;
    }

    private byte[] onScanGrid(byte[] m, byte[] out) {
        for (int k = 0; k < slices; k++) {
            System.arraycopy(m, k * zFactor * w * h, out, k * w * h, w * h);
        }
        return out;
    }

    /** The set voxel nearest (mm) to the centre within {@code radiusMm}, or -1. */
    int nearest(byte[] m, double radiusMm) {
        int best = -1;
        double bestD = radiusMm * radiusMm;
        for (int v = 0; v < m.length; v++) {
            if (m[v] == 0) {
                continue;
            }
            double dx = (v % w - center[0]) * sx;
            double dy = ((v / w) % h - center[1]) * sy;
            double dz = (v / (w * h) - center[2]) * sz;
            double d2 = dx * dx + dy * dy + dz * dz;
            if (d2 <= bestD) {
                bestD = d2;
                best = v;
            }
        }
        return best;
    }

    /** Steepest ascent of {@code depth} over the 26 neighbours inside {@code m}, from {@code start}. */
    int climb(byte[] m, double[] depth, int start) {
        int at = start;
        while (true) {
            int i = at % w;
            int j = (at / w) % h;
            int k = at / (w * h);
            int best = at;
            for (int dk = -1; dk <= 1; dk++) {
                for (int dj = -1; dj <= 1; dj++) {
                    for (int di = -1; di <= 1; di++) {
                        int ii = i + di;
                        int jj = j + dj;
                        int kk = k + dk;
                        if (ii < 0 || jj < 0 || kk < 0 || ii >= w || jj >= h || kk >= d) {
                            continue;
                        }
                        int n = index(ii, jj, kk);
                        if (m[n] != 0 && depth[n] > depth[best] + 1e-9) {
                            best = n;
                        }
                    }
                }
            }
            if (best == at) {
                return at;
            }
            at = best;
        }
    }

    /** Receives a voxel index and its offset (mm) from a reference voxel. */
    @FunctionalInterface
    interface OffsetVisitor {
        void visit(int v, double dx, double dy, double dz);
    }

    /** Every voxel of the patch with its offset (mm) from voxel {@code from}. */
    void forEachOffset(int from, OffsetVisitor visitor) {
        int ci = from % w;
        int cj = (from / w) % h;
        int ck = from / (w * h);
        for (int k = 0; k < d; k++) {
            double dz = (k - ck) * sz;
            for (int j = 0; j < h; j++) {
                double dy = (j - cj) * sy;
                for (int i = 0; i < w; i++) {
                    visitor.visit(index(i, j, k), (i - ci) * sx, dy, dz);
                }
            }
        }
    }

    byte[] componentAt(byte[] m, int seed) {
        return VoxelComponents.componentOf(m, w, h, d, seed);
    }

    /** Squared distances (mm^2) to the set voxels of {@code site}, on this patch's voxels. */
    double[] squaredDistanceTo(byte[] site, boolean inPlaneBorderIsSite) {
        return DistanceMap.squared(site, w, h, d, sx, sy, sz, inPlaneBorderIsSite);
    }

    /** In-plane border only, and the through-plane border where the scan itself goes on. */
    boolean touchesBorder(byte[] m) {
        for (int v = 0; v < m.length; v++) {
            if (m[v] == 0) {
                continue;
            }
            int i = v % w;
            int j = (v / w) % h;
            int k = v / (w * h);
            boolean zEdge = (k == 0 && k0 > 0) || (k == d - 1 && k0 + slices < scan.depth());
            if (i == 0 || j == 0 || i == w - 1 || j == h - 1 || zEdge) {
                return true;
            }
        }
        return false;
    }
}
