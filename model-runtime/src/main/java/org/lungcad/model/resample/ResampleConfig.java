package org.lungcad.model.resample;

/**
 * Settings of the working grid.
 *
 * @param spacingMm isotropic voxel size of the working grid; 1 mm keeps 3 mm nodules at three voxels
 *                  while a whole chest stays near 40 million voxels
 */
public record ResampleConfig(double spacingMm) {

    public static final ResampleConfig DEFAULT = new ResampleConfig(1.0);

    public ResampleConfig {
        if (!(spacingMm >= 0.25 && spacingMm <= 4.0)) {
            throw new IllegalArgumentException("working grid spacing must be in [0.25, 4] mm: " + spacingMm);
        }
    }
}
