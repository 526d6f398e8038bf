package org.lungcad.server.offline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.lungcad.model.ScanVolume;

/**
 * A rough lung region of a real chest CT, for placing synthetic nodules (not for measuring anything): voxels below
 * -500 HU that are not connected, within their slice, to the air around the body, and that belong to a large 3D
 * component (the lungs with their airways; bowel gas and small pockets are dropped). Plain Java on the original
 * grid, no engine: {@code synthesize} needs no detector.
 */
public final class LungRegion {

    static final float AIR_THRESHOLD_HU = -500;
    /** Components smaller than this share of the largest are not lung. */
    static final double MIN_COMPONENT_FRACTION = 0.1;

    private final ScanVolume volume;
    private final BitSet lung;
    private final int[] voxels;

    private LungRegion(ScanVolume volume, BitSet lung) {
        this.volume = volume;
        this.lung = lung;
        this.voxels = lung.stream().toArray();
    }

    public static LungRegion of(ScanVolume v) {
        int w = v.width();
        int h = v.height();
        BitSet inside = new BitSet(v.hu().length);
        for (int k = 0; k < v.depth(); k++) {
            markInsideAir(v, k, inside);
        }
        return new LungRegion(v, largeComponents(inside, w, h, v.depth()));
    }

    public boolean contains(int i, int j, int k) {
        return i >= 0 && j >= 0 && k >= 0 && i < volume.width() && j < volume.height() && k < volume.depth()
                && lung.get(volume.index(i, j, k));
    }

    public long voxelCount() {
        return voxels.length;
    }

    /** The index of a lung voxel, uniformly; for random placement. */
    int voxel(int n) {
        return voxels[n];
    }

    /** Low-HU pixels of slice k not reachable from the image border through low-HU pixels (4-connected). */
    private static void markInsideAir(ScanVolume v, int k, BitSet inside) {
        int w = v.width();
        int h = v.height();
        int offset = k * w * h;
        float[] hu = v.hu();
        boolean[] outside = new boolean[w * h];
        int[] queue = new int[w * h];
        int head = 0;
        int tail = 0;
        for (int p = 0; p < w * h; p++) {
            int i = p % w;
            int j = p / w;
            boolean border = i == 0 || j == 0 || i == w - 1 || j == h - 1;
            if (border && hu[offset + p] < AIR_THRESHOLD_HU) {
                outside[p] = true;
                queue[tail++] = p;
            }
        }
        while (head < tail) {
            int p = queue[head++];
            int i = p % w;
            int j = p / w;
            int[] next = {i > 0 ? p - 1 : -1, i < w - 1 ? p + 1 : -1, j > 0 ? p - w : -1, j < h - 1 ? p + w : -1};
            for (int q : next) {
                if (q >= 0 && !outside[q] && hu[offset + q] < AIR_THRESHOLD_HU) {
                    outside[q] = true;
                    queue[tail++] = q;
                }
            }
        }
        for (int p = 0; p < w * h; p++) {
            if (!outside[p] && hu[offset + p] < AIR_THRESHOLD_HU) {
                inside.set(offset + p);
            }
        }
    }

    /** 6-connected components of {@code set}; those of at least {@link #MIN_COMPONENT_FRACTION} of the largest. */
    private static BitSet largeComponents(BitSet set, int w, int h, int d) {
        BitSet seen = new BitSet(set.length());
        int[] order = new int[set.cardinality()];
        List<int[]> components = new ArrayList<>(); // {start, size} in order[]
        int filled = 0;
        long plane = (long) w * h;
        for (int seed = set.nextSetBit(0); seed >= 0; seed = set.nextSetBit(seed + 1)) {
            if (seen.get(seed)) {
                continue;
            }
            int start = filled;
            seen.set(seed);
            order[filled++] = seed;
            for (int head = start; head < filled; head++) {
                int p = order[head];
                int i = p % w;
                int j = (int) ((p / w) % h);
                int k = (int) (p / plane);
                int[] next = {i > 0 ? p - 1 : -1, i < w - 1 ? p + 1 : -1, j > 0 ? p - w : -1, j < h - 1 ? p + w : -1,
                    k > 0 ? (int) (p - plane) : -1, k < d - 1 ? (int) (p + plane) : -1};
                for (int q : next) {
                    if (q >= 0 && set.get(q) && !seen.get(q)) {
                        seen.set(q);
                        order[filled++] = q;
                    }
                }
            }
            components.add(new int[] {start, filled - start});
        }
        int largest = components.stream().mapToInt(c -> c[1]).max().orElse(0);
        BitSet kept = new BitSet(set.length());
        for (int[] c : components) {
            if (c[1] >= MIN_COMPONENT_FRACTION * largest) {
                Arrays.stream(order, c[0], c[0] + c[1]).forEach(kept::set);
            }
        }
        return kept;
    }
}
