package org.lungcad.dicom.report;

import org.lungcad.dicom.series.Vector3;

/** Patient Orientation (0020,0020) letters of a direction in LPS (PS3.3 C.7.6.1.1.1): L/R, P/A, H/F. */
final class PatientOrientation {

    /** Components smaller than this are rounding noise of an axial plane, not obliquity. */
    private static final double NEGLIGIBLE = 1e-3;

    private PatientOrientation() {
    }

    /** The letters of a unit vector, the largest component first, e.g. (1, 0, 0) → "L", (0, 0.7, -0.7) → "PF". */
    static String letters(Vector3 unit) {
        double[] direction = unit.toArray();
        Integer[] axes = {0, 1, 2};
        java.util.Arrays.sort(axes, (a, b) -> Double.compare(Math.abs(direction[b]), Math.abs(direction[a])));
        StringBuilder s = new StringBuilder();
        for (int axis : axes) {
            double c = direction[axis];
            if (Math.abs(c) > NEGLIGIBLE) {
                s.append(switch (axis) {
                    case 0 -> c > 0 ? 'L' : 'R';
                    case 1 -> c > 0 ? 'P' : 'A';
                    default -> c > 0 ? 'H' : 'F';
                });
            }
        }
        return s.toString();
    }
}
