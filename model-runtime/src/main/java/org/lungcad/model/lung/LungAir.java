package org.lungcad.model.lung;

import java.util.Objects;
import org.lungcad.model.ScanVolume;

/**
 * The engine-free first stage of {@link LungMaskExtractor}: air-like voxels, minus the air outside the body (per
 * slice, connected to the image border), minus the trachea and main bronchi, the two largest components as the
 * lungs (split at the midline when they touch). Holes (vessels, nodules) are not filled and the border is not
 * closed, so a voxel of this mask is air-like lung: what synthetic-nodule placement needs, on any grid, without
 * the DJL engine that the closing uses.
 */
public final class LungAir {

    private LungAir() {
    }

    /** The lungs' air of {@code volume} on its own grid. */
    public static LungMask of(ScanVolume volume, LungMaskConfig config) {
        return new LungMask(volume, labels(volume, config));
    }

    /** Per voxel 0 / {@link LungSide#RIGHT} / {@link LungSide#LEFT} labels, x fastest. */
    static byte[] labels(ScanVolume work, LungMaskConfig config) {
        Objects.requireNonNull(config, "config");
        int w = work.width();
        int h = work.height();
        int d = work.depth();
        float[] hu = work.hu();
        byte[] air = new byte[hu.length];
        for (int v = 0; v < hu.length; v++) {
            air[v] = hu[v] < config.airThresholdHu() ? (byte) 1 : 0;
        }
        for (int k = 0; k < d; k++) {
            SliceOps.clearBorderConnected(air, w, h, k);
        }
        if (config.removeAirways()) {
            AirwayTracer.remove(work, air, config.airwayThresholdHu());
        }
        return selectLungs(work, air, config);
    }

    /** Keeps the two largest air components as the lungs and names them by patient x. */
    private static byte[] selectLungs(ScanVolume work, byte[] air, LungMaskConfig config) {
        int w = work.width();
        int h = work.height();
        int d = work.depth();
        VoxelComponents cc = VoxelComponents.label(air, w, h, d);
        double voxelMl = work.spacingX() * work.spacingY() * work.spacingZ() / 1000.0;
        int[] order = cc.bySize();
        int first = order.length > 0 && cc.size(order[0]) * voxelMl >= config.minLungVolumeMl() ? order[0] : 0;
        int second = order.length > 1 && cc.size(order[1]) * voxelMl >= config.minLungVolumeMl() ? order[1] : 0;
        byte[] labels = new byte[air.length];
        if (first == 0) {
            return labels;
        }
        // a "second lung" far smaller than the first is a bowel loop or a bulla: the lungs are joined
        boolean joined = second == 0 || cc.size(second) < 0.15 * cc.size(first);
        if (joined) {
            splitAtMidline(work, cc, first, labels);
            return labels;
        }
        double x1 = meanPatientX(work, cc, first);
        double x2 = meanPatientX(work, cc, second);
        byte l1 = x1 > x2 ? LungSide.LEFT.label() : LungSide.RIGHT.label();
        byte l2 = x1 > x2 ? LungSide.RIGHT.label() : LungSide.LEFT.label();
        for (int v = 0; v < air.length; v++) {
            int c = cc.label(v);
            labels[v] = c == first ? l1 : c == second ? l2 : 0;
        }
        return labels;
    }

    /**
     * Joined lungs (anterior junction, or one lung missing): per slice, cut at the column with the
     * fewest lung voxels in the middle of the component's extent, and name each side by patient x.
     */
    private static void splitAtMidline(ScanVolume work, VoxelComponents cc, int comp, byte[] labels) {
        int w = work.width();
        int h = work.height();
        int d = work.depth();
        boolean xGrowsLeft = work.rowDirection()[0] >= 0;
        int[] columns = new int[w];
        for (int k = 0; k < d; k++) {
            java.util.Arrays.fill(columns, 0);
            int minI = w;
            int maxI = -1;
            for (int j = 0; j < h; j++) {
                int row = (k * h + j) * w;
                for (int i = 0; i < w; i++) {
                    if (cc.label(row + i) == comp) {
                        columns[i]++;
                        minI = Math.min(minI, i);
                        maxI = Math.max(maxI, i);
                    }
                }
            }
            if (maxI < 0) {
                continue;
            }
            int span = maxI - minI;
            int cut = (minI + maxI) / 2;
            int best = Integer.MAX_VALUE;
            for (int i = minI + span * 3 / 10; i <= maxI - span * 3 / 10; i++) {
                if (columns[i] < best) {
                    best = columns[i];
                    cut = i;
                }
            }
            for (int j = 0; j < h; j++) {
                int row = (k * h + j) * w;
                for (int i = 0; i < w; i++) {
                    if (cc.label(row + i) == comp) {
                        boolean left = (i > cut) == xGrowsLeft;
                        labels[row + i] = left ? LungSide.LEFT.label() : LungSide.RIGHT.label();
                    }
                }
            }
        }
    }

    private static double meanPatientX(ScanVolume work, VoxelComponents cc, int comp) {
        int w = work.width();
        int h = work.height();
        double sum = 0;
        long n = 0;
        for (int v = 0; v < w * h * work.depth(); v++) {
            if (cc.label(v) == comp) {
                int i = v % w;
                int j = (v / w) % h;
                int k = v / (w * h);
                sum += work.toPatient(i, j, k)[0];
                n++;
            }
        }
        return sum / n;
    }
}
