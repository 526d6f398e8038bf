package org.lungcad.model.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-made cases with answers worked out on paper (and checked against numpy.interp where noted). */
class FrocEvaluatorTest {

    private static final String A = "1.2.3.1";
    private static final String B = "1.2.3.2";

    private static ReferenceNodule nodule(String uid, double x, double diameter) {
        return new ReferenceNodule(uid, new double[] {x, 0, 0}, diameter);
    }

    private static Detection mark(String uid, double x, double y, double score) {
        return new Detection(uid, new double[] {x, y, 0}, score);
    }

    private static OperatingPointResult everything(List<ReferenceNodule> refs, List<ExcludedFinding> excluded,
                                                   List<Detection> marks, int scans) {
        return FrocEvaluator.of(refs, excluded, marks, scans).atThreshold(Double.NEGATIVE_INFINITY);
    }

    @Test
    void markExactlyOnTheRadiusIsNotAHitAsInTheLuna16Script() {
        // 3-4-5: squared distance 25 equals the squared radius exactly; the script tests dist < r*r
        OperatingPointResult op = everything(List.of(nodule(A, 0, 10)), List.of(), List.of(mark(A, 3, 4, 0.9)), 1);
        assertThat(op.matches().get(0).hit()).isFalse();
        assertThat(op.matches().get(0).distanceMm()).isEqualTo(5.0);
        assertThat(op.fpPerScan()).isEqualTo(1.0);
    }

    @Test
    void markJustInsideTheRadiusIsAHit() {
        OperatingPointResult op = everything(List.of(nodule(A, 0, 10)), List.of(), List.of(mark(A, 3, 3.999, 0.9)), 1);
        assertThat(op.matches().get(0).hit()).isTrue();
        assertThat(op.matches().get(0).distanceMm()).isCloseTo(4.9992, within(1e-4));
        assertThat(op.sensitivity()).isEqualTo(1.0);
        assertThat(op.fpPerScan()).isZero();
    }

    @Test
    void markJustOutsideTheRadiusIsAFalsePositive() {
        OperatingPointResult op = everything(List.of(nodule(A, 0, 10)), List.of(), List.of(mark(A, 5.001, 0, 0.9)), 1);
        assertThat(op.sensitivity()).isZero();
        assertThat(op.fpPerScan()).isEqualTo(1.0);
        assertThat(op.matches().get(0).distanceMm()).isCloseTo(5.001, within(1e-9));
        assertThat(op.matches().get(0).score()).isEqualTo(0.9);
    }

    @Test
    void markInAnotherSeriesIsNeverAHit() {
        OperatingPointResult op = everything(List.of(nodule(A, 0, 10)), List.of(), List.of(mark(B, 0, 0, 0.9)), 2);
        assertThat(op.sensitivity()).isZero();
        assertThat(op.fpPerScan()).isEqualTo(0.5);
        assertThat(op.matches().get(0).distanceMm()).isNaN();
    }

    @Test
    void twoMarksOnOneNoduleCountItOnceWithTheHigherScoreAndNoFalsePositive() {
        FrocEvaluator eval = FrocEvaluator.of(List.of(nodule(A, 0, 10)), List.of(),
                List.of(mark(A, 1, 0, 0.4), mark(A, 0, 2, 0.9)), 1);
        FrocResult froc = eval.froc();
        assertThat(froc.curve()).containsExactly(
                new FrocPoint(Double.POSITIVE_INFINITY, 0, 0), new FrocPoint(0.9, 0, 1.0));
        MatchedNodule m = eval.atThreshold(0.0).matches().get(0);
        assertThat(m.score()).isEqualTo(0.9);
        assertThat(m.distanceMm()).isEqualTo(2.0);
        assertThat(eval.atThreshold(0.0).fpPerScan()).isZero();
        // above the best hit the nodule is missed; the lower mark is not reported either
        assertThat(eval.atThreshold(0.95).matches().get(0).hit()).isFalse();
    }

    @Test
    void markOnAnExcludedFindingIsIgnored() {
        ExcludedFinding irrelevant = new ExcludedFinding(A, new double[] {50, 0, 0}, 4);
        OperatingPointResult op = everything(List.of(nodule(A, 0, 10)), List.of(irrelevant),
                List.of(mark(A, 51.9, 0, 0.9), mark(A, 52.1, 0, 0.8)), 1);
        assertThat(op.fpPerScan()).as("only the mark outside the 2 mm radius is a false positive").isEqualTo(1.0);
        assertThat(op.sensitivity()).isZero();
    }

    @Test
    void excludedFindingWithoutDiameterGetsTheScriptsTenMillimetres() {
        ExcludedFinding irrelevant = new ExcludedFinding(A, new double[] {50, 0, 0}, -1);
        assertThat(irrelevant.radiusMm()).isEqualTo(5.0);
        OperatingPointResult op = everything(List.of(), List.of(irrelevant),
                List.of(mark(A, 54.9, 0, 0.9), mark(A, 55.1, 0, 0.8)), 1);
        assertThat(op.fpPerScan()).isEqualTo(1.0);
    }

    @Test
    void markOnBothANoduleAndAnExcludedFindingIsAHit() {
        ExcludedFinding sameNodule = new ExcludedFinding(A, new double[] {0, 0, 0}, 12);
        OperatingPointResult op = everything(List.of(nodule(A, 0, 10)), List.of(sameNodule),
                List.of(mark(A, 1, 0, 0.9)), 1);
        assertThat(op.sensitivity()).isEqualTo(1.0);
        assertThat(op.fpPerScan()).isZero();
    }

