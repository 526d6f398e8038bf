package org.lungcad.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lungcad.model.NoduleType;
import org.lungcad.model.synthetic.GroundTruth;
import org.lungcad.model.synthetic.GroundTruthCsv;
import org.lungcad.model.synthetic.NoduleSpec;
import org.lungcad.model.synthetic.Placement;

/** evaluate buckets by type and, when the ground truth has it, by placement; or by the column asked for. */
class EvaluatePlacementTest {

    @TempDir
    Path dir;

    @Test
    void printsTypeAndPlacementTablesOrTheChosenColumn() throws Exception {
        Path truth = dir.resolve("ground-truth.csv");
        GroundTruthCsv.write(truth, List.of(
                nodule(0, NoduleType.SOLID, Placement.FREE),
                nodule(50, NoduleType.SOLID, Placement.JUXTAPLEURAL),
                nodule(100, NoduleType.GROUND_GLASS, Placement.JUXTAVASCULAR)));
        Path marks = dir.resolve("candidates.csv");
        // the free and the juxtavascular nodule are found, the juxtapleural one is not; one false positive
        Files.writeString(marks, "seriesuid,coordX,coordY,coordZ,probability\n"
                + "1.2.3,0.5,0,0,0.9\n1.2.3,100,0,0,0.8\n1.2.3,-80,0,0,0.7\n");

        CliRun both = CliRun.of("evaluate", "--candidates", marks.toString(), "--annotations", truth.toString());
        assertThat(both.exitCode()).isZero();
        assertThat(both.output()).contains("label  SOLID", "Operating point by placement")
                .containsPattern("placement juxtapleural +1 +0 +0\\.000")
                .containsPattern("placement juxtavascular +1 +1 +1\\.000");

        CliRun chosen = CliRun.of("evaluate", "--candidates", marks.toString(), "--annotations", truth.toString(),
                "--label-column", "placement");
        assertThat(chosen.exitCode()).isZero();
        assertThat(chosen.output()).containsPattern("label +free +1 +1 +1\\.000").doesNotContain("SOLID")
                .doesNotContain("Operating point by placement");

        CliRun missing = CliRun.of("evaluate", "--candidates", marks.toString(), "--annotations", truth.toString(),
                "--label-column", "lobe");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.output()).startsWith("cannot evaluate: no annotations file has a column 'lobe'");
    }

    @Test
    void theProductsReportedMarksAreScoredAsTheyWereReported() throws Exception {
        Path truth = dir.resolve("ground-truth.csv");
        GroundTruthCsv.write(truth, List.of(nodule(0, NoduleType.SOLID, Placement.FREE),
                nodule(50, NoduleType.SOLID, Placement.FREE)));
        Path marks = dir.resolve("candidates.csv");
        // both nodules score above the threshold, but the product reported only the first (a size minimum, a cap)
        Files.writeString(marks, "seriesuid,coordX,coordY,coordZ,probability\n1.2.3,0.5,0,0,0.9\n1.2.3,50,0,0,0.8\n");
        Path reported = dir.resolve("reported.csv");
        Files.writeString(reported, "seriesuid,coordX,coordY,coordZ,probability\n1.2.3,0.5,0,0,0.9\n");

        CliRun run = CliRun.of("evaluate", "--candidates", marks.toString(), "--annotations", truth.toString(),
                "--reported", reported.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.output()).contains("Operating point: score >= 0.5000\n  sensitivity 1.000 (2 of 2 nodules)")
                .contains("Reported by the product (its threshold, size minimums and cap):\n"
                        + "  sensitivity 0.500 (1 of 2 nodules)")
                .contains("Missed nodules (nearest reported mark in the same scan)");
    }

    private static GroundTruth nodule(double x, NoduleType type, Placement placement) {
        return new GroundTruth("1.2.3", new double[] {x, 0, 0}, 8, type, NoduleSpec.Shape.SMOOTH,
                type == NoduleType.GROUND_GLASS ? 0 : 8, 30, 15, 1, placement);
    }
}
