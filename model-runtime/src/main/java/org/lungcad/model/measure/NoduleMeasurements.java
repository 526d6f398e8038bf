package org.lungcad.model.measure;

import java.util.ArrayList;
import java.util.List;
import org.lungcad.model.Nodule;
import org.lungcad.model.NoduleType;
import org.lungcad.model.ScanVolume;

/**
 * What is measured on a segmented nodule.
 *
 * @param centerLps        centroid of the segmentation, patient LPS mm
 * @param longAxisMm       longest in-plane diameter on the axial slice of largest area
 * @param shortAxisMm      longest diameter perpendicular to it on that slice (at most the long axis)
 * @param longAxisStartLps one end of the long axis, patient LPS mm, on that slice (the report draws it there)
 * @param longAxisEndLps   the other end; {@link Nodule#requireLongAxisEnds its distance} to the start is the long axis
 * @param meanDiameterMm   Lung-RADS size: mean of the two, rounded to 0.1 mm
 * @param volumeMm3        voxel count x voxel volume
 * @param meanHu           mean HU inside
 * @param maxHu            maximum HU inside
 * @param solidComponentMm mean axial diameter of the solid part (0 when none)
 * @param solidFraction    volume fraction at or above the solid threshold (lowered for blobs that partial volume
 *                         dims, see {@link PartialVolume})
 * @param type             solid / part-solid / ground-glass / calcified, from the HU fractions and, for small
 *                         blobs, whether the solid core explains the size once the scanner's blur is allowed for
 * @param sphericity       pi^(1/3) (6V)^(2/3) / A in [0, 1], with A the voxel-face area / 1.5 (the mean
 *                         over-count of a voxelised surface)
 * @param elongation       square root of the largest over the smallest principal variance, at least 1
 * @param spiculation      irregularity in [0, 1]: how far the axial outlines fall short of their convex hulls
 * @param fractionInLung   share of the voxels inside the lung mask
 * @param touchesBorder    the segmentation reached the patch border or was not separable (see NoduleSegmentation)
 */
