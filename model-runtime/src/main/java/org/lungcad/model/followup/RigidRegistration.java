package org.lungcad.model.followup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lungcad.model.ScanVolume;
import org.lungcad.model.lung.LungMask;

/**
 * Rigid alignment of a prior CT's lungs onto the current CT's, in patient coordinates (each study has its own frame
 * of reference, table position and patient position): iterative closest points between the two lung surfaces, started
 * from the lungs' centroids, the rotation of each step by Horn's closed-form quaternion method (the dominant
 * eigenvector of a 4 × 4 symmetric matrix, by Jacobi rotations), pairs farther than 2.5 × the median distance
 * left out (a lung that breathes or a scan that covers less). The nearest points come from a uniform grid whose cell
 * shrinks from 16 to 4 mm as the alignment tightens. Hand-written: the product has no linear-algebra library, and this
 * needs only 3 × 3 and 4 × 4 matrices. Local refinement around each nodule is the caller's next step.
 */
public final class RigidRegistration {

    /** Surface points used from each study, at most. */
    static final int MAX_POINTS = 20_000;
    private static final int MAX_ITERATIONS = 60;
    private static final double[] CELL_SIZES_MM = {16, 8, 4};

    private RigidRegistration() {
    }

    /** {@code x_current = R · x_prior + t}, R row-major. */
    public record Transform(double[] rotation, double[] translation) {
        public Transform {
            rotation = rotation.clone();
            translation = translation.clone();
        }

        public static Transform identity() {
            return new Transform(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, new double[3]);
        }

        /** A rotation by {@code degrees} about {@code axis} (any length), then the translation. */
        public static Transform of(double[] axis, double degrees, double[] translation) {
            double n = Math.sqrt(axis[0] * axis[0] + axis[1] * axis[1] + axis[2] * axis[2]);
            double x = axis[0] / n;
            double y = axis[1] / n;
            double z = axis[2] / n;
            double c = Math.cos(Math.toRadians(degrees));
            double s = Math.sin(Math.toRadians(degrees));
            double u = 1 - c;
            return new Transform(new double[] {
                u * x * x + c, u * x * y - s * z, u * x * z + s * y,
                u * x * y + s * z, u * y * y + c, u * y * z - s * x,
                u * x * z - s * y, u * y * z + s * x, u * z * z + c}, translation);
        }

        /** The transform back: {@code x = Rᵀ · (y − t)}. */
        public Transform inverse() {
            double[] r = rotation;
            double[] rt = {r[0], r[3], r[6], r[1], r[4], r[7], r[2], r[5], r[8]};
            double[] back = new Transform(rt, new double[3]).apply(translation);
            return new Transform(rt, new double[] {-back[0], -back[1], -back[2]});
        }

        /** The rotation alone applied to a direction. */
        public double[] rotate(double[] direction) {
            return new Transform(rotation, new double[3]).apply(direction);
        }

        public double[] apply(double[] p) {
            double[] r = rotation;
            return new double[] {
                r[0] * p[0] + r[1] * p[1] + r[2] * p[2] + translation[0],
                r[3] * p[0] + r[4] * p[1] + r[5] * p[2] + translation[1],
                r[6] * p[0] + r[7] * p[1] + r[8] * p[2] + translation[2]};
        }

