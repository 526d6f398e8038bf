package org.lungcad.server.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lungcad.dicom.series.CompletedSeries;
import org.lungcad.dicom.series.QualificationRules;
import org.lungcad.dicom.series.QualifiedSeries;
import org.lungcad.dicom.series.SeriesQualifier;
import org.lungcad.dicom.series.SkipReason;
import org.lungcad.dicom.series.Vector3;
import org.lungcad.dicom.volume.CtSeriesSpec;
import org.lungcad.dicom.volume.CtSeriesWriter;
import org.lungcad.dicom.volume.CtVolumeLoader;
import org.lungcad.dicom.volume.StudyIdentity;
import org.lungcad.model.NoduleType;
import org.lungcad.model.ScanVolume;
import org.lungcad.model.engine.DetectorRuntime;
import org.lungcad.model.synthetic.ChestPhantom;
import org.lungcad.model.synthetic.GroundTruth;
import org.lungcad.model.synthetic.SyntheticCases;
import org.lungcad.model.synthetic.SyntheticNoduleInserter;
import org.lungcad.server.offline.DicomFolder;
import org.lungcad.server.testing.TestEngine;

/** The one runner of the node and of {@code analyze}, on real DICOM files written by the gateway. */
class SeriesRunnerTest {

    @TempDir
    static Path work;
    private static DetectorRuntime runtime;
    private static SeriesRunner runner;
    private static CompletedSeries phantom;
    private static List<GroundTruth> truth;

    @BeforeAll
    static void writePhantom() throws IOException {
        runtime = TestEngine.runtime();
        runner = SeriesRunner.withDefaultRules(runtime);
        SyntheticNoduleInserter.Insertion case3 = SyntheticCases.generate(
                new ChestPhantom.Config(128, 128, 64, 2.8, 2.5, 15, false, 5), 3, "runner", 5);
        truth = case3.groundTruth();
        ScanVolume v = case3.volume();
        new CtSeriesWriter().write(CtSeriesSpec.synthetic(v.width(), v.height(), v.depth(), v.spacingX(),
                v.spacingY(), v.spacingZ(), Vector3.of(v.origin()), Vector3.of(v.rowDirection()),
                Vector3.of(v.columnDirection()), v.hu(), StudyIdentity.synthetic("RUNNER", LocalDateTime.now()), 1,
                "SYNTHETIC phantom"), work.resolve("phantom"));
        phantom = DicomFolder.scan(work.resolve("phantom")).series().get(0);
    }

    @AfterAll
    static void close() {
        runtime.close();
    }

    @Test
    void analysesAQualifyingSeriesAndWritesItsReport() throws Exception {
        List<String> told = new ArrayList<>();
        SeriesOutcome outcome = runner.run(phantom, work.resolve("out-analysed"), new SeriesRunner.Progress() {
            @Override
            public boolean qualified(QualifiedSeries series) {
                told.add("qualified " + series.slices().size());
                return true;
            }

            @Override
            public boolean loaded(VolumeSummary volume) {
                told.add("loaded " + volume.columns() + "x" + volume.rows() + "x" + volume.slices());
                return true;
            }
        });

        assertThat(told).containsExactly("qualified 64", "loaded 128x128x64");
        assertThat(outcome).isInstanceOf(SeriesOutcome.Analysed.class);
        SeriesOutcome.Analysed a = (SeriesOutcome.Analysed) outcome;
        assertThat(a.reasonCode()).isNull();
        assertThat(a.volume().spacingZMm()).isEqualTo(2.5);
        assertThat(a.findings()).isNotEmpty();
        assertThat(a.findings().get(0).id()).isEqualTo("Nodule 1");
        // the inserted solid nodules are found: a finding's centre within the nodule's radius (LUNA16 hit rule)
        assertThat(truth.stream().filter(t -> t.type() == NoduleType.SOLID)).isNotEmpty().allSatisfy(t ->
                assertThat(a.findings()).anySatisfy(f ->
                        assertThat(distance(f.centerLpsMm(), t.centerLps())).isLessThan(t.diameterMm() / 2)));
        assertThat(a.candidates().size()).isGreaterThanOrEqualTo(a.findings().size());
        assertThat(a.algorithmLine()).startsWith("LungCAD Nodule Detector ").contains("threshold=0.50");
        // the SR first, then the Secondary Captures with the marks, all on disk
        List<Path> files = a.results().dicomFiles();
        assertThat(files).allSatisfy(f -> assertThat(f).isRegularFile());
        assertThat(files.get(0).getFileName().toString()).startsWith("SR_");
        assertThat(files.subList(1, files.size())).isNotEmpty()
                .allSatisfy(f -> assertThat(f.getFileName().toString()).startsWith("SC_"));
        assertThat(a.results().folder()).isEqualTo(work.resolve("out-analysed"));
        assertThat(a.timings()).extracting(StageTiming::stage)
                .containsExactly("qualify", "load", "detect.resample", "detect.lung-mask", "detect.candidates",
                        "detect.segment-measure-score", "detect.report", "score", "report");
    }

