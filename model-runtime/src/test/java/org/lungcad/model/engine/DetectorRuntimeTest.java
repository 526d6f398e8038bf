package org.lungcad.model.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lungcad.model.DetectorConfig;
import org.lungcad.model.PatientContext;
import org.lungcad.model.ScanAnalysis;
import org.lungcad.model.ScanVolume;
import org.lungcad.model.Sex;
import org.lungcad.model.StageTiming;
import org.lungcad.model.classify.BundledModels;
import org.lungcad.model.classify.TorchScriptArchive;
import org.lungcad.model.resample.ResampleConfig;
import org.lungcad.model.score.BrockModel;
import org.lungcad.model.testing.Phantoms;

class DetectorRuntimeTest {

    private static final double[] NODULE = {Phantoms.LUNG_X + 5.3, -10.4, -5.2};
    private static final DetectorConfig COARSE = new DetectorConfig(new ResampleConfig(2.0),
            DetectorConfig.DEFAULT.lungMask(), DetectorConfig.DEFAULT.candidates(), DetectorConfig.DEFAULT.segmenter(),
            DetectorConfig.DEFAULT.scoreWeights(), DetectorConfig.DEFAULT.operatingPoint());

    @TempDir
    static Path data;
    private static DetectorRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = new DetectorRuntime(new DetectorRuntime.Settings(data, EngineSelector.DevicePreference.CPU, 2, 2,
                COARSE, BrockModel.Config.DEFAULT));
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    private static ScanVolume thoraxWithNodule() {
        ScanVolume scan = Phantoms.thorax(2.0);
        Phantoms.sphere(scan, NODULE, 10, Phantoms.SOFT_TISSUE_HU);
        return scan;
    }

    @Test
    void statesItsThreadBudgetPerWorker() {
        assertThat(new DetectorRuntime.Settings(data, EngineSelector.DevicePreference.CPU, 2, 2, COARSE,
                BrockModel.Config.DEFAULT).threadsPerWorker()).isEqualTo(1);
        assertThat(new DetectorRuntime.Settings(data, EngineSelector.DevicePreference.CPU, 1, 16, COARSE,
                BrockModel.Config.DEFAULT).threadsPerWorker()).isEqualTo(16);
        assertThat(new DetectorRuntime.Settings(data, EngineSelector.DevicePreference.CPU, 4, 2, COARSE,
                BrockModel.Config.DEFAULT).threadsPerWorker()).isEqualTo(1);
        assertThatThrownBy(() -> new DetectorRuntime.Settings(data, EngineSelector.DevicePreference.CPU, 0, 2,
                COARSE, BrockModel.Config.DEFAULT)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Both workers analyse at the same time, each with its own detector, and both find the nodule. */
    @Test
    void twoWorkersAnalyseTwoScansAtOnce() throws Exception {
        ScanVolume scan = thoraxWithNodule();
        CountDownLatch bothHoldADetector = new CountDownLatch(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<ScanAnalysis>> runs = List.of(pool.submit(() -> analyse(scan, bothHoldADetector)),
                    pool.submit(() -> analyse(scan, bothHoldADetector)));
            ScanAnalysis first = runs.get(0).get(5, TimeUnit.MINUTES);
            ScanAnalysis second = runs.get(1).get(5, TimeUnit.MINUTES);
            for (ScanAnalysis a : List.of(first, second)) {
                // highest score first: the inserted nodule leads (the coarse 2 mm grid adds small dots after it)
                double[] c = a.findings().get(0).nodule().centerLps();
                assertThat(Math.hypot(Math.hypot(c[0] - NODULE[0], c[1] - NODULE[1]), c[2] - NODULE[2]))
                        .isLessThan(2.0);
                assertThat(a.findings().get(0).nodule().meanDiameterMm()).isBetween(8.0, 12.0);
                assertThat(a.findings().get(0).malignancy().modelApplied()).isTrue();
                assertThat(a.algorithm()).isEqualTo(runtime.algorithm());
            }
            // detectors share nothing: concurrent runs give the same marks
            assertThat(second.findings()).extracting(f -> f.nodule().detectionScore())
                    .containsExactlyElementsOf(first.findings().stream().map(f -> f.nodule().detectionScore()).toList());
        } finally {
            pool.shutdownNow();
        }
        assertThat(runtime.engineOrNull().intraOpThreads()).isEqualTo(1);
    }

    private static ScanAnalysis analyse(ScanVolume scan, CountDownLatch bothHoldADetector) throws Exception {
        try (DetectorRuntime.Lease lease = runtime.acquire()) {
            bothHoldADetector.countDown();
            // neither starts before the other holds its own detector: the two analyses overlap
            assertThat(bothHoldADetector.await(2, TimeUnit.MINUTES)).isTrue();
            return lease.analyse(scan, PatientContext.of(62, Sex.FEMALE));
        }
    }

    /** A third scan waits for a free detector instead of sharing one. */
    @Test
    void aThirdWorkerWaitsUntilADetectorIsGivenBack() throws Exception {
        DetectorRuntime.Lease first = runtime.acquire();
        DetectorRuntime.Lease second = runtime.acquire();
        CompletableFuture<DetectorRuntime.Lease> third = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try {
                third.complete(runtime.acquire());
            } catch (InterruptedException e) {
                third.completeExceptionally(e);
            }
        });
        waiter.start();
        while (waiter.getState() != Thread.State.WAITING && !third.isDone()) {
            Thread.onSpinWait();
        }
        assertThat(third).isNotDone();
        second.close();
        third.get(1, TimeUnit.MINUTES).close();
        first.close();
        second.close(); // a second close gives nothing back twice
        try (DetectorRuntime.Lease a = runtime.acquire(); DetectorRuntime.Lease b = runtime.acquire()) {
            assertThat(a).isNotSameAs(b);
        }
    }

