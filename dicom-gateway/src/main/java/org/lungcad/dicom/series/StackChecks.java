package org.lungcad.dicom.series;

import static org.lungcad.dicom.series.SeriesQualifier.deg;
import static org.lungcad.dicom.series.SeriesQualifier.mm;
import static org.lungcad.dicom.series.SeriesQualifier.reject;

import java.util.Arrays;
import java.util.List;
import org.lungcad.dicom.series.SeriesQualifier.Rejection;

/**
 * The checks on the stack of slices sorted along the normal: distinct positions, count, shear (tilt),
 * spacing range, gaps, even spacing and coverage. The nominal spacing is the median step, so that one
 * gap or one odd step cannot distort it.
 */
final class StackChecks {

    private static final double DUPLICATE_POSITION_MM = 0.01;

    private final QualificationRules rules;
    private final List<InstanceHeader> sorted;
    private final Vector3 normal;
    private final double[] positions;

    StackChecks(QualificationRules rules, List<InstanceHeader> sorted, Vector3 normal) {
        this.rules = rules;
        this.sorted = sorted;
        this.normal = normal;
        this.positions = sorted.stream().mapToDouble(h -> h.imagePositionPatient().dot(normal)).toArray();
    }

    /** Runs the checks and returns the slice spacing of the regular grid in mm. */
    double check() throws Rejection {
        int n = positions.length;
        for (int k = 1; k < n; k++) {
            if (positions[k] - positions[k - 1] < DUPLICATE_POSITION_MM) {
                throw reject(SkipReason.DUPLICATE_SLICE_POSITION,
                        "two images (SOP instances %s and %s) are at the same slice position %s mm: the series "
                                + "mixes reconstructions or repeats slices",
                        sorted.get(k - 1).instance().sopInstanceUid(), sorted.get(k).instance().sopInstanceUid(),
                        mm(positions[k]));
            }
        }
        if (n < rules.minSlices()) {
            throw reject(SkipReason.TOO_FEW_SLICES, "the series has %d slice(s); at least %d are needed", n, rules.minSlices());
        }
        checkShear();
        double[] steps = new double[n - 1];
        for (int k = 1; k < n; k++) {
            steps[k - 1] = positions[k] - positions[k - 1];
        }
        double spacing = median(steps);
        if (spacing < rules.minSliceSpacingMm() || spacing > rules.maxSliceSpacingMm()) {
            throw reject(SkipReason.SLICE_SPACING_OUT_OF_RANGE,
                    "slice spacing %s mm (measured from the slice positions) is outside the accepted %s–%s mm",
                    mm(spacing), mm(rules.minSliceSpacingMm()), mm(rules.maxSliceSpacingMm()));
        }
        checkSteps(steps, spacing);
        double coverage = positions[n - 1] - positions[0] + spacing;
        if (coverage < rules.minCoverageMm()) {
            throw reject(SkipReason.INSUFFICIENT_COVERAGE,
                    "the series covers %s mm along the body axis (%d slices × %s mm); at least %s mm is needed to include the lungs",
                    mm(coverage), n, mm(spacing), mm(rules.minCoverageMm()));
        }
        // the grid spacing is the mean step: with gaps and uneven steps excluded it places the last slice exactly
        return (positions[n - 1] - positions[0]) / (n - 1);
    }

    /** A tilted gantry shows as slice positions that advance at an angle to the slice normal. */
    private void checkShear() throws Rejection {
        Vector3 first = sorted.get(0).imagePositionPatient();
        Vector3 step = sorted.get(sorted.size() - 1).imagePositionPatient().minus(first);
        double angle = Math.toDegrees(Math.acos(Math.min(1, Math.abs(step.dot(normal)) / step.norm())));
        if (angle > rules.maxGantryTiltDegrees()) {
            throw reject(SkipReason.GANTRY_TILT,
                    "the slice positions advance at %s° to the slice normal (tilted gantry or sheared geometry); "
                            + "at most %s° is accepted", deg(angle), deg(rules.maxGantryTiltDegrees()));
        }
    }

    private void checkSteps(double[] steps, double spacing) throws Rejection {
        double tolerance = rules.spacingTolerance(spacing);
        int missing = 0;
        int firstGap = -1;
        int firstUneven = -1;
        for (int k = 0; k < steps.length; k++) {
            long multiple = Math.round(steps[k] / spacing);
            if (multiple >= 2 && Math.abs(steps[k] - multiple * spacing) <= tolerance * multiple) {
                missing += (int) multiple - 1;
                firstGap = firstGap < 0 ? k : firstGap;
            } else if (Math.abs(steps[k] - spacing) > tolerance) {
                firstUneven = firstUneven < 0 ? k : firstUneven;
            }
        }
        if (missing > 0) {
            throw reject(SkipReason.MISSING_SLICES,
                    "%d slice(s) missing: a %s mm gap between slice positions %s and %s mm where the spacing is %s mm",
                    missing, mm(steps[firstGap]), mm(positions[firstGap]), mm(positions[firstGap + 1]), mm(spacing));
        }
        if (firstUneven >= 0) {
            throw reject(SkipReason.INCONSISTENT_SPACING,
                    "slice spacing is uneven: a %s mm step between slice positions %s and %s mm where %s ± %s mm is expected",
                    mm(steps[firstUneven]), mm(positions[firstUneven]), mm(positions[firstUneven + 1]), mm(spacing),
                    mm(tolerance));
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }
}
