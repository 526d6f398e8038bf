package org.lungcad.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lungcad.dicom.report.ReviewSheet;
import org.lungcad.server.analysis.FindingSummary;
import org.lungcad.server.offline.FindingsFile;
import javax.imageio.ImageIO;

/**
 * The real LIDC-IDRI-0001 CT through {@code analyze} and {@code evaluate} against its LUNA16 reference. One analysis
 * for the class (about 20 s on two cores); skipped where the shared data is absent.
 */
class LidcAnalyzeTest {

    /** LUNA16 reference nodule of LIDC-IDRI-0001: centre (LPS mm) and diameter. */
    static final double[] NODULE = {56.21, 86.34, -115.87};
    static final double NODULE_DIAMETER_MM = 23.35;

    static final Path CASE = CliRun.SHARED.resolve("lidc-idri-0001");

    @TempDir
    static Path results;

    static CliRun analysed;

    @BeforeAll
    static void analyseOnce() {
        if (Files.isDirectory(CASE.resolve("series"))) {
            analysed = CliRun.of("analyze", "--input", CASE.resolve("series").toString(), "--output",
                    results.toString(), "--storage", CliRun.STORAGE.toString());
        }
    }

    /** Per test rather than in {@code @BeforeAll}, so that the report lists each skipped test with the reason. */
    @BeforeEach
    void requireSharedData() {
        assumeTrue(analysed != null,
                "shared data absent at " + CASE.toAbsolutePath() + " (set -Dlungcad.shared.data): skipped");
    }

    @Test
    void findsTheLuna16NoduleWithinItsRadius() throws Exception {
        assertThat(analysed.exitCode()).isZero();
        FindingsFile file = FindingsFile.read(results.resolve("findings.json"));
        assertThat(file.series()).hasSize(1);
        FindingsFile.SeriesEntry series = file.series().get(0);
        assertThat(series.status()).isEqualTo(FindingsFile.Status.ANALYSED);
        assertThat(series.findings()).anySatisfy(f ->
                assertThat(distance(f)).isLessThan(NODULE_DIAMETER_MM / 2));
        assertThat(analysed.output()).contains("Nodule 1", "detect.lung-mask", "total");
        // the reported marks for evaluate --reported: the findings, one row each
        assertThat(Files.readAllLines(results.resolve("reported.csv"))).hasSize(1 + series.findings().size())
                .first().isEqualTo("seriesuid,coordX,coordY,coordZ,probability");
    }

    @Test
    void evaluationAgainstLuna16HasFullSensitivityAtTheOperatingPoint() {
        CliRun run = CliRun.of("evaluate", "--candidates", results.resolve("candidates.csv").toString(),
                "--annotations", CASE.resolve("luna16-annotations.csv").toString(),
                "--excluded", CASE.resolve("luna16-annotations-excluded.csv").toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.output()).contains("sensitivity 1.000 (1 of 1 nodules)").containsPattern("(?m)^  CPM\\s+");
    }

    @Test
    void reviewShowsTheNoduleOnAllThreeCropsOfItsSheet() throws Exception {
        Path sheets = results.resolve("review");
        CliRun run = CliRun.of("review", "--input", CASE.resolve("series").toString(), "--findings",
                results.toString(), "--output", sheets.toString());
        assertThat(run.exitCode()).isZero();
        FindingsFile.SeriesEntry series = FindingsFile.read(results.resolve("findings.json")).series().get(0);
        assertThat(series.algorithm()).startsWith("LungCAD Nodule Detector");
        BufferedImage sheet = ImageIO.read(sheets.resolve(series.seriesInstanceUid() + "-review-1.png").toFile());
        // three header lines: series and sheet, algorithm, what is shown; the nodule (+90 HU) is the first mark
        for (ReviewSheet.View view : ReviewSheet.View.values()) {
            int[] tile = ReviewSheet.tileOrigin(3, 0, view);
            int rgb = sheet.getRGB(tile[0] + ReviewSheet.TILE_PX / 2, tile[1] + ReviewSheet.TILE_PX / 2);
            assertThat(rgb & 0xff).as(view.name()).isGreaterThan(200);
        }
        assertThat(run.output()).contains("computer-aided detection, not a diagnosis", "1 sheet(s) written");
    }

    private static double distance(FindingSummary f) {
        double[] c = f.centerLpsMm();
        return Math.sqrt(Math.pow(c[0] - NODULE[0], 2) + Math.pow(c[1] - NODULE[1], 2) + Math.pow(c[2] - NODULE[2], 2));
    }
}
