package org.lungcad.model.lung;

import ai.djl.ndarray.NDManager;
import java.util.Objects;
import org.lungcad.model.ScanVolume;

/**
 * Finds the lungs on the working grid: the lungs' air ({@link LungAir}: air-like voxels, minus the air outside
 * the body, minus the trachea and main bronchi, the two largest components), holes filled slice by slice, and the
 * border closed so juxtapleural nodules stay inside.
 *
 * <p>Thresholding and labelling are plain Java (see {@link VoxelComponents}); the closing, the only
 * step whose cost grows with the structuring element, is NDArray max-pooling ({@link BorderClosing}).
 * Assumes an axial acquisition (slices roughly perpendicular to the patient's z axis).
 */
public final class LungMaskExtractor {

    private final NDManager root;
    private final LungMaskConfig config;

    /** @param root manager whose sub-managers hold each call's tensors; the caller owns and closes it */
    public LungMaskExtractor(NDManager root, LungMaskConfig config) {
        this.root = Objects.requireNonNull(root, "root");
        this.config = Objects.requireNonNull(config, "config");
    }

    public LungMask extract(ScanVolume work) {
        int w = work.width();
        int h = work.height();
        int d = work.depth();
        byte[] labels = LungAir.labels(work, config);
        SliceOps.fillHoles(labels, w, h, d);
        double voxelMm = Math.cbrt(work.spacingX() * work.spacingY() * work.spacingZ());
        int radiusCoarse = (int) Math.round(config.closingRadiusMm() / (2 * voxelMm));
        BorderClosing.close(root, labels, w, h, d, LungSide.RIGHT.label(), radiusCoarse);
        BorderClosing.close(root, labels, w, h, d, LungSide.LEFT.label(), radiusCoarse);
        return new LungMask(work, labels);
    }
}
