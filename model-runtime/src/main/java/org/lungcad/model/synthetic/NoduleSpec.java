package org.lungcad.model.synthetic;

import java.util.Objects;
import org.lungcad.model.NoduleType;

/**
 * A nodule to insert.
 *
 * @param centerLps  centre in patient LPS millimetres; must lie inside the target volume
 * @param diameterMm equivalent-sphere diameter of the nodule body (spicules not counted), 2 to 40 mm
 * @param type       solid, part-solid, ground-glass, or calcified
 * @param shape      margin
 * @param seed       makes shape, texture and noise reproducible
 * @param placement  how the centre was chosen (free, juxtapleural, juxtavascular); recorded in the ground truth
 */
public record NoduleSpec(double[] centerLps, double diameterMm, NoduleType type, Shape shape, long seed,
                         Placement placement) {

    public static final double MIN_DIAMETER_MM = 2;
    public static final double MAX_DIAMETER_MM = 40;

    /** Nodule margin. */
    public enum Shape {
        /** A sphere. */
        SMOOTH,
        /** Low-frequency bumps of about 15 % of the radius, volume kept. */
        LOBULATED,
        /** A slightly lobulated body with thin tapering spicules radiating from it. */
        SPICULATED
    }

    public NoduleSpec {
        Objects.requireNonNull(centerLps, "centerLps");
        if (centerLps.length != 3) {
            throw new IllegalArgumentException("centerLps must have 3 components");
        }
        for (double c : centerLps) {
            if (!Double.isFinite(c)) {
                throw new IllegalArgumentException("centerLps must be finite");
            }
        }
        centerLps = centerLps.clone();
        if (!(diameterMm >= MIN_DIAMETER_MM && diameterMm <= MAX_DIAMETER_MM)) {
            throw new IllegalArgumentException("diameter must be in [" + MIN_DIAMETER_MM + ", " + MAX_DIAMETER_MM + "] mm: " + diameterMm);
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(placement, "placement");
    }

    /** A freely placed nodule (the only kind before placements existed). */
    public NoduleSpec(double[] centerLps, double diameterMm, NoduleType type, Shape shape, long seed) {
        this(centerLps, diameterMm, type, shape, seed, Placement.FREE);
    }

    /** The same nodule at another centre and placement. */
    public NoduleSpec at(double[] center, Placement where) {
        return new NoduleSpec(center, diameterMm, type, shape, seed, where);
    }

    @Override
    public double[] centerLps() {
        return centerLps.clone();
    }
}
