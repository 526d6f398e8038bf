package org.lungcad.server.analysis;

import java.util.Locale;
import org.lungcad.dicom.volume.CtVolumeLoader;

/**
 * The largest CT volume one analysis may load, checked before any pixel is decoded: the configured
 * {@code lungcad.processing.max-voxels}, lowered to what the Java heap holds when every worker loads such a volume at
 * once. Above it a series is skipped {@code VOLUME_TOO_LARGE} with the figures, instead of an OutOfMemoryError.
 *
 * @param configuredVoxels {@code lungcad.processing.max-voxels}
 * @param maxHeapBytes     the JVM's heap limit ({@link Runtime#maxMemory()}, set by {@code -Xmx})
 * @param workers          series analysed at once ({@code lungcad.processing.workers})
 */
public record VolumeLimit(long configuredVoxels, long maxHeapBytes, int workers) {

    /**
     * Heap bytes an analysis holds per voxel of the source series: the HU volume as floats (the detector's own
     * working arrays are libtorch's, off the heap). Measured with benchmark-analysis: peak heap grows 3.9 B per voxel
     * from 150 to 600 slices of 512×512 (docs/operations.md).
     */
    public static final int HEAP_BYTES_PER_VOXEL = 4;
    /**
     * Heap the node needs besides the volumes (Spring, association buffers, the slice being decoded, the report
     * writers): benchmark-analysis at -Xmx1g held 192 M voxels of volumes and peaked at 1017 MB.
     */
    public static final long HEAP_RESERVE_BYTES = 320L << 20;
    /** The loader's own ceiling: one Java float array. */
    public static final long ARRAY_LIMIT_VOXELS = Integer.MAX_VALUE - 8L;

    public VolumeLimit {
        if (configuredVoxels < 1 || maxHeapBytes < 1 || workers < 1) {
            throw new IllegalArgumentException("voxels, heap and workers must be positive");
        }
    }

    /** The limit in this JVM ({@link Runtime#maxMemory()}). */
    public static VolumeLimit inThisJvm(long configuredVoxels, int workers) {
        return new VolumeLimit(configuredVoxels, Runtime.getRuntime().maxMemory(), workers);
    }

    /** A loader for one series at a time with no configured limit: as large as this JVM's heap holds. */
    public static CtVolumeLoader heapBoundLoader() {
        return new CtVolumeLoader(inThisJvm(ARRAY_LIMIT_VOXELS, 1).voxels());
    }

    /** Voxels per worker that fit in the heap beside the reserve. */
    public long heapBoundVoxels() {
        return Math.max(1, Math.max(0, maxHeapBytes - HEAP_RESERVE_BYTES) / workers / HEAP_BYTES_PER_VOXEL);
    }

    /** What the loader enforces. */
    public long voxels() {
        return Math.min(ARRAY_LIMIT_VOXELS, Math.min(configuredVoxels, heapBoundVoxels()));
    }

    /** Whether the heap, not the configuration, sets the limit (worth a warning at start-up). */
    public boolean heapBound() {
        return heapBoundVoxels() < configuredVoxels;
    }

    /** The {@code -Xmx} at which the configured limit would apply to every worker at once. */
    public long heapNeededBytes() {
        return HEAP_RESERVE_BYTES + workers * configuredVoxels * HEAP_BYTES_PER_VOXEL;
    }

    /** For the start-up log: the limit and where it comes from. */
    public String describe() {
        String source = heapBound()
                ? String.format(Locale.ROOT, "bound by the %d MB heap for %d worker(s); lungcad.processing.max-voxels"
                        + " %.1f M needs -Xmx%dm", maxHeapBytes >> 20, workers, configuredVoxels / 1e6,
                        (heapNeededBytes() >> 20) + 1)
                : "lungcad.processing.max-voxels";
        return String.format(Locale.ROOT, "CT volumes up to %.1f M voxels per series (%s)", voxels() / 1e6, source);
    }
}
