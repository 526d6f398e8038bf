package org.lungcad.model.resample;

import org.lungcad.model.ScanVolume;

/**
 * A volume resampled to another number of slices over the same z extent, in memory, for the benchmark. Trilinear
 * interpolation whose in-plane sample points fall on the grid, so it reduces to linear interpolation along the slice
 * axis; the first and last slices keep their positions.
 */
public final class ZResampler {

    private ZResampler() {
    }

    public static ScanVolume toSlices(ScanVolume v, int slices) {
        if (slices < 2) {
            throw new IllegalArgumentException("need at least 2 slices: " + slices);
        }
        int plane = v.width() * v.height();
        long voxels = (long) plane * slices;
        if (voxels > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many voxels for one array: " + voxels);
        }
        float[] src = v.hu();
        float[] dst = new float[(int) voxels];
        double step = (double) (v.depth() - 1) / (slices - 1);
        for (int k = 0; k < slices; k++) {
            double z = k * step;
            int k0 = Math.min((int) Math.floor(z), v.depth() - 1);
            int k1 = Math.min(k0 + 1, v.depth() - 1);
            float t = (float) (z - k0);
            int a = k0 * plane;
            int b = k1 * plane;
            int o = k * plane;
            for (int p = 0; p < plane; p++) {
                dst[o + p] = src[a + p] + t * (src[b + p] - src[a + p]);
            }
        }
        return new ScanVolume(v.width(), v.height(), slices, dst, v.spacingX(), v.spacingY(), v.spacingZ() * step,
                v.origin(), v.rowDirection(), v.columnDirection(), v.sliceDirection());
    }
}
