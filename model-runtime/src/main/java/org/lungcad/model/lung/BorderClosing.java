package org.lungcad.model.lung;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;

/**
 * Morphological closing of one lung's border as NDArray ops, so that nodules attached to the pleura
 * (which the air threshold cuts out as a bite) come back inside the mask.
 *
 * <p>Runs on a grid twice as coarse as the working grid with a cube structuring element made of three
 * 1-D max-pools per axis: a dense (2r+1)^3 pool would cost (2r+1)^2 times more. The cube closes
 * slightly more than a ball of the same radius at convex corners, which only adds a little pleura.
 */
final class BorderClosing {

    private BorderClosing() {
    }

    /**
     * Closes {@code mask == label} inside its bounding box and writes voxels added by the closing (those
     * still 0 in {@code mask}) as {@code label}.
     */
    static void close(NDManager root, byte[] mask, int width, int height, int depth, byte label, int radiusCoarse) {
        if (radiusCoarse <= 0) {
            return;
        }
        int[] box = boundingBox(mask, width, height, depth, label);
        if (box == null) {
            return;
        }
        int margin = 2 * radiusCoarse + 2;
        int i0 = Math.max(0, box[0] - margin);
        int j0 = Math.max(0, box[1] - margin);
        int k0 = Math.max(0, box[2] - margin);
        int cw = Math.min(width, box[3] + margin + 1) - i0;
        int ch = Math.min(height, box[4] + margin + 1) - j0;
        int cd = Math.min(depth, box[5] + margin + 1) - k0;
        // even crop so that the 2x coarse grid maps back exactly
        cw += cw % 2;
        ch += ch % 2;
        cd += cd % 2;
        float[] crop = new float[cw * ch * cd];
        for (int k = 0; k < cd; k++) {
            for (int j = 0; j < ch; j++) {
                for (int i = 0; i < cw; i++) {
                    int gi = i0 + i;
                    int gj = j0 + j;
                    int gk = k0 + k;
                    if (gi < width && gj < height && gk < depth && mask[(gk * height + gj) * width + gi] == label) {
                        crop[(k * ch + j) * cw + i] = 1f;
                    }
                }
            }
        }
        float[] closed;
        Shape coarse = new Shape(cd / 2, ch / 2, cw / 2);
        try (NDManager sub = root.newSubManager()) {
            NDArray x = sub.create(crop, new Shape(1, 1, cd, ch, cw));
            NDArray c = Pool.avgPool3d(x, new Shape(2, 2, 2), new Shape(2, 2, 2), new Shape(0, 0, 0), false, true)
                    .gte(0.5f).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
            NDArray dilated = maxSeparable(c, radiusCoarse);
            NDArray eroded = maxSeparable(dilated.neg(), radiusCoarse).neg();
            closed = eroded.toFloatArray();
        }
        int cwc = (int) coarse.get(2);
        int chc = (int) coarse.get(1);
        for (int k = 0; k < cd; k++) {
            int gk = k0 + k;
            if (gk >= depth) {
                continue;
            }
            for (int j = 0; j < ch; j++) {
                int gj = j0 + j;
                if (gj >= height) {
                    continue;
                }
                for (int i = 0; i < cw; i++) {
                    int gi = i0 + i;
                    int g = (gk * height + gj) * width + gi;
                    if (gi < width && mask[g] == 0 && closed[((k / 2) * chc + j / 2) * cwc + i / 2] > 0.5f) {
                        mask[g] = label;
                    }
                }
            }
        }
    }

    private static NDArray maxSeparable(NDArray x, int r) {
        int n = 2 * r + 1;
        NDArray a = Pool.maxPool3d(x, new Shape(n, 1, 1), new Shape(1, 1, 1), new Shape(r, 0, 0), false);
        NDArray b = Pool.maxPool3d(a, new Shape(1, n, 1), new Shape(1, 1, 1), new Shape(0, r, 0), false);
        a.close();
        NDArray c = Pool.maxPool3d(b, new Shape(1, 1, n), new Shape(1, 1, 1), new Shape(0, 0, r), false);
        b.close();
        return c;
    }

    /** {minI, minJ, minK, maxI, maxJ, maxK} of the label, or null when absent. */
    static int[] boundingBox(byte[] mask, int width, int height, int depth, byte label) {
        int[] b = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1, -1};
        for (int k = 0; k < depth; k++) {
            for (int j = 0; j < height; j++) {
                int row = (k * height + j) * width;
                for (int i = 0; i < width; i++) {
                    if (mask[row + i] == label) {
                        b[0] = Math.min(b[0], i);
                        b[1] = Math.min(b[1], j);
                        b[2] = Math.min(b[2], k);
                        b[3] = Math.max(b[3], i);
                        b[4] = Math.max(b[4], j);
                        b[5] = Math.max(b[5], k);
                    }
                }
            }
        }
        return b[3] < 0 ? null : b;
    }
}
