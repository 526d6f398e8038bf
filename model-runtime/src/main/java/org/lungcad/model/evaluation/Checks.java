package org.lungcad.model.evaluation;

import java.util.Arrays;
import java.util.Objects;

/** Argument checks shared by the evaluation records. */
final class Checks {

    private Checks() {
    }

    /** A series UID ends up in a CSV cell, so a comma would shift every later column. */
    static String seriesUid(String uid) {
        if (uid == null || uid.isBlank() || uid.contains(",")) {
            throw new IllegalArgumentException("series UID must be non-blank and contain no comma: " + uid);
        }
        return uid;
    }

    /** A defensive copy of a finite 3-vector (patient LPS mm). */
    static double[] point(double[] p) {
        Objects.requireNonNull(p, "centerLps");
        if (p.length != 3 || !Arrays.stream(p).allMatch(Double::isFinite)) {
            throw new IllegalArgumentException("centerLps must be 3 finite numbers: " + Arrays.toString(p));
        }
        return p.clone();
    }

    static double squaredDistance(double[] a, double[] b) {
        double dx = a[0] - b[0];
        double dy = a[1] - b[1];
        double dz = a[2] - b[2];
        return dx * dx + dy * dy + dz * dz;
    }
}
