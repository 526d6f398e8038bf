package org.lungcad.model.testing;

import org.lungcad.model.ScanVolume;

/** Small synthetic CT volumes built in memory (HU), for stage tests. */
public final class Phantoms {

    public static final float LUNG_HU = -850f;
    public static final float SOFT_TISSUE_HU = 40f;

    private Phantoms() {
    }

    /** A uniform box (identity directions) with the given size and spacing, origin chosen off zero. */
    public static ScanVolume box(int w, int h, int d, double sx, double sy, double sz, float hu) {
        float[] v = new float[w * h * d];
        java.util.Arrays.fill(v, hu);
        return ScanVolume.axial(w, h, d, v, sx, sy, sz, new double[] {-40.5, 12.25, -300.0});
    }

    /**
     * Adds a blurred ellipsoid of HU {@code value} with semi-axes (mm) along x, y, z at patient position
     * {@code c}; blur: logistic edge of width {@code edgeMm} (about a CT's point spread).
     */
    public static void ellipsoid(ScanVolume vol, double[] c, double ax, double ay, double az, float value, double edgeMm) {
        ellipsoid(vol, c, ax, ay, az, 0, value, edgeMm);
    }

    /**
     * As {@link #ellipsoid(ScanVolume, double[], double, double, double, float, double)}, turned in the axial plane:
     * semi-axis {@code ax} points {@code angleDeg} from patient +x towards +y, {@code ay} perpendicular to it.
     */
    public static void ellipsoid(ScanVolume vol, double[] c, double ax, double ay, double az, double angleDeg,
                                 float value, double edgeMm) {
        double cos = Math.cos(Math.toRadians(angleDeg));
        double sin = Math.sin(Math.toRadians(angleDeg));
        float[] hu = vol.hu();
        for (int k = 0; k < vol.depth(); k++) {
            for (int j = 0; j < vol.height(); j++) {
                for (int i = 0; i < vol.width(); i++) {
                    double[] p = vol.toPatient(i, j, k);
                    double dx = ((p[0] - c[0]) * cos + (p[1] - c[1]) * sin) / ax;
                    double dy = (-(p[0] - c[0]) * sin + (p[1] - c[1]) * cos) / ay;
                    double dz = (p[2] - c[2]) / az;
                    double rn = Math.sqrt(dx * dx + dy * dy + dz * dz);
                    // signed distance to the surface, approximately (exact for a sphere)
                    double dist = (rn - 1) * Math.min(ax, Math.min(ay, az));
                    double a = 1 / (1 + Math.exp(dist / Math.max(1e-3, edgeMm * 0.6)));
                    int idx = vol.index(i, j, k);
                    hu[idx] = (float) Math.max(hu[idx], hu[idx] + (value - hu[idx]) * a);
                }
            }
        }
    }

    public static void sphere(ScanVolume vol, double[] c, double diameterMm, float value) {
        ellipsoid(vol, c, diameterMm / 2, diameterMm / 2, diameterMm / 2, value, 0.7);
    }

    /** A blurred straight tube (vessel) of the given diameter along direction {@code dir} through {@code c}. */
    public static void tube(ScanVolume vol, double[] c, double[] dir, double diameterMm, float value) {
        double n = Math.sqrt(dir[0] * dir[0] + dir[1] * dir[1] + dir[2] * dir[2]);
        double[] u = {dir[0] / n, dir[1] / n, dir[2] / n};
        float[] hu = vol.hu();
        for (int k = 0; k < vol.depth(); k++) {
            for (int j = 0; j < vol.height(); j++) {
                for (int i = 0; i < vol.width(); i++) {
                    double[] p = vol.toPatient(i, j, k);
                    double[] d = {p[0] - c[0], p[1] - c[1], p[2] - c[2]};
                    double t = d[0] * u[0] + d[1] * u[1] + d[2] * u[2];
                    double r = Math.sqrt(Math.max(0, d[0] * d[0] + d[1] * d[1] + d[2] * d[2] - t * t));
                    double a = 1 / (1 + Math.exp((r - diameterMm / 2) / 0.42));
                    int idx = vol.index(i, j, k);
                    hu[idx] = (float) Math.max(hu[idx], hu[idx] + (value - hu[idx]) * a);
                }
            }
        }
    }

    /** Centre of the volume in patient coordinates. */
    public static double[] center(ScanVolume vol) {
        return vol.toPatient((vol.width() - 1) / 2.0, (vol.height() - 1) / 2.0, (vol.depth() - 1) / 2.0);
    }

    public static double[] add(double[] a, double x, double y, double z) {
        return new double[] {a[0] + x, a[1] + y, a[2] + z};
    }

    /** Patient x of the left lung's centre in {@link #thorax}; the right lung is at -x. */
    public static final double LUNG_X = 55;

    /**
     * A simple synthetic thorax, 256 x 192 x 96 mm at the given voxel size, centred on patient (0, 0, 0):
     * outside air (-1000), an elliptic-cylinder body (+40), two lung ellipsoids (-850, centres at x = +-55,
     * semi-axes 40 x 55 x 40 mm) and a trachea (air tube, 8 mm radius) above the lungs in the midline.
     */
    public static ScanVolume thorax(double voxelMm) {
        int w = (int) Math.round(256 / voxelMm);
        int h = (int) Math.round(192 / voxelMm);
        int d = (int) Math.round(96 / voxelMm);
        float[] hu = new float[w * h * d];
        double[] origin = {-(w - 1) * voxelMm / 2, -(h - 1) * voxelMm / 2, -(d - 1) * voxelMm / 2};
        ScanVolume v = ScanVolume.axial(w, h, d, hu, voxelMm, voxelMm, voxelMm, origin);
        for (int k = 0; k < d; k++) {
            for (int j = 0; j < h; j++) {
                for (int i = 0; i < w; i++) {
                    double[] p = v.toPatient(i, j, k);
                    float value = -1000;
                    if (sq(p[0] / 115) + sq(p[1] / 85) <= 1) {
                        value = SOFT_TISSUE_HU;
                        for (double cx : new double[] {-LUNG_X, LUNG_X}) {
                            if (sq((p[0] - cx) / 40) + sq(p[1] / 55) + sq(p[2] / 40) <= 1) {
                                value = LUNG_HU;
                            }
                        }
                        if (sq(p[0]) + sq(p[1] + 20) <= 64 && p[2] > 10) {
                            value = -1000;
                        }
                    }
                    hu[v.index(i, j, k)] = value;
                }
            }
        }
        return v;
    }

    private static double sq(double x) {
        return x * x;
    }
}
