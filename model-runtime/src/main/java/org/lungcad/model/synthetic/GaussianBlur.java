package org.lungcad.model.synthetic;

/**
 * Separable Gaussian blur of a small x-fastest float patch in plain Java: three 1-D passes
 * (a dense 3-D kernel costs the product of the three lengths per voxel). Edges are clamped.
 */
final class GaussianBlur {

    private GaussianBlur() {
    }

    /** Blurs in place; sigmas in voxels per axis, 0 skips an axis. */
    static void blur(float[] data, int nx, int ny, int nz, double sx, double sy, double sz) {
        float[] tmp = new float[data.length];
        pass(data, tmp, nx, ny, nz, kernel(sx), 1, nx);
        pass(data, tmp, nx, ny, nz, kernel(sy), nx, ny);
        pass(data, tmp, nx, ny, nz, kernel(sz), nx * ny, nz);
    }

    static float[] kernel(double sigma) {
        if (sigma <= 0.05) {
            return new float[] {1};
        }
        int radius = Math.max(1, (int) Math.ceil(3 * sigma));
        float[] k = new float[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            double v = Math.exp(-0.5 * i * i / (sigma * sigma));
            k[i + radius] = (float) v;
            sum += v;
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= (float) sum;
        }
        return k;
    }

    /** One 1-D pass along the axis whose index stride is {@code stride} and length {@code n}. */
    private static void pass(float[] data, float[] tmp, int nx, int ny, int nz, float[] k, int stride, int n) {
        if (k.length == 1) {
            return;
        }
        int r = k.length / 2;
        int total = nx * ny * nz;
        for (int idx = 0; idx < total; idx++) {
            int pos = (idx / stride) % n;
            int base = idx - pos * stride;
            double acc = 0;
            for (int t = -r; t <= r; t++) {
                int q = Math.min(n - 1, Math.max(0, pos + t));
                acc += k[t + r] * data[base + q * stride];
            }
            tmp[idx] = (float) acc;
        }
        System.arraycopy(tmp, 0, data, 0, total);
    }
}
