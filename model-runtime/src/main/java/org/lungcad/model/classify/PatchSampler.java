package org.lungcad.model.classify;

import java.util.Objects;
import org.lungcad.model.ScanVolume;
import org.lungcad.model.engine.ModelDescriptor.InputSpec;

/**
 * Samples a candidate's patch from a scan by trilinear interpolation at the model's spacing, in a frame of three
 * orthonormal LPS axes through the candidate's centre: the patient axes at inference, a random rotation in
 * training (the augmentation, so any vessel direction is seen). Outside the scan reads as air (-1000 HU).
 */
public final class PatchSampler {

    /** Left, posterior, superior: the frame used at inference. */
    public static final double[][] PATIENT_AXES = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};

    private final InputSpec input;

    public PatchSampler(InputSpec input) {
        this.input = Objects.requireNonNull(input, "input");
        if (input.layout() == PatchLayout.TRIPLANAR
                && (input.patchX() != input.patchY() || input.patchX() != input.patchZ())) {
            throw new IllegalArgumentException("a triplanar patch must be cubic: " + input.patchX() + "x"
                    + input.patchY() + "x" + input.patchZ());
        }
    }

    public InputSpec input() {
        return input;
    }

    /** The patch at a centre (LPS, mm) in the patient axes. */
    public Patch sample(ScanVolume scan, double[] centreLps) {
        return sample(scan, centreLps, PATIENT_AXES);
    }

    /**
     * The patch at a centre in the frame {@code axes} (u, v, w: the patch's x, y and z directions, LPS).
     * Triplanar channels: the u-v plane (axial in the patient frame), the u-w plane (coronal), the v-w plane
     * (sagittal), each with w or v increasing down the rows.
     */
    public Patch sample(ScanVolume scan, double[] centreLps, double[][] axes) {
        double s = input.spacingMm();
        if (input.layout() == PatchLayout.VOLUME) {
            int nx = input.patchX();
            int ny = input.patchY();
            int nz = input.patchZ();
            float[] out = new float[nx * ny * nz];
            int o = 0;
            for (int z = 0; z < nz; z++) {
                for (int y = 0; y < ny; y++) {
                    for (int x = 0; x < nx; x++) {
                        out[o++] = at(scan, centreLps, axes, s * (x - (nx - 1) / 2.0), s * (y - (ny - 1) / 2.0),
                                s * (z - (nz - 1) / 2.0));
                    }
                }
            }
            return new Patch(out, new long[] {1, nz, ny, nx});
        }
        int n = input.patchX();
        float[] out = new float[3 * n * n];
        double half = (n - 1) / 2.0;
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                double a = s * (c - half);
                double b = s * (r - half);
                out[r * n + c] = at(scan, centreLps, axes, a, b, 0);
                out[n * n + r * n + c] = at(scan, centreLps, axes, a, 0, b);
                out[2 * n * n + r * n + c] = at(scan, centreLps, axes, 0, a, b);
            }
        }
        return new Patch(out, new long[] {3, n, n});
    }

    private static float at(ScanVolume scan, double[] c, double[][] axes, double du, double dv, double dw) {
        double[] p = new double[3];
        for (int a = 0; a < 3; a++) {
            p[a] = c[a] + du * axes[0][a] + dv * axes[1][a] + dw * axes[2][a];
        }
        double[] v = scan.toVoxel(p);
        return (float) scan.trilinear(v[0], v[1], v[2]);
    }
}
