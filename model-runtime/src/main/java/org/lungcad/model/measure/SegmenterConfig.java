package org.lungcad.model.measure;

/**
 * Settings of the per-candidate segmentation and typing.
 *
 * @param noduleThresholdHu   lower bound of nodule tissue, ground glass included (parenchyma is below)
 * @param solidThresholdHu    voxels at or above are the solid component
 * @param calcifiedThresholdHu voxels at or above are calcium
 * @param patchFactor         patch half-size = patchFactor x the estimated diameter (2.5 x the radius
 *                            and more: room for the real size to exceed the filter's estimate)
 * @param minPatchHalfMm      smallest patch half-size
 * @param maxOpeningRadiusMm  largest radius of the opening that cuts attached vessels off (a segmentation
 *                            that still leaks out of its patch is retried once with twice this)
 */
public record SegmenterConfig(double noduleThresholdHu, double solidThresholdHu, double calcifiedThresholdHu,
                              double patchFactor, double minPatchHalfMm, double maxOpeningRadiusMm) {

    public static final SegmenterConfig DEFAULT = new SegmenterConfig(-650, -300, 200, 1.5, 10, 3);

    public SegmenterConfig {
        if (!(noduleThresholdHu < solidThresholdHu && solidThresholdHu < calcifiedThresholdHu)) {
            throw new IllegalArgumentException("need nodule < solid < calcified thresholds");
        }
        if (!(noduleThresholdHu > -1000)) {
            throw new IllegalArgumentException("nodule threshold must be above air: " + noduleThresholdHu);
        }
        if (!(patchFactor >= 1 && patchFactor <= 4)) {
            throw new IllegalArgumentException("patchFactor must be in [1, 4]: " + patchFactor);
        }
        if (!(minPatchHalfMm >= 3 && minPatchHalfMm <= 60)) {
            throw new IllegalArgumentException("minPatchHalfMm must be in [3, 60]: " + minPatchHalfMm);
        }
        if (!(maxOpeningRadiusMm >= 0 && maxOpeningRadiusMm <= 10)) {
            throw new IllegalArgumentException("maxOpeningRadiusMm must be in [0, 10]: " + maxOpeningRadiusMm);
        }
    }
}
