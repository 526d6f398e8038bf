package org.lungcad.model.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lungcad.model.evaluation.BucketSensitivity.Grouping;

class OperatingPointTest {

    private static final String A = "1.2.3.1";

    private static ReferenceNodule nodule(double x, double diameter, String label) {
        return new ReferenceNodule(A, new double[] {x, 0, 0}, diameter, label);
    }

    private static Detection mark(double x, double score) {
        return new Detection(A, new double[] {x, 0, 0}, score);
    }

    // solid 4 mm hit, solid 6 mm missed (mark too low), ground-glass 12 mm hit, unlabelled 25 mm hit
    private final List<ReferenceNodule> refs = List.of(nodule(0, 4, "SOLID"), nodule(100, 6, "SOLID"),
            nodule(200, 12, "GROUND_GLASS"), nodule(300, 25, null));
    private final FrocEvaluator eval = FrocEvaluator.of(refs, List.of(),
            List.of(mark(0.5, 0.9), mark(100, 0.2), mark(201, 0.6), mark(300, 0.7), mark(400, 0.95)), 1);

    @Test
    void bucketsByLabelThenBySizeWithTheLowerEdgeInclusive() {
        OperatingPointResult op = eval.atThreshold(0.5);
        assertThat(op.buckets()).containsExactly(
                new BucketSensitivity(Grouping.LABEL, "GROUND_GLASS", 1, 1, 1.0),
                new BucketSensitivity(Grouping.LABEL, "SOLID", 2, 1, 0.5),
                new BucketSensitivity(Grouping.LABEL, FrocEvaluator.UNLABELLED, 1, 1, 1.0),
                new BucketSensitivity(Grouping.SIZE, "<6 mm", 1, 1, 1.0),
                new BucketSensitivity(Grouping.SIZE, "6-10 mm", 1, 0, 0.0),
                new BucketSensitivity(Grouping.SIZE, "10-20 mm", 1, 1, 1.0),
                new BucketSensitivity(Grouping.SIZE, ">=20 mm", 1, 1, 1.0));
        assertThat(op.sensitivity()).isEqualTo(0.75);
        assertThat(op.detected()).isEqualTo(3);
        assertThat(op.fpPerScan()).isEqualTo(1.0);
        assertThat(op.threshold()).isEqualTo(0.5);
    }

    @Test
    void emptySizeBucketsStayWithUndefinedSensitivity() {
        OperatingPointResult op = eval.atThreshold(0.5, List.of(2.5, 50.0));
        List<BucketSensitivity> sizes = op.buckets().stream().filter(b -> b.grouping() == Grouping.SIZE).toList();
        assertThat(sizes).extracting(BucketSensitivity::bucket).containsExactly("<2.5 mm", "2.5-50 mm", ">=50 mm");
        assertThat(sizes.get(0).nodules()).isZero();
        assertThat(sizes.get(0).sensitivity()).isNaN();
        assertThat(sizes.get(1).detected()).isEqualTo(3);
    }

    @Test
    void noLabelBucketsWhenNoNoduleHasALabel() {
        OperatingPointResult op = FrocEvaluator.of(List.of(nodule(0, 8, null)), List.of(), List.of(), 1).atThreshold(0);
        assertThat(op.buckets()).extracting(BucketSensitivity::grouping).containsOnly(Grouping.SIZE);
    }

    @Test
    void everyNoduleIsReportedWithItsHitOrNearestMark() {
        List<MatchedNodule> m = eval.atThreshold(0.5).matches();
        assertThat(m).extracting(MatchedNodule::nodule).containsExactlyElementsOf(refs);
        assertThat(m).extracting(MatchedNodule::hit).containsExactly(true, false, true, true);
        assertThat(m.get(0).distanceMm()).isEqualTo(0.5);
        assertThat(m.get(0).score()).isEqualTo(0.9);
        // the 0.2 mark on the 6 mm nodule is below the threshold; the nearest reported one is the 0.9 at x = 0.5
        assertThat(m.get(1).distanceMm()).isEqualTo(99.5);
        assertThat(m.get(1).score()).isEqualTo(0.9);
        assertThat(eval.atThreshold(0.1).matches().get(1).hit()).isTrue();
    }

    @Test
    void rejectsSizeEdgesOutOfOrder() {
        assertThatThrownBy(() -> eval.atThreshold(0.5, List.of(10.0, 6.0))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void resultsAreImmutable() {
        OperatingPointResult op = eval.atThreshold(0.5);
        assertThatThrownBy(() -> op.buckets().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> eval.froc().curve().clear()).isInstanceOf(UnsupportedOperationException.class);
        double[] centre = refs.get(0).centerLps();
        centre[0] = 42;
        assertThat(refs.get(0).centerLps()[0]).isZero();
    }
}