    @Test
    void aClosedRuntimeRefusesWork() {
        DetectorRuntime other = new DetectorRuntime(DetectorRuntime.Settings.defaults(data,
                EngineSelector.DevicePreference.CPU, 1));
        other.close();
        assertThatThrownBy(other::acquire).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThat(other.operatingPoint()).isEqualTo("detection score >= 0.50, at most 10 marks, 3-40 mm "
                + "(solid from 4 mm, part-solid from 5 mm, ground-glass from 5 mm)");
    }

    @Test
    void theLearnedStageScoresEveryCandidateAndNamesItsModel(@TempDir Path models) throws Exception {
        // the runtime copies the bundled model out of the jar into its directory
        Path dir = models.resolve(BundledModels.NODULE_FPR);
        try (DetectorRuntime learned = new DetectorRuntime(new DetectorRuntime.Settings(data,
                EngineSelector.DevicePreference.CPU, 2, 2, COARSE, BrockModel.Config.DEFAULT, Optional.of(dir)))) {
            ModelDescriptor d = learned.learnedModel().orElseThrow();
            assertThat(ModelDescriptorReader.readVerified(dir)).isEqualTo(d);
            ScanAnalysis a;
            try (DetectorRuntime.Lease lease = learned.acquire()) {
                a = lease.analyse(thoraxWithNodule(), PatientContext.unknown());
            }
            assertThat(a.detection().candidates()).isNotEmpty().allSatisfy(c -> {
                assertThat(c.learnedProbability()).isPresent();
                assertThat(c.score()).isCloseTo(d.stacking().combine(c.transparentScore(),
                        c.learnedProbability().getAsDouble()), org.assertj.core.api.Assertions.within(1e-9));
            });
            assertThat(a.detection().nodules()).anySatisfy(n ->
                    assertThat(distance(n.centerLps(), NODULE)).isLessThan(3));
            assertThat(a.algorithm().parameters()).endsWith(";model=lungcad-nodule-fpr 1.0.0 sha256:" + d.weightsSha256());
            assertThat(a.detection().timings()).extracting(StageTiming::name).contains("learned-stage");
        }
    }

