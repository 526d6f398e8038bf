package org.lungcad.dicom.series;

import java.util.Objects;
import java.util.Optional;

/** A position or direction in DICOM patient coordinates (LPS, mm), with the few operations patient geometry needs. */
public record Vector3(double x, double y, double z) {

    /** From the first three values of a DICOM multi-valued attribute (ImagePositionPatient, one half of IOP). */
    public static Vector3 of(double[] values) {
        Objects.requireNonNull(values, "values");
        if (values.length < 3) {
            throw new IllegalArgumentException("a 3-vector needs 3 values, got " + values.length);
        }
        return new Vector3(values[0], values[1], values[2]);
    }

    public double[] toArray() {
        return new double[] {x, y, z};
    }

    public double dot(Vector3 o) {
        return x * o.x + y * o.y + z * o.z;
    }

    public Vector3 cross(Vector3 o) {
        return new Vector3(y * o.z - z * o.y, z * o.x - x * o.z, x * o.y - y * o.x);
    }

    public Vector3 minus(Vector3 o) {
        return new Vector3(x - o.x, y - o.y, z - o.z);
    }

    public Vector3 plus(Vector3 o) {
        return new Vector3(x + o.x, y + o.y, z + o.z);
    }

    public Vector3 times(double factor) {
        return new Vector3(x * factor, y * factor, z * factor);
    }

    public double norm() {
        return Math.sqrt(dot(this));
    }

    /** This direction at unit length; empty when too far from unit length to be a direction cosine. */
    public Optional<Vector3> unit() {
        double n = norm();
        return n > 0.9 && n < 1.1 ? Optional.of(times(1 / n)) : Optional.empty();
    }
}
