package org.lungcad.model.synthetic;

import java.util.Objects;
import org.lungcad.model.NoduleType;

/**
 * What was inserted, for evaluation: one row of a LUNA16-style annotations file plus the synthetic details.
 *
 * @param seriesUid        the series the nodule was inserted into
 * @param centerLps        centre, patient LPS mm (LUNA16 coordX, coordY, coordZ)
 * @param diameterMm       equivalent-sphere diameter of the body (LUNA16 diameter_mm)
 * @param solidComponentMm diameter of the solid part: the whole nodule for solid and calcified, the core for
 *                         part-solid, 0 for ground-glass
 * @param meanHu           nominal attenuation of the nodule body (of the core for part-solid)
 * @param noiseSdHu        noise SD estimated around the nodule and added to it
 * @param placement        free, juxtapleural or juxtavascular, for per-placement sensitivity
 */
public record GroundTruth(String seriesUid, double[] centerLps, double diameterMm, NoduleType type,
                          NoduleSpec.Shape shape, double solidComponentMm, double meanHu, double noiseSdHu, long seed,
                          Placement placement) {

    public GroundTruth {
        if (seriesUid == null || seriesUid.isBlank() || seriesUid.contains(",")) {
            throw new IllegalArgumentException("series UID must be non-blank and contain no comma: " + seriesUid);
        }
        Objects.requireNonNull(centerLps, "centerLps");
        if (centerLps.length != 3) {
            throw new IllegalArgumentException("centerLps must have 3 components");
        }
        centerLps = centerLps.clone();
        if (!(diameterMm > 0)) {
            throw new IllegalArgumentException("diameter must be positive");
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(shape, "shape");
        if (!(solidComponentMm >= 0 && solidComponentMm <= diameterMm)) {
            throw new IllegalArgumentException("solid component must be in [0, diameter]");
        }
        if (!(noiseSdHu >= 0)) {
            throw new IllegalArgumentException("noise SD must be >= 0");
        }
        Objects.requireNonNull(placement, "placement");
    }

    /** A freely placed nodule's row. */
    public GroundTruth(String seriesUid, double[] centerLps, double diameterMm, NoduleType type,
                       NoduleSpec.Shape shape, double solidComponentMm, double meanHu, double noiseSdHu, long seed) {
        this(seriesUid, centerLps, diameterMm, type, shape, solidComponentMm, meanHu, noiseSdHu, seed, Placement.FREE);
    }

    /** The same row under another series UID (known only once the series is written). */
    public GroundTruth inSeries(String uid) {
        return new GroundTruth(uid, centerLps, diameterMm, type, shape, solidComponentMm, meanHu, noiseSdHu, seed,
                placement);
    }

    @Override
    public double[] centerLps() {
        return centerLps.clone();
    }
}
