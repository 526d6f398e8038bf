package org.lungcad.model.synthetic;

import org.lungcad.model.ScanVolume;

/** An axis-aligned voxel box of a volume, clipped to it; arrays over it are x-fastest. */
final class Patch {

    final int i0;
    final int j0;
    final int k0;
    final int nx;
    final int ny;
    final int nz;

    private Patch(int i0, int j0, int k0, int nx, int ny, int nz) {
        this.i0 = i0;
        this.j0 = j0;
        this.k0 = k0;
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
    }

    /** The box of half-size {@code extentMm} around a continuous voxel position (directions orthonormal). */
    static Patch around(ScanVolume v, double[] voxel, double extentMm) {
        int i0 = clamp((int) Math.floor(voxel[0] - extentMm / v.spacingX()), v.width());
        int i1 = clamp((int) Math.ceil(voxel[0] + extentMm / v.spacingX()), v.width());
        int j0 = clamp((int) Math.floor(voxel[1] - extentMm / v.spacingY()), v.height());
        int j1 = clamp((int) Math.ceil(voxel[1] + extentMm / v.spacingY()), v.height());
        int k0 = clamp((int) Math.floor(voxel[2] - extentMm / v.spacingZ()), v.depth());
        int k1 = clamp((int) Math.ceil(voxel[2] + extentMm / v.spacingZ()), v.depth());
        return new Patch(i0, j0, k0, i1 - i0 + 1, j1 - j0 + 1, k1 - k0 + 1);
    }

    private static int clamp(int x, int n) {
        return Math.max(0, Math.min(n - 1, x));
    }

    int size() {
        return nx * ny * nz;
    }

    int index(int i, int j, int k) {
        return (k * ny + j) * nx + i;
    }

    float[] copyFrom(ScanVolume v) {
        float[] out = new float[size()];
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                System.arraycopy(v.hu(), v.index(i0, j0 + j, k0 + k), out, index(0, j, k), nx);
            }
        }
        return out;
    }

    /** Mean of the 3x3x3 neighbourhood (clipped to the patch): the background without most of its noise. */
    float localMean(float[] a, int i, int j, int k) {
        double sum = 0;
        int n = 0;
        for (int dk = Math.max(0, k - 1); dk <= Math.min(nz - 1, k + 1); dk++) {
            for (int dj = Math.max(0, j - 1); dj <= Math.min(ny - 1, j + 1); dj++) {
                for (int di = Math.max(0, i - 1); di <= Math.min(nx - 1, i + 1); di++) {
                    sum += a[index(di, dj, dk)];
                    n++;
                }
            }
        }
        return (float) (sum / n);
    }
}