        /** Rotation angle in degrees. */
        public double angleDegrees() {
            double cos = (rotation[0] + rotation[4] + rotation[8] - 1) / 2;
            return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, cos))));
        }

        @Override
        public double[] rotation() {
            return rotation.clone();
        }

        @Override
        public double[] translation() {
            return translation.clone();
        }
    }

    /**
     * @param priorToCurrent maps prior patient coordinates onto the current study's
     * @param rmsMm          root mean square distance of the kept surface pairs at the end
     * @param pairs          surface pairs kept in the last step
     */
    public record Result(Transform priorToCurrent, double rmsMm, int pairs, int iterations) {
    }

    public static Result register(ScanVolume prior, LungMask priorLungs, ScanVolume current, LungMask currentLungs) {
        List<double[]> moving = surface(prior, priorLungs);
        List<double[]> fixed = surface(current, currentLungs);
        if (moving.size() < 100 || fixed.size() < 100) {
            throw new IllegalArgumentException("too little lung surface to register: " + moving.size() + " and "
                    + fixed.size() + " points");
        }
        double[] mc = centroid(moving);
        double[] fc = centroid(fixed);
        Transform t = new Transform(Transform.identity().rotation(), new double[] {fc[0] - mc[0], fc[1] - mc[1],
                fc[2] - mc[2]});
        double rms = Double.NaN;
        int kept = 0;
        int iterations = 0;
        for (double cell : CELL_SIZES_MM) {
            PointGrid grid = new PointGrid(fixed, cell);
            for (int step = 0; step < MAX_ITERATIONS / CELL_SIZES_MM.length; step++) {
                iterations++;
                List<double[][]> pairs = new ArrayList<>();
                double[] distances = new double[moving.size()];
                int n = 0;
                for (double[] p : moving) {
                    double[] q = t.apply(p);
                    double[] nearest = grid.nearest(q);
                    if (nearest != null) {
                        pairs.add(new double[][] {p, nearest});
                        distances[n++] = distance(q, nearest);
                    }
                }
                if (n < 100) {
                    break;
                }
                double[] sorted = Arrays.copyOf(distances, n);
                Arrays.sort(sorted);
                double limit = 2.5 * Math.max(sorted[n / 2], cell / 8);
                List<double[][]> inliers = new ArrayList<>();
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    if (distances[i] <= limit) {
                        inliers.add(pairs.get(i));
                        sum += distances[i] * distances[i];
                    }
                }
                rms = Math.sqrt(sum / inliers.size());
                kept = inliers.size();
                Transform next = fit(inliers);
                double moved = 0;
                for (double[] probe : new double[][] {mc, {mc[0] + 100, mc[1], mc[2]}, {mc[0], mc[1] + 100, mc[2]}}) {
                    moved = Math.max(moved, distance(next.apply(probe), t.apply(probe)));
                }
                t = next;
                if (moved < 0.01) {
                    break;
                }
            }
        }
        return new Result(t, rms, kept, iterations);
    }

    /** Lung voxels with a 6-neighbour outside the lungs, in patient coordinates, evenly thinned to MAX_POINTS. */
    static List<double[]> surface(ScanVolume volume, LungMask lungs) {
        List<int[]> voxels = new ArrayList<>();
        for (int k = 0; k < lungs.depth(); k++) {
            for (int j = 0; j < lungs.height(); j++) {
                for (int i = 0; i < lungs.width(); i++) {
                    if (lungs.contains(i, j, k) && (!lungs.contains(i - 1, j, k) || !lungs.contains(i + 1, j, k)
                            || !lungs.contains(i, j - 1, k) || !lungs.contains(i, j + 1, k)
                            || !lungs.contains(i, j, k - 1) || !lungs.contains(i, j, k + 1))) {
                        voxels.add(new int[] {i, j, k});
                    }
                }
            }
        }
        int stride = Math.max(1, (voxels.size() + MAX_POINTS - 1) / MAX_POINTS);
        List<double[]> points = new ArrayList<>(voxels.size() / stride + 1);
        for (int v = 0; v < voxels.size(); v += stride) {
            int[] ijk = voxels.get(v);
            points.add(volume.toPatient(ijk[0], ijk[1], ijk[2]));
        }
        return points;
    }

    /** The rigid transform that best maps each pair's first point onto its second (least squares). */
    static Transform fit(List<double[][]> pairs) {
        double[] a = new double[3];
        double[] b = new double[3];
        for (double[][] p : pairs) {
            for (int c = 0; c < 3; c++) {
                a[c] += p[0][c];
                b[c] += p[1][c];
            }
        }
        for (int c = 0; c < 3; c++) {
            a[c] /= pairs.size();
            b[c] /= pairs.size();
        }
        double[][] s = new double[3][3];
        for (double[][] p : pairs) {
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    s[r][c] += (p[0][r] - a[r]) * (p[1][c] - b[c]);
                }
            }
        }
        double[] rotation = rotationOf(quaternion(s));
        double[] ra = new Transform(rotation, new double[3]).rotate(a);
        return new Transform(rotation, new double[] {b[0] - ra[0], b[1] - ra[1], b[2] - ra[2]});
    }

    /** Horn (1987): the unit quaternion of the best rotation is N's eigenvector of the largest eigenvalue. */
    private static double[] quaternion(double[][] s) {
        double sxx = s[0][0];
        double sxy = s[0][1];
        double sxz = s[0][2];
        double syx = s[1][0];
        double syy = s[1][1];
        double syz = s[1][2];
        double szx = s[2][0];
        double szy = s[2][1];
        double szz = s[2][2];
        double[][] n = {
            {sxx + syy + szz, syz - szy, szx - sxz, sxy - syx},
            {syz - szy, sxx - syy - szz, sxy + syx, szx + sxz},
            {szx - sxz, sxy + syx, -sxx + syy - szz, syz + szy},
            {sxy - syx, szx + sxz, syz + szy, -sxx - syy + szz}};
        return largestEigenvector(n);
    }

    /** Cyclic Jacobi rotations on a symmetric matrix; returns the unit eigenvector of the largest eigenvalue. */
    static double[] largestEigenvector(double[][] symmetric) {
        int size = symmetric.length;
        double[][] a = new double[size][];
        double[][] v = new double[size][size];
        for (int i = 0; i < size; i++) {
            a[i] = symmetric[i].clone();
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int p = 0; p < size; p++) {
                for (int q = p + 1; q < size; q++) {
                    off += a[p][q] * a[p][q];
                }
            }
            if (off < 1e-30) {
                break;
            }
            for (int p = 0; p < size; p++) {
                for (int q = p + 1; q < size; q++) {
                    if (Math.abs(a[p][q]) < 1e-300) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double sn = t * c;
                    for (int k = 0; k < size; k++) {
                        double akp = a[k][p];
                        double akq = a[k][q];
                        a[k][p] = c * akp - sn * akq;
                        a[k][q] = sn * akp + c * akq;
                    }
                    for (int k = 0; k < size; k++) {
                        double apk = a[p][k];
                        double aqk = a[q][k];
                        a[p][k] = c * apk - sn * aqk;
                        a[q][k] = sn * apk + c * aqk;
                    }
                    for (int k = 0; k < size; k++) {
                        double vkp = v[k][p];
                        double vkq = v[k][q];
                        v[k][p] = c * vkp - sn * vkq;
                        v[k][q] = sn * vkp + c * vkq;
                    }
                }
            }
        }
        int best = 0;
        for (int i = 1; i < size; i++) {
            if (a[i][i] > a[best][best]) {
                best = i;
            }
        }
        double[] e = new double[size];
        double norm = 0;
        for (int k = 0; k < size; k++) {
            e[k] = v[k][best];
            norm += e[k] * e[k];
        }
        norm = Math.sqrt(norm);
        for (int k = 0; k < size; k++) {
            e[k] /= norm;
        }
        return e;
    }

    private static double[] rotationOf(double[] q) {
        double w = q[0];
        double x = q[1];
        double y = q[2];
        double z = q[3];
        return new double[] {
            w * w + x * x - y * y - z * z, 2 * (x * y - w * z), 2 * (x * z + w * y),
            2 * (y * x + w * z), w * w - x * x + y * y - z * z, 2 * (y * z - w * x),
            2 * (z * x - w * y), 2 * (z * y + w * x), w * w - x * x - y * y + z * z};
    }

    private static double[] centroid(List<double[]> points) {
        double[] c = new double[3];
        for (double[] p : points) {
            c[0] += p[0];
            c[1] += p[1];
            c[2] += p[2];
        }
        return new double[] {c[0] / points.size(), c[1] / points.size(), c[2] / points.size()};
    }

    private static double distance(double[] a, double[] b) {
        double dx = a[0] - b[0];
        double dy = a[1] - b[1];
        double dz = a[2] - b[2];
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }

    /** Points binned in cubic cells; the nearest is looked for in a point's cell and its 26 neighbours. */
    private static final class PointGrid {
        private final double cell;
        private final Map<Long, List<double[]>> cells = new HashMap<>();

        PointGrid(List<double[]> points, double cell) {
            this.cell = cell;
            for (double[] p : points) {
                cells.computeIfAbsent(key(bin(p[0]), bin(p[1]), bin(p[2])), k -> new ArrayList<>()).add(p);
            }
        }

        double[] nearest(double[] q) {
            long x = bin(q[0]);
            long y = bin(q[1]);
            long z = bin(q[2]);
            double[] best = null;
            double bestDistance = Double.MAX_VALUE;
            for (long dx = -1; dx <= 1; dx++) {
                for (long dy = -1; dy <= 1; dy++) {
                    for (long dz = -1; dz <= 1; dz++) {
                        List<double[]> in = cells.get(key(x + dx, y + dy, z + dz));
                        if (in == null) {
                            continue;
                        }
                        for (double[] p : in) {
                            double d = distance(p, q);
                            if (d < bestDistance) {
                                bestDistance = d;
                                best = p;
                            }
                        }
                    }
                }
            }
            return best;
        }

        private long bin(double v) {
            return (long) Math.floor(v / cell);
        }

        private static long key(long x, long y, long z) {
            return ((x + 100_000) * 200_003L + (y + 100_000)) * 200_003L + (z + 100_000);
        }
    }
}