    @Test
    void perfectDetectorHasCpmOne() {
        List<ReferenceNodule> refs = List.of(nodule(A, 0, 10), nodule(A, 40, 6), nodule(B, 0, 20));
        List<Detection> marks = List.of(mark(A, 0, 1, 0.9), mark(A, 40, 0, 0.2), mark(B, 3, 3, 0.7));
        FrocResult froc = FrocEvaluator.of(refs, List.of(), marks, 2).froc();
        assertThat(froc.cpm()).isEqualTo(1.0);
        assertThat(froc.sensitivities()).extracting(SensitivityAt::sensitivity).containsOnly(1.0);
        assertThat(froc.sensitivities()).extracting(SensitivityAt::fpPerScan)
                .containsExactly(0.125, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0);
        assertThat(froc.nodules()).isEqualTo(3);
        assertThat(froc.scans()).isEqualTo(2);
    }

    @Test
    void detectorWithOnlyFalsePositivesHasCpmZero() {
        FrocResult froc = FrocEvaluator.of(List.of(nodule(A, 0, 10)), List.of(),
                List.of(mark(A, 30, 0, 0.9), mark(B, 0, 0, 0.5)), 2).froc();
        assertThat(froc.cpm()).isZero();
    }

    @Test
    void falsePositivesPerScanCountAcrossScansAndAVerticalStepReadsItsTop() {
        // A: FP 0.9, hit 0.8, FP 0.3; B: FP 0.7, FP 0.5
        FrocEvaluator eval = FrocEvaluator.of(List.of(nodule(A, 0, 10)), List.of(), List.of(
                mark(A, 30, 0, 0.9), mark(A, 1, 0, 0.8), mark(A, -30, 0, 0.3),
                mark(B, 0, 0, 0.7), mark(B, 10, 0, 0.5)), 2);
        assertThat(eval.atThreshold(0.5).fpPerScan()).isEqualTo(1.5);
        assertThat(eval.atThreshold(0.5).sensitivity()).isEqualTo(1.0);
        assertThat(eval.atThreshold(0.85).fpPerScan()).isEqualTo(0.5);
        assertThat(eval.atThreshold(0.85).sensitivity()).isZero();

        FrocResult froc = eval.froc();
        assertThat(froc.curve()).extracting(FrocPoint::fpPerScan).containsExactly(0.0, 0.5, 0.5, 1.0, 1.5, 2.0);
        assertThat(froc.curve()).extracting(FrocPoint::sensitivity).containsExactly(0.0, 0.0, 1.0, 1.0, 1.0, 1.0);
        // numpy.interp(0.5, [0, .5, .5, 1, 1.5, 2], [0, 0, 1, 1, 1, 1]) == 1.0
        assertThat(froc.sensitivities()).extracting(SensitivityAt::sensitivity)
                .containsExactly(0.0, 0.0, 1.0, 1.0, 1.0, 1.0, 1.0);
        assertThat(froc.cpm()).isCloseTo(5.0 / 7, within(1e-12));
    }

    @Test
    void sensitivityBetweenCurvePointsIsLinearlyInterpolated() {
        // a hit at 0.9, then a hit and a false positive tied at 0.5: the curve jumps diagonally (0,.5) -> (1,1)
        FrocResult froc = FrocEvaluator.of(List.of(nodule(A, 0, 10), nodule(A, 50, 10)), List.of(),
                List.of(mark(A, 0, 0, 0.9), mark(A, 50, 0, 0.5), mark(A, 100, 0, 0.5)), 1).froc();
        assertThat(froc.sensitivities()).extracting(SensitivityAt::sensitivity)
                .containsExactly(0.5625, 0.625, 0.75, 1.0, 1.0, 1.0, 1.0);
        // numpy: np.interp([.125, .25, .5, 1, 2, 4, 8], [0, 0, 1], [0, .5, 1]).mean()
        assertThat(froc.cpm()).isCloseTo(0.8482142857142857, within(1e-12));
    }

    @Test
    void marksBeyondTheCapPerScanAreNotScoredAndTiesAtTheCutAreDropped() {
        List<ReferenceNodule> none = List.of();
        List<Detection> marks = List.of(mark(A, 0, 0, 0.9), mark(A, 10, 0, 0.8), mark(A, 20, 0, 0.7));
        assertThat(FrocEvaluator.of(none, List.of(), marks, 1, 2).atThreshold(0).fpPerScan()).isEqualTo(2.0);
        List<Detection> tied = List.of(mark(A, 0, 0, 0.9), mark(A, 10, 0, 0.8), mark(A, 20, 0, 0.8));
        assertThat(FrocEvaluator.of(none, List.of(), tied, 1, 2).atThreshold(0).fpPerScan()).isEqualTo(1.0);
        assertThat(FrocEvaluator.of(none, List.of(), tied, 1).atThreshold(0).fpPerScan()).isEqualTo(3.0);
    }

    @Test
    void rejectsFewerScansThanSeriesSeen() {
        assertThatThrownBy(() -> FrocEvaluator.of(List.of(nodule(A, 0, 10)), List.of(), List.of(mark(B, 0, 0, 1)), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 series");
    }

    @Test
    void noReferenceNodulesGiveUndefinedSensitivityButAnFpRate() {
        FrocEvaluator eval = FrocEvaluator.of(List.of(), List.of(), List.of(mark(A, 0, 0, 0.9)), 4);
        assertThat(eval.froc().cpm()).isNaN();
        assertThat(eval.atThreshold(0.5).fpPerScan()).isEqualTo(0.25);
        assertThat(eval.atThreshold(0.5).sensitivity()).isNaN();
    }
}
