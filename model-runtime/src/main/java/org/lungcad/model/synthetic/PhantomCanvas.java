package org.lungcad.model.synthetic;

/**
 * The voxel grid a phantom is painted on: HU plus a tissue label per voxel, with the primitives the
 * anatomy is made of. Axis-aligned; coordinates in patient LPS mm.
 */
final class PhantomCanvas {

    static final byte OUTSIDE = 0;
    static final byte BODY = 1;
    static final byte LUNG = 2;
    static final byte AIRWAY = 3;
    static final byte BONE = 4;
    /** Passed as a capsule's label: leave the labels as they are (vessels and bronchi inside a lung stay lung). */
    static final byte KEEP = -1;

    final int nx;
    final int ny;
    final int nz;
    final double sx;
    final double sy;
    final double sz;
    final double[] origin;
    final float[] hu;
    final byte[] label;

    PhantomCanvas(int nx, int ny, int nz, double sx, double sy, double sz, double[] origin) {
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.sx = sx;
        this.sy = sy;
        this.sz = sz;
        this.origin = origin.clone();
        this.hu = new float[nx * ny * nz];
        this.label = new byte[hu.length];
    }

    int index(int i, int j, int k) {
        return (k * ny + j) * nx + i;
    }

    double x(int i) {
        return origin[0] + i * sx;
    }

    double y(int j) {
        return origin[1] + j * sy;
    }

    double z(int k) {
        return origin[2] + k * sz;
    }

    /** What a capsule painter may overwrite. */
    enum Target { ANY, LUNG_ONLY, NOT_LUNG }

    /**
     * Paints a tapered capsule from a to b (radii ra, rb, mm) with {@code value}; the rim is anti-aliased over one
     * voxel so thin vessels and spicule-like tubes have partial-volume edges.
     */
    void capsule(double[] a, double[] b, double ra, double rb, float value, byte newLabel, Target target) {
        double rMax = Math.max(ra, rb) + Math.max(sx, Math.max(sy, sz));
        int i0 = clampI(Math.floor((Math.min(a[0], b[0]) - rMax - origin[0]) / sx), nx);
        int i1 = clampI(Math.ceil((Math.max(a[0], b[0]) + rMax - origin[0]) / sx), nx);
        int j0 = clampI(Math.floor((Math.min(a[1], b[1]) - rMax - origin[1]) / sy), ny);
        int j1 = clampI(Math.ceil((Math.max(a[1], b[1]) + rMax - origin[1]) / sy), ny);
        int k0 = clampI(Math.floor((Math.min(a[2], b[2]) - rMax - origin[2]) / sz), nz);
        int k1 = clampI(Math.ceil((Math.max(a[2], b[2]) + rMax - origin[2]) / sz), nz);
        double dx = b[0] - a[0];
        double dy = b[1] - a[1];
        double dz = b[2] - a[2];
        double len2 = Math.max(1e-12, dx * dx + dy * dy + dz * dz);
        double h = Math.min(sx, Math.min(sy, sz));
        for (int k = k0; k <= k1; k++) {
            for (int j = j0; j <= j1; j++) {
                for (int i = i0; i <= i1; i++) {
                    int idx = index(i, j, k);
                    byte l = label[idx];
                    if (target == Target.LUNG_ONLY && l != LUNG || target == Target.NOT_LUNG && l == LUNG) {
                        continue;
                    }
                    double px = x(i) - a[0];
                    double py = y(j) - a[1];
                    double pz = z(k) - a[2];
                    double t = Math.max(0, Math.min(1, (px * dx + py * dy + pz * dz) / len2));
                    double ex = px - t * dx;
                    double ey = py - t * dy;
                    double ez = pz - t * dz;
                    double r = ra + t * (rb - ra);
                    double cover = Math.min(1, Math.max(0, (r - Math.sqrt(ex * ex + ey * ey + ez * ez)) / h + 0.5));
                    if (cover <= 0) {
                        continue;
                    }
                    hu[idx] = (float) (cover * value + (1 - cover) * hu[idx]);
                    if (cover >= 0.5 && newLabel != KEEP) {
                        label[idx] = newLabel;
                    }
                }
            }
        }
    }

    private static int clampI(double v, int n) {
        return (int) Math.max(0, Math.min(n - 1, v));
    }
}
