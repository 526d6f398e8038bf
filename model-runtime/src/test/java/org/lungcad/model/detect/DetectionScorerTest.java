package org.lungcad.model.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.lungcad.model.NoduleType;
import org.lungcad.model.measure.NoduleMeasurements;

class DetectionScorerTest {

    private final DetectionScorer scorer = new DetectionScorer(DetectionScorer.Weights.DEFAULT);

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
        double nodule = scorer.score(blob(0.2, 0.9), measured(0.9, 1.1, false, 1.0));
        double vessel = scorer.score(blob(0.05, 0.4), measured(0.5, 3.0, true, 1.0));
        assertThat(nodule).isGreaterThan(0.9);
        assertThat(vessel).isLessThan(0.1);
        assertThat(scorer.score(blob(0.2, 0.9))).isLessThan(nodule);
    }

    @Test
    void scoreIsMonotoneInEachFeature() {
        NoduleMeasurements m = measured(0.8, 1.3, false, 1.0);
        assertThat(scorer.score(blob(0.3, 0.8), m)).isGreaterThan(scorer.score(blob(0.1, 0.8), m));
        assertThat(scorer.score(blob(0.1, 0.8), measured(0.9, 1.3, false, 1.0)))
                .isGreaterThan(scorer.score(blob(0.1, 0.8), measured(0.6, 1.3, false, 1.0)));
        assertThat(scorer.score(blob(0.1, 0.8), measured(0.8, 1.3, false, 1.0)))
                .isGreaterThan(scorer.score(blob(0.1, 0.8), measured(0.8, 1.3, false, 0.3)));
    }

    @Test
    void operatingPointAcceptsByScoreAndSize() {
        OperatingPoint op = OperatingPoint.DEFAULT;
        assertThat(op.accepts(0.9, 8)).isTrue();
        assertThat(op.accepts(0.2, 8)).isFalse();
        assertThat(op.accepts(0.9, 2)).isFalse();
        assertThat(op.accepts(0.9, 60)).isFalse();
    }
}
