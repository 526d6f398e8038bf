package org.lungcad.model.lung;

import org.lungcad.model.ScanVolume;

/**
 * Traces the trachea and main bronchi from the upper slices downwards and removes them from the air
 * mask, so that they neither join the two lungs nor count as lung.
 *
 * <p>Seed: in the most superior slices, a round air region of trachea size near the middle. Growth:
 * slice by slice, the components of the strict airway threshold that overlap the previous slice's
 * airway; a branch stops when its area jumps (it has reached the lung) or after {@link #MAX_LENGTH_MM}.
 * Simple on purpose: segmental bronchi are left in the lung, where they do no harm to blob detection.
 */
final class AirwayTracer {

    private static final double MIN_AREA_MM2 = 40;
    private static final double MAX_AREA_MM2 = 700;
    private static final double MAX_LENGTH_MM = 150;
    private static final double SEARCH_FRACTION = 0.3;

    private AirwayTracer() {
    }

    static void remove(ScanVolume work, byte[] air, double airwayThresholdHu) {
        int w = work.width();
        int h = work.height();
        int d = work.depth();
        int plane = w * h;
        double pixelMm2 = work.spacingX() * work.spacingY();
        boolean superiorIsHighK = work.sliceDirection()[2] >= 0;
        int step = superiorIsHighK ? -1 : 1;
        int start = superiorIsHighK ? d - 1 : 0;
        int searchSlices = (int) Math.max(1, d * SEARCH_FRACTION);

        byte[] current = null;
        int k = start;
        for (int n = 0; n < searchSlices && current == null; n++, k += step) {
            current = seed(air, w, h, k, pixelMm2);
        }
        if (current == null) {
            return;
        }
        clearDilated(air, current, w, h, k - step);
        int maxSlices = (int) (MAX_LENGTH_MM / work.spacingZ());
        float[] hu = work.hu();
        byte[] airway = new byte[plane];
        for (int n = 0; n < maxSlices && k >= 0 && k < d; n++, k += step) {
            // this slice's strict-air components that touch the previous airway
            for (int p = 0; p < plane; p++) {
                airway[p] = air[k * plane + p] != 0 && hu[k * plane + p] < airwayThresholdHu ? (byte) 1 : 0;
            }
            VoxelComponents cc = VoxelComponents.label(airway, w, h, 1);
            double prevArea = count(current) * pixelMm2;
            boolean[] keep = new boolean[cc.count() + 1];
            boolean any = false;
            double kept = 0;
            for (int p = 0; p < plane; p++) {
                int c = cc.label(p);
                if (c != 0 && current[p] != 0 && !keep[c]) {
                    double area = cc.size(c) * pixelMm2;
                    // a jump in area means the lumen has opened into lung: stop that branch; the total
                    // stays below two main bronchi, so noise specks cannot walk the tracer into the lung
                    if (area <= 2.0 * prevArea + 60 && area <= MAX_AREA_MM2 && kept + area <= 2 * MAX_AREA_MM2) {
                        keep[c] = true;
                        kept += area;
                        any = true;
                    }
                }
            }
            if (!any) {
                break;
            }
            byte[] next = new byte[plane];
            for (int p = 0; p < plane; p++) {
                if (keep[cc.label(p)] && cc.label(p) != 0) {
                    next[p] = 1;
                }
            }
            clearDilated(air, next, w, h, k);
            current = next;
        }
    }

    /** A round, trachea-sized air region near the middle of slice k, or null. */
    private static byte[] seed(byte[] air, int w, int h, int k, double pixelMm2) {
        int plane = w * h;
        byte[] slice = new byte[plane];
        System.arraycopy(air, k * plane, slice, 0, plane);
        VoxelComponents cc = VoxelComponents.label(slice, w, h, 1);
        int best = 0;
        double bestDist = Double.MAX_VALUE;
        for (int c = 1; c <= cc.count(); c++) {
            double area = cc.size(c) * pixelMm2;
            if (area < MIN_AREA_MM2 || area > MAX_AREA_MM2) {
                continue;
            }
            int minI = w;
            int maxI = -1;
            int minJ = h;
            int maxJ = -1;
            double si = 0;
            for (int p = 0; p < plane; p++) {
                if (cc.label(p) == c) {
                    int i = p % w;
                    int j = p / w;
                    minI = Math.min(minI, i);
                    maxI = Math.max(maxI, i);
                    minJ = Math.min(minJ, j);
                    maxJ = Math.max(maxJ, j);
                    si += i;
                }
            }
            double fill = cc.size(c) / (double) ((maxI - minI + 1) * (maxJ - minJ + 1));
            double ci = si / cc.size(c);
            double dist = Math.abs(ci - w / 2.0);
            if (fill > 0.5 && dist < 0.15 * w && dist < bestDist) {
                bestDist = dist;
                best = c;
            }
        }
        if (best == 0) {
            return null;
        }
        byte[] out = new byte[plane];
        for (int p = 0; p < plane; p++) {
            if (cc.label(p) == best) {
                out[p] = 1;
            }
        }
        return out;
    }

    /** Removes the airway pixels of slice k, grown by one pixel to take the partial-volume rim too. */
    private static void clearDilated(byte[] air, byte[] airway, int w, int h, int k) {
        int base = k * w * h;
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                if (airway[j * w + i] == 0) {
                    continue;
                }
                for (int dj = -1; dj <= 1; dj++) {
                    for (int di = -1; di <= 1; di++) {
                        int ii = i + di;
                        int jj = j + dj;
                        if (ii >= 0 && jj >= 0 && ii < w && jj < h) {
                            air[base + jj * w + ii] = 0;
                        }
                    }
                }
            }
        }
    }

    private static int count(byte[] m) {
        int n = 0;
        for (byte b : m) {
            n += b;
        }
        return n;
    }
}