    @Test
    void aSeriesThatFailsTheInputRulesIsSkippedWithItsStableCodeAndNothingIsWritten() throws Exception {
        float[] hu = new float[32 * 32 * 4];
        Arrays.fill(hu, -800);
        new CtSeriesWriter().write(CtSeriesSpec.synthetic(32, 32, 4, 1, 1, 2, new Vector3(-16, -16, 0),
                new Vector3(1, 0, 0), new Vector3(0, 1, 0), hu, StudyIdentity.synthetic("TINY", LocalDateTime.now()),
                1, "SYNTHETIC tiny"), work.resolve("tiny"));
        CompletedSeries tiny = DicomFolder.scan(work.resolve("tiny")).series().get(0);
        List<String> told = new ArrayList<>();
        SeriesOutcome outcome = runner.run(tiny, work.resolve("out-tiny"), new SeriesRunner.Progress() {
            @Override
            public boolean qualified(QualifiedSeries series) {
                told.add("qualified");
                return true;
            }
        });

        assertThat(outcome).isInstanceOf(SeriesOutcome.Skipped.class);
        SeriesOutcome.Skipped s = (SeriesOutcome.Skipped) outcome;
        assertThat(s.reason()).isEqualTo(SkipReason.TOO_FEW_SLICES);
        assertThat(s.reasonCode()).isEqualTo("too-few-slices");
        assertThat(s.detail()).contains("4");
        assertThat(s.timings()).extracting(StageTiming::stage).containsExactly("qualify");
        assertThat(told).isEmpty();
        assertThat(work.resolve("out-tiny")).doesNotExist();
    }

    @Test
    void aVolumeAboveTheLimitIsSkippedBeforeAnyPixelIsDecoded() throws Exception {
        // the phantom is 128×128×64 = 1.05 M voxels; the node's limit comes from lungcad.processing.max-voxels
        SeriesRunner limited = new SeriesRunner(new SeriesQualifier(QualificationRules.defaults()),
                new CtVolumeLoader(new VolumeLimit(1_000_000L, Runtime.getRuntime().maxMemory(), 1).voxels()),
                runtime, new ResultWriter(java.time.Clock.systemUTC()));

        SeriesOutcome outcome = limited.run(phantom, work.resolve("out-too-large"), SeriesRunner.Progress.NONE);

        assertThat(outcome).isInstanceOfSatisfying(SeriesOutcome.Skipped.class, s -> {
            assertThat(s.reasonCode()).isEqualTo("volume-too-large");
            assertThat(s.detail()).isEqualTo("128×128×64 = 1.0 M voxels (4 MB as HU floats) exceed this node's"
                    + " volume limit of 1.0 M voxels");
            assertThat(s.timings()).extracting(StageTiming::stage).containsExactly("qualify", "load");
        });
        assertThat(work.resolve("out-too-large")).doesNotExist();
    }

    @Test
    void aRunSupersededByNewerInstancesStopsBeforeDetection() throws Exception {
        SeriesOutcome outcome = runner.run(phantom, work.resolve("out-superseded"), new SeriesRunner.Progress() {
            @Override
            public boolean loaded(VolumeSummary volume) {
                return false;
            }
        });

        assertThat(outcome).isInstanceOf(SeriesOutcome.Superseded.class);
        assertThat(outcome.reasonCode()).isNull();
        assertThat(outcome.timings()).extracting(StageTiming::stage).containsExactly("qualify", "load");
        assertThat(work.resolve("out-superseded")).doesNotExist();
    }

    @Test
    void aFaultOfTheNodeIsAFailureWithItsCodeNotAThrow() throws Exception {
        Path blocked = Files.writeString(work.resolve("out-blocked"), "a file where the results folder should be");

        SeriesOutcome outcome = runner.run(phantom, blocked, SeriesRunner.Progress.NONE);

        assertThat(outcome).isInstanceOf(SeriesOutcome.Failed.class);
        SeriesOutcome.Failed f = (SeriesOutcome.Failed) outcome;
        assertThat(f.code()).isEqualTo(FailureCode.INTERNAL_ERROR);
        assertThat(f.reasonCode()).isEqualTo("internal-error");
        assertThat(f.message()).contains("out-blocked");
        // the stages that ran are still accounted for
        assertThat(f.timings()).extracting(StageTiming::stage).startsWith("qualify", "load").contains("score");
    }

    private static double distance(double[] a, double[] b) {
        return Math.sqrt(Math.pow(a[0] - b[0], 2) + Math.pow(a[1] - b[1], 2) + Math.pow(a[2] - b[2], 2));
    }
}
