package org.lungcad.model.lung;

/** 2-D (per axial slice) flood fills on byte masks; plain Java for the same reason as {@link VoxelComponents}. */
final class SliceOps {

    private SliceOps() {
    }

    /** Sets to 0 every non-zero voxel of slice k that is 4-connected, within the slice, to the slice border. */
    static void clearBorderConnected(byte[] mask, int w, int h, int k) {
        int base = k * w * h;
        int[] queue = new int[w * h];
        int tail = 0;
        for (int i = 0; i < w; i++) {
            tail = push(mask, base, i, queue, tail);
            tail = push(mask, base, (h - 1) * w + i, queue, tail);
        }
        for (int j = 0; j < h; j++) {
            tail = push(mask, base, j * w, queue, tail);
            tail = push(mask, base, j * w + w - 1, queue, tail);
        }
        for (int head = 0; head < tail; head++) {
            int p = queue[head];
            int i = p % w;
            int j = p / w;
            if (i > 0) {
                tail = push(mask, base, p - 1, queue, tail);
            }
            if (i < w - 1) {
                tail = push(mask, base, p + 1, queue, tail);
            }
            if (j > 0) {
                tail = push(mask, base, p - w, queue, tail);
            }
            if (j < h - 1) {
                tail = push(mask, base, p + w, queue, tail);
            }
        }
    }

    private static int push(byte[] mask, int base, int p, int[] queue, int tail) {
        if (mask[base + p] != 0) {
            mask[base + p] = 0;
            queue[tail++] = p;
        }
        return tail;
    }

    /**
     * Fills, slice by slice, background pixels that the slice border cannot reach (vessels and nodules
     * inside the lung are holes in 2-D, while in 3-D they connect to the hilum). A hole takes the label
     * of the lung pixel met first to its left, else to its right.
     */
    static void fillHoles(byte[] labels, int w, int h, int d) {
        byte[] outside = new byte[w * h];
        for (int k = 0; k < d; k++) {
            int base = k * w * h;
            for (int p = 0; p < w * h; p++) {
                outside[p] = labels[base + p] == 0 ? (byte) 1 : 0;
            }
            byte[] reach = outside.clone();
            clearBorderConnected(reach, w, h, 0);
            for (int j = 0; j < h; j++) {
                byte last = 0;
                for (int i = 0; i < w; i++) {
                    int p = j * w + i;
                    if (labels[base + p] != 0) {
                        last = labels[base + p];
                    } else if (reach[p] != 0) {
                        labels[base + p] = last != 0 ? last : firstToRight(labels, base + p, w - i);
                    }
                }
            }
        }
    }

    private static byte firstToRight(byte[] labels, int v, int remaining) {
        for (int a = 1; a < remaining; a++) {
            if (labels[v + a] != 0) {
                return labels[v + a];
            }
        }
        return LungSide.RIGHT.label();
    }
}