public record NoduleMeasurements(double[] centerLps, double longAxisMm, double shortAxisMm,
                                 double[] longAxisStartLps, double[] longAxisEndLps, double meanDiameterMm,
                                 double volumeMm3, double meanHu, double maxHu, double solidComponentMm,
                                 double solidFraction, NoduleType type, double sphericity, double elongation,
                                 double spiculation, double fractionInLung, boolean touchesBorder) {

    public NoduleMeasurements {
        centerLps = centerLps.clone();
        Nodule.requireLongAxisEnds(longAxisStartLps, longAxisEndLps, longAxisMm);
        longAxisStartLps = longAxisStartLps.clone();
        longAxisEndLps = longAxisEndLps.clone();
    }

    @Override
    public double[] centerLps() {
        return centerLps.clone();
    }

    @Override
    public double[] longAxisStartLps() {
        return longAxisStartLps.clone();
    }

    @Override
    public double[] longAxisEndLps() {
        return longAxisEndLps.clone();
    }

    /** Measures a non-empty segmentation; thresholds for typing come from {@code config}. */
    public static NoduleMeasurements of(NoduleSegmentation seg, SegmenterConfig config) {
        int w = seg.width();
        int h = seg.height();
        int d = seg.depth();
        double sx = seg.scan().spacingX();
        double sy = seg.scan().spacingY();
        double sz = seg.scan().spacingZ();
        byte[] m = seg.mask();
        float[] hu = seg.hu();
        int n = 0;
        int solid = 0;
        int calcified = 0;
        int inLung = 0;
        double sumHu = 0;
        double maxHu = -Double.MAX_VALUE;
        double[] sum = new double[3];
        double[] sq = new double[6];
        long facesX = 0;
        long facesY = 0;
        long facesZ = 0;
        byte[] solidMask = new byte[m.length];
        Axes axes = Axes.largestSlice(m, w, h, d, sx, sy);
        double size = Nodule.meanDiameter(axes.longMm, Math.min(axes.shortMm, axes.longMm));
        double solidThreshold = PartialVolume.solidThresholdHu(config.solidThresholdHu(), size, sz);
        for (int k = 0; k < d; k++) {
            for (int j = 0; j < h; j++) {
                for (int i = 0; i < w; i++) {
                    int v = (k * h + j) * w + i;
                    if (m[v] == 0) {
                        continue;
                    }
                    n++;
                    sumHu += hu[v];
                    maxHu = Math.max(maxHu, hu[v]);
                    if (hu[v] >= solidThreshold) {
                        solid++;
                        solidMask[v] = 1;
                    }
                    if (hu[v] >= config.calcifiedThresholdHu()) {
                        calcified++;
                    }
                    inLung += seg.inLung()[v];
                    double x = i * sx;
                    double y = j * sy;
                    double z = k * sz;
                    sum[0] += x;
                    sum[1] += y;
                    sum[2] += z;
                    sq[0] += x * x;
                    sq[1] += y * y;
                    sq[2] += z * z;
                    sq[3] += x * y;
                    sq[4] += x * z;
                    sq[5] += y * z;
                    facesX += (i == 0 || m[v - 1] == 0 ? 1 : 0) + (i == w - 1 || m[v + 1] == 0 ? 1 : 0);
                    facesY += (j == 0 || m[v - w] == 0 ? 1 : 0) + (j == h - 1 || m[v + w] == 0 ? 1 : 0);
                    facesZ += (k == 0 || m[v - w * h] == 0 ? 1 : 0) + (k == d - 1 || m[v + w * h] == 0 ? 1 : 0);
                }
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("empty segmentation");
        }
        double volume = n * sx * sy * sz;
        double area = (facesX * sy * sz + facesY * sx * sz + facesZ * sx * sy) / 1.5;
        double sphericity = Math.min(1, Math.cbrt(Math.PI) * Math.pow(6 * volume, 2.0 / 3) / area);
        double[] mean = {sum[0] / n, sum[1] / n, sum[2] / n};
        // principal variances; + s^2/12 per axis: a voxel is a uniform box, not a point
        double[] cov = {
            sq[0] / n - mean[0] * mean[0] + sx * sx / 12, sq[1] / n - mean[1] * mean[1] + sy * sy / 12,
            sq[2] / n - mean[2] * mean[2] + sz * sz / 12,
            sq[3] / n - mean[0] * mean[1], sq[4] / n - mean[0] * mean[2], sq[5] / n - mean[1] * mean[2]};
        double[] ev = SymmetricEigen.eigenvalues(cov);
        double elongation = Math.max(1, Math.sqrt(Math.max(ev[0], 1e-12) / Math.max(ev[2], 1e-12)));
        Axes solidAxes = solid == 0 ? null : Axes.largestSlice(solidMask, w, h, d, sx, sy);
        double longAxis = axes.longMm;
        double shortAxis = Math.min(axes.shortMm, longAxis);
        double solidMm = solidAxes == null ? 0 : Math.min(longAxis, (solidAxes.longMm + solidAxes.shortMm) / 2);
        double solidFraction = solid / (double) n;
        NoduleType type = calcified >= 0.5 * n ? NoduleType.CALCIFIED
                : solidFraction >= 0.6 || PartialVolume.rimIsBlur(size, solidMm, sx, sz) ? NoduleType.SOLID
                : solidFraction >= 0.1 && solidMm >= 2 ? NoduleType.PART_SOLID
                : NoduleType.GROUND_GLASS;
        if (type == NoduleType.SOLID || type == NoduleType.CALCIFIED) {
            // the whole nodule; the rounded mean can exceed an unrounded long axis by 0.05 mm
            solidMm = Math.min(longAxis, Nodule.meanDiameter(longAxis, shortAxis));
        } else if (type == NoduleType.GROUND_GLASS) {
            solidMm = 0;
        }
        double[] c = seg.scan().toPatient(seg.i0() + mean[0] / sx, seg.j0() + mean[1] / sy, seg.k0() + mean[2] / sz);
        return new NoduleMeasurements(c, longAxis, shortAxis, axes.patient(seg, axes.start), axes.patient(seg, axes.end),
                Nodule.meanDiameter(longAxis, shortAxis), volume, sumHu / n, maxHu, solidMm, solidFraction, type,
                sphericity, elongation, Irregularity.spiculation(m, w, h, d, sx, sy), inLung / (double) n, seg.touchesBorder());
    }

    /**
     * Long and short axis on the axial slice of largest area; the long axis's end points in patch mm (x, y) on
     * slice {@code k} of the patch.
     */
    private record Axes(double longMm, double shortMm, double[] start, double[] end, int k) {

        static Axes largestSlice(byte[] m, int w, int h, int d, double sx, double sy) {
            int bestK = 0;
            int bestArea = -1;
            for (int k = 0; k < d; k++) {
                int a = 0;
                for (int p = 0; p < w * h; p++) {
                    a += m[k * w * h + p];
                }
                if (a > bestArea) {
                    bestArea = a;
                    bestK = k;
                }
            }
            int base = bestK * w * h;
            List<double[]> edge = new ArrayList<>();
            List<double[]> all = new ArrayList<>();
            for (int j = 0; j < h; j++) {
                for (int i = 0; i < w; i++) {
                    int v = base + j * w + i;
                    if (m[v] == 0) {
                        continue;
                    }
                    double[] q = {i * sx, j * sy};
                    all.add(q);
                    boolean border = i == 0 || j == 0 || i == w - 1 || j == h - 1
                            || m[v - 1] == 0 || m[v + 1] == 0 || m[v - w] == 0 || m[v + w] == 0;
                    if (border) {
                        edge.add(q);
                    }
                }
            }
            double best = 0;
            double[] dir = {1, 0};
            double[] from = edge.get(0);
            for (int a = 0; a < edge.size(); a++) {
                for (int b = a + 1; b < edge.size(); b++) {
                    double dx = edge.get(b)[0] - edge.get(a)[0];
                    double dy = edge.get(b)[1] - edge.get(a)[1];
                    double dd = dx * dx + dy * dy;
                    if (dd > best) {
                        best = dd;
                        dir = new double[] {dx, dy};
                        from = edge.get(a);
                    }
                }
            }
            double len = Math.sqrt(best);
            double[] unit = len > 0 ? new double[] {dir[0] / len, dir[1] / len} : new double[] {1, 0};
            double[] perp = {-unit[1], unit[0]};
            double lo = Double.MAX_VALUE;
            double hi = -Double.MAX_VALUE;
            for (double[] q : all) {
                double t = q[0] * perp[0] + q[1] * perp[1];
                lo = Math.min(lo, t);
                hi = Math.max(hi, t);
            }
            // extreme pixel centres lie between 0 and half a pixel inside the true edge: add half a pixel, and move
            // each end a quarter pixel outwards so that the drawn axis is as long as the reported one
            double pixel = (sx + sy) / 2;
            double[] start = {from[0] - unit[0] * pixel / 4, from[1] - unit[1] * pixel / 4};
            double[] end = {from[0] + dir[0] + unit[0] * pixel / 4, from[1] + dir[1] + unit[1] * pixel / 4};
            return new Axes(len + pixel / 2, hi - lo + pixel / 2, start, end, bestK);
        }

        /** Patient LPS of a point (patch mm) on this slice. */
        double[] patient(NoduleSegmentation seg, double[] xy) {
            ScanVolume scan = seg.scan();
            return scan.toPatient(seg.i0() + xy[0] / scan.spacingX(), seg.j0() + xy[1] / scan.spacingY(), seg.k0() + k);
        }
    }
}
