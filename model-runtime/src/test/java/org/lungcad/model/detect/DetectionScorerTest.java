package org.lungcad.model.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.lungcad.model.NoduleType;
import org.lungcad.model.measure.NoduleMeasurements;

class DetectionScorerTest {

    private final DetectionScorer scorer = new DetectionScorer(DetectionScorer.Weights.DEFAULT);

    /** Nothing leaves the blob. */
    private static final ShellStructure FREE = new ShellStructure(5.3, 0, 0, 0, false);

    private static Candidate blob(double response, double blobRatio) {
        return new Candidate(new double[] {1, 2, 3}, new double[] {1, 2, 3}, 2, 7, response, blobRatio, 0.9, 20);
    }

    private static NoduleMeasurements measured(double sphericity, double elongation, boolean leak, double inLung) {
        return new NoduleMeasurements(new double[] {1, 2, 3}, 8, 7, new double[] {-3, 2, 3}, new double[] {5, 2, 3},
                7.5, 200, 0, 40, 7.5, 0.9, NoduleType.SOLID,
                sphericity, elongation, 0.1, inLung, leak);
    }

    @Test
    void roundCompactBlobScoresHighAndVesselLikeLow() {
        double nodule = scorer.score(blob(0.2, 0.9), measured(0.9, 1.1, false, 1.0), FREE);
        double vessel = scorer.score(blob(0.05, 0.4), measured(0.5, 3.0, true, 1.0), FREE);
        assertThat(nodule).isGreaterThan(0.9);
        assertThat(vessel).isLessThan(0.1);
        assertThat(scorer.score(blob(0.2, 0.9))).isLessThan(nodule);
    }

    @Test
    void scoreIsMonotoneInEachFeature() {
        NoduleMeasurements m = measured(0.8, 1.3, false, 1.0);
        assertThat(scorer.score(blob(0.3, 0.8), m, FREE)).isGreaterThan(scorer.score(blob(0.1, 0.8), m, FREE));
        assertThat(scorer.score(blob(0.1, 0.8), measured(0.9, 1.3, false, 1.0), FREE))
                .isGreaterThan(scorer.score(blob(0.1, 0.8), measured(0.6, 1.3, false, 1.0), FREE));
        assertThat(scorer.score(blob(0.1, 0.8), measured(0.8, 1.3, false, 1.0), FREE))
                .isGreaterThan(scorer.score(blob(0.1, 0.8), measured(0.8, 1.3, false, 0.3), FREE));
    }

    @Test
    void aSmallBlobWithThreeOrMoreBranchesIsAJunctionAndScoresLower() {
        NoduleMeasurements small = measured(0.8, 1.3, false, 1.0);
        double free = scorer.score(blob(0.1, 0.7), small, FREE);
        double onOneVessel = scorer.score(blob(0.1, 0.7), small, new ShellStructure(5.3, 2, 0.4, 0.05, true));
        double junction = scorer.score(blob(0.1, 0.7), small, new ShellStructure(5.3, 4, 0.8, 0.12, false));
        assertThat(onOneVessel).isEqualTo(free);
        assertThat(junction).isLessThan(free);
        // a large nodule's shell crosses what it abuts: no junction penalty from 10 mm
        NoduleMeasurements large = new NoduleMeasurements(new double[] {1, 2, 3}, 24, 23, new double[] {-11, 2, 3},
                new double[] {13, 2, 3}, 23.5, 6000, 0, 40, 23.5, 0.9, NoduleType.SOLID, 0.8, 1.3, 0.1, 1.0, false);
        assertThat(scorer.score(blob(0.1, 0.7), large, new ShellStructure(13.3, 7, 0.8, 0.2, true)))
                .isEqualTo(scorer.score(blob(0.1, 0.7), large, FREE));
    }

    @Test
    void operatingPointAcceptsByScoreAndSizeForTheType() {
        OperatingPoint op = OperatingPoint.DEFAULT;
        assertThat(op.accepts(0.9, 8, NoduleType.SOLID)).isTrue();
        assertThat(op.accepts(0.2, 8, NoduleType.SOLID)).isFalse();
        assertThat(op.accepts(0.9, 2, NoduleType.SOLID)).isFalse();
        assertThat(op.accepts(0.9, 60, NoduleType.SOLID)).isFalse();
        // the intended use: solid (and calcified) from 4 mm, subsolid from 5 mm (6 mm less under-measurement)
        assertThat(op.accepts(0.9, 4.0, NoduleType.SOLID)).isTrue();
        assertThat(op.accepts(0.9, 3.9, NoduleType.CALCIFIED)).isFalse();
        assertThat(op.accepts(0.9, 4.9, NoduleType.GROUND_GLASS)).isFalse();
        assertThat(op.accepts(0.9, 4.9, NoduleType.PART_SOLID)).isFalse();
        assertThat(op.accepts(0.9, 5.0, NoduleType.PART_SOLID)).isTrue();
        // a site may report every type from 3 mm
        OperatingPoint all = new OperatingPoint(0.5, 10, 3, 40, OperatingPoint.MinimumSize.all(3));
        assertThat(all.accepts(0.9, 3.0, NoduleType.GROUND_GLASS)).isTrue();
        assertThat(all.describe()).contains("ground-glass from 3 mm");
    }
}
