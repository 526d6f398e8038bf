package org.lungcad.model.synthetic;

import java.util.SplittableRandom;
import org.lungcad.model.NoduleType;

/** HU inside a synthetic nodule: a nominal value per component plus a gentle low-frequency texture. */
final class Attenuation {

    private final double coreHu;
    private final double haloHu;
    private final double coreTexture;
    private final double haloTexture;
    private final double[][] waves;
    private final double[] phases;
    private final double wavelengthMm;

    private Attenuation(double coreHu, double haloHu, double coreTexture, double haloTexture, double diameterMm,
                        SplittableRandom rnd) {
        this.coreHu = coreHu;
        this.haloHu = haloHu;
        this.coreTexture = coreTexture;
        this.haloTexture = haloTexture;
        this.wavelengthMm = Math.max(3, diameterMm / 2);
        waves = new double[3][];
        phases = new double[3];
        for (int w = 0; w < 3; w++) {
            waves[w] = NoduleShapeModel.randomUnit(rnd);
            phases[w] = 2 * Math.PI * rnd.nextDouble();
        }
    }

    static Attenuation draw(NoduleType type, double diameterMm, SplittableRandom rnd) {
        double solid = 15 + 30 * rnd.nextDouble();
        double glass = -600 + 200 * rnd.nextDouble();
        return switch (type) {
            case SOLID -> new Attenuation(solid, solid, 8, 8, diameterMm, rnd);
            case GROUND_GLASS -> new Attenuation(glass, glass, 25, 25, diameterMm, rnd);
            case PART_SOLID -> new Attenuation(solid, glass, 8, 25, diameterMm, rnd);
            case CALCIFIED -> {
                double calc = 300 + 400 * rnd.nextDouble();
                yield new Attenuation(calc, calc, 30, 30, diameterMm, rnd);
            }
        };
    }

    /** Nominal HU of the nodule (of its solid core when it has one). */
    double nominalHu() {
        return coreHu;
    }

    /** HU at an offset (mm) from the centre; {@code core} selects the solid core of a part-solid nodule. */
    double hu(double x, double y, double z, boolean core) {
        double t = 0;
        for (int w = 0; w < 3; w++) {
            t += Math.sin(2 * Math.PI * (x * waves[w][0] + y * waves[w][1] + z * waves[w][2]) / wavelengthMm + phases[w]);
        }
        t /= Math.sqrt(3);
        return core ? coreHu + coreTexture * t : haloHu + haloTexture * t;
    }
}
