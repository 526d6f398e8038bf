package org.lungcad.model.followup;

import java.util.Objects;
import org.lungcad.model.ScanVolume;

/**
 * Refines where a prior nodule lies in the current study, after the rigid lung alignment: the lungs move and breathe
 * differently, so a 40 mm cube of the prior around the nodule is compared with the current scan under the rigid
 * transform plus a translation, searched within ±{@link #SEARCH_MM} mm (coarse 2 mm steps, then 0.5 mm), by normalised
 * cross-correlation of HU (trilinear samples every 2 mm). The best translation moves the mapped centre.
 *
 * @param currentCentreLpsMm where the prior nodule's centre is in the current study
 * @param shiftMm            the translation added to the rigid mapping
 * @param correlation        its normalised cross-correlation, −1..1 (below about 0.5 the match is doubtful)
 */
public record LocalRefinement(double[] currentCentreLpsMm, double[] shiftMm, double correlation) {

    /** Half the cube's edge. */
    static final double HALF_SIZE_MM = 20;
    /** Largest translation searched in each axis. */
    static final double SEARCH_MM = 8;
    private static final double SAMPLE_MM = 2;

    public LocalRefinement {
        currentCentreLpsMm = currentCentreLpsMm.clone();
        shiftMm = shiftMm.clone();
    }

    @Override
    public double[] currentCentreLpsMm() {
        return currentCentreLpsMm.clone();
    }

    @Override
    public double[] shiftMm() {
        return shiftMm.clone();
    }

    public static LocalRefinement refine(ScanVolume prior, ScanVolume current,
                                         RigidRegistration.Transform priorToCurrent, double[] priorCentreLpsMm) {
        Objects.requireNonNull(priorCentreLpsMm, "priorCentreLpsMm");
        int n = (int) Math.round(2 * HALF_SIZE_MM / SAMPLE_MM) + 1;
        // where each sample falls in the current scan's voxels under the rigid mapping; a shift in mm is then one
        // voxel offset for all of them (the voxel grid is affine)
        double[][] mapped = new double[n * n * n][];
        double[] values = new double[n * n * n];
        int s = 0;
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                for (int c = 0; c < n; c++) {
                    double[] p = {priorCentreLpsMm[0] - HALF_SIZE_MM + a * SAMPLE_MM,
                        priorCentreLpsMm[1] - HALF_SIZE_MM + b * SAMPLE_MM,
                        priorCentreLpsMm[2] - HALF_SIZE_MM + c * SAMPLE_MM};
                    double[] v = prior.toVoxel(p);
                    values[s] = prior.trilinear(v[0], v[1], v[2]);
                    mapped[s] = current.toVoxel(priorToCurrent.apply(p));
                    s++;
                }
            }
        }
        double[] best = {0, 0, 0};
        double bestScore = correlation(current, mapped, values, best);
        for (double step : new double[] {2, 0.5}) {
            double reach = step == 2 ? SEARCH_MM : 2;
            double[] centre = best.clone();
            for (double dx = -reach; dx <= reach + 1e-9; dx += step) {
                for (double dy = -reach; dy <= reach + 1e-9; dy += step) {
                    for (double dz = -reach; dz <= reach + 1e-9; dz += step) {
                        double[] shift = {centre[0] + dx, centre[1] + dy, centre[2] + dz};
                        if (Math.abs(shift[0]) > SEARCH_MM || Math.abs(shift[1]) > SEARCH_MM
                                || Math.abs(shift[2]) > SEARCH_MM) {
                            continue;
                        }
                        double score = correlation(current, mapped, values, shift);
                        if (score > bestScore) {
                            bestScore = score;
                            best = shift;
                        }
                    }
                }
            }
        }
        double[] centre = priorToCurrent.apply(priorCentreLpsMm);
        return new LocalRefinement(new double[] {centre[0] + best[0], centre[1] + best[1], centre[2] + best[2]},
                best, bestScore);
    }

    private static double correlation(ScanVolume current, double[][] mappedVoxels, double[] values, double[] shift) {
        double[] o = current.origin();
        double[] d = current.toVoxel(new double[] {o[0] + shift[0], o[1] + shift[1], o[2] + shift[2]});
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        int m = values.length;
        for (int i = 0; i < m; i++) {
            double[] v = mappedVoxels[i];
            double y = current.trilinear(v[0] + d[0], v[1] + d[1], v[2] + d[2]);
            double x = values[i];
            sx += x;
            sy += y;
            sxx += x * x;
            syy += y * y;
            sxy += x * y;
        }
        double cov = sxy - sx * sy / m;
        double vx = sxx - sx * sx / m;
        double vy = syy - sy * sy / m;
        return vx <= 0 || vy <= 0 ? -1 : cov / Math.sqrt(vx * vy);
    }
}
