package org.lungcad.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lungcad.model.evaluation.Luna16Csv;
import org.lungcad.model.synthetic.GroundTruthCsv;

/** synthesize (small phantom) → analyze → evaluate, through the command line as an operator runs it. */
class PhantomRoundTripTest {

    @TempDir
    Path work;

    @Test
    void synthesizeAnalyzeEvaluate() throws Exception {
        Path synth = work.resolve("synth");
        Path results = work.resolve("results");

        CliRun made = CliRun.of("synthesize", "--phantom-size", "SMALL", "--nodules", "3", "--seed", "5",
                "--output", synth.toString());
        assertThat(made.exitCode()).isZero();
        assertThat(GroundTruthCsv.read(synth.resolve("ground-truth.csv"))).hasSize(3);
        try (var files = Files.list(synth.resolve("dicom"))) {
            assertThat(files.count()).isEqualTo(64);
        }

        CliRun analysed = CliRun.of("analyze", "--input", synth.resolve("dicom").toString(), "--output",
                results.toString(), "--all-candidates", "--storage", CliRun.STORAGE.toString());
        assertThat(analysed.exitCode()).isZero();
        assertThat(analysed.output()).contains("1 analysed, 0 skipped, 0 failed", "detect.candidates", "total");

        JsonNode root = new ObjectMapper().readTree(results.resolve("findings.json").toFile());
        assertThat(fieldNames(root)).containsExactly("series");
        JsonNode series = root.get("series");
        assertThat(series).hasSize(1);
        JsonNode s = series.get(0);
        // an analysed series has no reason fields; timings are the node's REST list of {stage, millis}
        assertThat(fieldNames(s)).containsExactly("seriesInstanceUid", "studyInstanceUid", "status", "timingsMs",
                "totalMs", "findings", "candidates", "algorithm");
        assertThat(s.get("status").asText()).isEqualTo("analysed");
        // labelled as the SR is: algorithm, version and the operating point's parameters
        assertThat(s.get("algorithm").asText()).startsWith("LungCAD Nodule Detector").contains("minSolid=4.0mm");
        assertThat(s.get("totalMs").asLong()).isPositive();
        List<String> stages = new ArrayList<>();
        s.get("timingsMs").forEach(t -> {
            assertThat(fieldNames(t)).containsExactly("stage", "millis");
            stages.add(t.get("stage").asText());
        });
        assertThat(stages).startsWith("qualify", "load").contains("detect.candidates", "score").endsWith("report");
        assertThat(s.get("findings").isArray()).isTrue();
        for (JsonNode f : s.get("findings")) {
            assertThat(fieldNames(f)).containsExactly("id", "centerLpsMm", "longAxisMm", "shortAxisMm",
                    "meanDiameterMm", "volumeMm3", "meanHu", "type", "lobe", "detectionScore", "malignancyProbability",
                    "malignancyFactors", "lungRads");
            assertThat(f.get("centerLpsMm")).hasSize(3);
        }
        for (JsonNode c : s.get("candidates")) {
            assertThat(fieldNames(c)).contains("centerLpsMm", "detectionScore", "diameterMm", "reported");
        }
        // the candidates file holds every candidate, in LUNA16 format
        assertThat(Files.readAllLines(results.resolve("candidates.csv")).get(0)).isEqualTo(Luna16Csv.CANDIDATES_HEADER);
        assertThat(Luna16Csv.readCandidates(results.resolve("candidates.csv"))).hasSize(s.get("candidates").size());
        String uid = s.get("seriesInstanceUid").asText();
        assertThat(Files.isDirectory(results.resolve(uid).resolve("dicom"))).isTrue();

        CliRun evaluated = CliRun.of("evaluate", "--candidates", results.resolve("candidates.csv").toString(),
                "--annotations", synth.resolve("ground-truth.csv").toString());
        assertThat(evaluated.exitCode()).isZero();
        assertThat(evaluated.output()).containsPattern("(?m)^  CPM\\s+\\d\\.\\d{3}$")
                .contains("3 reference nodule(s)", "1 scan(s)", "Operating point: score >= 0.5000", "label  SOLID");
    }

    @Test
    void evaluateRefusesAMissingFileInOneLine() {
        CliRun run = CliRun.of("evaluate", "--candidates", work.resolve("none.csv").toString(), "--annotations",
                work.resolve("none.csv").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).startsWith("cannot evaluate: no such file").doesNotContain("Exception");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
