package org.lungcad.model.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real LUNA16 reference files of LIDC-IDRI-0001 (shared data, not in the repository). */
class Lidc0001EvaluationTest {

    private static final String UID = "1.3.6.1.4.1.14519.5.2.1.6279.6001.179049373636438705059720603192";

    private List<ReferenceNodule> refs;
    private List<ExcludedFinding> excluded;

    @BeforeEach
    void readReference() throws IOException {
        Path folder = Path.of(System.getProperty("lungcad.shared.data", "../../shared/data")).resolve("lidc-idri-0001");
        assumeTrue(Files.isRegularFile(folder.resolve("luna16-annotations.csv")),
                "shared data absent at " + folder.toAbsolutePath() + " (set -Dlungcad.shared.data): skipped");
        refs = Luna16Csv.readAnnotations(folder.resolve("luna16-annotations.csv"));
        excluded = Luna16Csv.readExcluded(folder.resolve("luna16-annotations-excluded.csv"));
    }

    private static Detection at(double x, double y, double z, double score) {
        return new Detection(UID, new double[] {x, y, z}, score);
    }

    @Test
    void parsesTheReferenceNoduleAndTheIrrelevantFindings() {
        assertThat(refs).hasSize(1);
        ReferenceNodule n = refs.get(0);
        assertThat(n.seriesUid()).isEqualTo(UID);
        assertThat(n.centerLps()).containsExactly(56.20840547, 86.34341278, -115.8675792);
        assertThat(n.diameterMm()).isCloseTo(23.35, within(0.01));
        assertThat(excluded).hasSize(25).allMatch(e -> e.seriesUid().equals(UID));
        assertThat(excluded.stream().filter(e -> e.diameterMm() < 0)).hasSize(22).allMatch(e -> e.radiusMm() == 5.0);
    }

    @Test
    void markOnTheNoduleCentreIsAHit() {
        FrocEvaluator eval = FrocEvaluator.of(refs, excluded, List.of(at(56.21, 86.34, -115.87, 0.8)), 1);
        MatchedNodule m = eval.atThreshold(0.5).matches().get(0);
        assertThat(m.hit()).isTrue();
        assertThat(m.distanceMm()).isLessThan(0.01);
        assertThat(eval.froc().cpm()).isEqualTo(1.0);
    }

    @Test
    void markTwelveMillimetresAwayIsNotAHitButFallsOnAnotherReadersExcludedMark() {
        Detection off = at(56.21 + 12, 86.34, -115.87, 0.8);
        OperatingPointResult op = FrocEvaluator.of(refs, excluded, List.of(off), 1).atThreshold(0.5);
        assertThat(op.matches().get(0).hit()).isFalse();
        assertThat(op.matches().get(0).distanceMm()).isGreaterThan(refs.get(0).radiusMm());
        // a 23.50 mm single-reader outline of the same nodule lies in the excluded list: the mark is ignored
        assertThat(op.fpPerScan()).isZero();
        assertThat(FrocEvaluator.of(refs, List.of(), List.of(off), 1).atThreshold(0.5).fpPerScan()).isEqualTo(1.0);
    }

    @Test
    void candidatesFileRoundTripScoresTheSame(@TempDir Path dir) throws IOException {
        List<Detection> marks = List.of(at(56.21, 86.34, -115.87, 0.8), at(56.21 + 12, 86.34, -115.87, 0.9),
                at(-100, -100, -200, 0.7));
        Path file = dir.resolve("candidates.csv");
        Luna16Csv.writeCandidates(file, marks);
        FrocEvaluator eval = FrocEvaluator.of(refs, excluded, Luna16Csv.readCandidates(file), 1);
        OperatingPointResult op = eval.atThreshold(0.5);
        assertThat(op.sensitivity()).isEqualTo(1.0);
        assertThat(op.fpPerScan()).isEqualTo(1.0);
        String report = FrocReport.format(eval.froc(), op);
        assertThat(report).contains("1 reference nodules in 1 scans").contains("CPM");
    }
}