    @Test
    void aTorchScriptModelSelectedByItsDirectoryScoresLikeTheShippedOne(@TempDir Path models) throws Exception {
        Path torchScript = TorchScriptArchive.exportShipped(models, "site-torchscript");
        Path bundled = models.resolve(BundledModels.NODULE_FPR);
        ScanAnalysis expected;
        ScanAnalysis actual;
        try (DetectorRuntime shipped = new DetectorRuntime(new DetectorRuntime.Settings(data,
                EngineSelector.DevicePreference.CPU, 2, 2, COARSE, BrockModel.Config.DEFAULT, Optional.of(bundled)));
             DetectorRuntime.Lease lease = shipped.acquire()) {
            expected = lease.analyse(thoraxWithNodule(), PatientContext.unknown());
        }
        try (DetectorRuntime site = new DetectorRuntime(new DetectorRuntime.Settings(data,
                EngineSelector.DevicePreference.CPU, 2, 2, COARSE, BrockModel.Config.DEFAULT, Optional.of(torchScript)))) {
            ModelDescriptor d = site.learnedModel().orElseThrow();
            assertThat(d.weightsFormat()).isEqualTo(ModelDescriptor.WeightsFormat.TORCHSCRIPT);
            try (DetectorRuntime.Lease lease = site.acquire()) {
                actual = lease.analyse(thoraxWithNodule(), PatientContext.unknown());
            }
            assertThat(actual.algorithm().parameters())
                    .endsWith(";model=site-torchscript 2.0.0 sha256:" + d.weightsSha256());
        }
        assertThat(actual.detection().candidates()).hasSameSizeAs(expected.detection().candidates());
        for (int i = 0; i < expected.detection().candidates().size(); i++) {
            assertThat(actual.detection().candidates().get(i).learnedProbability().getAsDouble()).isCloseTo(
                    expected.detection().candidates().get(i).learnedProbability().getAsDouble(),
                    org.assertj.core.api.Assertions.within(1e-5));
        }
        assertThat(actual.detection().nodules()).hasSameSizeAs(expected.detection().nodules());
    }

    @Test
    void anAlteredModelIsRefusedAtStartUp(@TempDir Path models) throws Exception {
        // a site's copy under its own name (a bundled name would be refreshed from the jar)
        Path bundled = BundledModels.extract(BundledModels.NODULE_FPR, models);
        Path dir = Files.createDirectory(models.resolve("site-model"));
        String weightsFile = ModelDescriptorReader.read(bundled).weightsFile();
        Files.copy(bundled.resolve(ModelDescriptorReader.FILE_NAME), dir.resolve(ModelDescriptorReader.FILE_NAME));
        Files.copy(bundled.resolve(weightsFile), dir.resolve(weightsFile));
        Path weights = dir.resolve(weightsFile);
        byte[] w = Files.readAllBytes(weights);
        w[100] ^= 1;
        Files.write(weights, w);
        assertThatThrownBy(() -> new DetectorRuntime(new DetectorRuntime.Settings(data,
                EngineSelector.DevicePreference.CPU, 2, 2, COARSE, BrockModel.Config.DEFAULT, Optional.of(dir))))
                .isInstanceOf(ModelIntegrityException.class).hasMessageContaining("SHA-256");
        assertThatThrownBy(() -> new DetectorRuntime(new DetectorRuntime.Settings(data,
                EngineSelector.DevicePreference.CPU, 2, 2, COARSE, BrockModel.Config.DEFAULT,
                Optional.of(models.resolve("no-such-model")))))
                .isInstanceOf(ModelIntegrityException.class).hasMessageContaining("no-such-model")
                .hasMessageContaining("lungcad.detector.learned-model");
    }

    private static double distance(double[] a, double[] b) {
        return Math.sqrt(Math.pow(a[0] - b[0], 2) + Math.pow(a[1] - b[1], 2) + Math.pow(a[2] - b[2], 2));
    }
}
