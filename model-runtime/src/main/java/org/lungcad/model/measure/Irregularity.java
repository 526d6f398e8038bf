package org.lungcad.model.measure;

import java.util.ArrayList;
import java.util.List;

/**
 * Spiculation / lobulation in [0, 1] from how far each axial outline falls short of its convex hull.
 *
 * <p>Per slice: N pixels against the pixel count a convex shape with the same hull would have
 * (hull area / pixel area + half the hull perimeter in pixels + 1, Pick's theorem); the area-weighted
 * shortfall maps 0.05 -> 0 and 0.35 -> 1. Pixelised smooth shapes stay near 0; spikes and lobes leave
 * concavities. A heuristic, not a radiologist's spiculation grade.
 */
final class Irregularity {

    private static final int MIN_PIXELS = 12;

    private Irregularity() {
    }

    static double spiculation(byte[] m, int w, int h, int d, double sx, double sy) {
        double weighted = 0;
        double weights = 0;
        for (int k = 0; k < d; k++) {
            List<double[]> pts = new ArrayList<>();
            for (int j = 0; j < h; j++) {
                for (int i = 0; i < w; i++) {
                    if (m[(k * h + j) * w + i] != 0) {
                        pts.add(new double[] {i * sx, j * sy});
                    }
                }
            }
            if (pts.size() < MIN_PIXELS) {
                continue;
            }
            List<double[]> hull = hull(pts);
            double area = 0;
            double perimeter = 0;
            for (int a = 0; a < hull.size(); a++) {
                double[] p = hull.get(a);
                double[] q = hull.get((a + 1) % hull.size());
                area += p[0] * q[1] - q[0] * p[1];
                perimeter += Math.hypot(q[0] - p[0], q[1] - p[1]);
            }
            area = Math.abs(area) / 2;
            double expected = area / (sx * sy) + perimeter / (sx + sy) + 1;
            double solidity = Math.min(1, pts.size() / expected);
            weighted += (1 - solidity) * pts.size();
            weights += pts.size();
        }
        if (weights == 0) {
            return 0;
        }
        double shortfall = weighted / weights;
        return Math.max(0, Math.min(1, (shortfall - 0.05) / 0.30));
    }

    /** Convex hull (Andrew's monotone chain), counter-clockwise. */
    private static List<double[]> hull(List<double[]> pts) {
        List<double[]> s = new ArrayList<>(pts);
        s.sort((a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
        double[][] out = new double[2 * s.size()][];
        int n = 0;
        for (double[] p : s) {
            while (n >= 2 && cross(out[n - 2], out[n - 1], p) <= 0) {
                n--;
            }
            out[n++] = p;
        }
        for (int a = s.size() - 2, lower = n + 1; a >= 0; a--) {
            double[] p = s.get(a);
            while (n >= lower && cross(out[n - 2], out[n - 1], p) <= 0) {
                n--;
            }
            out[n++] = p;
        }
        List<double[]> hull = new ArrayList<>();
        for (int a = 0; a < n - 1; a++) {
            hull.add(out[a]);
        }
        return hull;
    }

    private static double cross(double[] o, double[] a, double[] b) {
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
    }
}
