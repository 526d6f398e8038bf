package org.lungcad.model.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.lungcad.model.NoduleType;

/**
 * A whole synthetic case in one call, for the demo and the evaluation: a chest phantom with randomly drawn
 * nodules (4–25 mm; 70 % solid, 15 % part-solid, 10 % ground-glass, 5 % calcified; 60 % smooth, 25 % lobulated,
 * 15 % spiculated) at random positions deep in the lungs. Deterministic for a seed.
 */
public final class SyntheticCases {

    static final double MIN_DIAMETER_MM = 4;
    static final double MAX_DIAMETER_MM = 25;
    /** Room around each position: the largest radius plus a few millimetres of parenchyma. */
    static final double MARGIN_MM = MAX_DIAMETER_MM / 2 + 3;

    private SyntheticCases() {
    }

    /**
     * @return the volume with nodules and their ground truth; fewer nodules than asked when the lungs have no room
     */
    public static SyntheticNoduleInserter.Insertion generate(ChestPhantom.Config phantomConfig, int noduleCount,
                                                            String seriesUid, long seed) {
        if (noduleCount < 0 || noduleCount > 50) {
            throw new IllegalArgumentException("nodule count must be in [0, 50]: " + noduleCount);
        }
        Phantom phantom = ChestPhantom.generate(phantomConfig);
        SplittableRandom rnd = new SplittableRandom(seed);
        List<double[]> positions = phantom.sampleLungPositions(noduleCount, MARGIN_MM, rnd.nextLong());
        List<NoduleSpec> specs = new ArrayList<>();
        for (double[] p : positions) {
            double diameter = MIN_DIAMETER_MM + (MAX_DIAMETER_MM - MIN_DIAMETER_MM) * rnd.nextDouble();
            specs.add(new NoduleSpec(p, Math.round(diameter * 10) / 10.0, type(rnd.nextDouble()), shape(rnd.nextDouble()),
                    rnd.nextLong()));
        }
        return new SyntheticNoduleInserter(SyntheticNoduleInserter.Config.DEFAULT).insert(phantom.volume(), seriesUid, specs);
    }

    private static NoduleType type(double u) {
        return u < 0.70 ? NoduleType.SOLID : u < 0.85 ? NoduleType.PART_SOLID : u < 0.95 ? NoduleType.GROUND_GLASS
                : NoduleType.CALCIFIED;
    }

    private static NoduleSpec.Shape shape(double u) {
        return u < 0.60 ? NoduleSpec.Shape.SMOOTH : u < 0.85 ? NoduleSpec.Shape.LOBULATED : NoduleSpec.Shape.SPICULATED;
    }
}
