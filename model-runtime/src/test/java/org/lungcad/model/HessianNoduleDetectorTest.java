package org.lungcad.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lungcad.model.detect.OperatingPoint;
import org.lungcad.model.resample.ResampleConfig;
import org.lungcad.model.testing.Phantoms;

class HessianNoduleDetectorTest {

    private static final double[] NODULE = {Phantoms.LUNG_X + 5.3, -10.4, -5.2};
    private static NDManager root;

    @BeforeAll
    static void start() {
        root = NDManager.newBaseManager();
    }

    @AfterAll
    static void stop() {
        root.close();
    }

    private static ScanVolume thoraxWithNoduleAndVessel(double voxelMm) {
        ScanVolume scan = Phantoms.thorax(voxelMm);
        Phantoms.sphere(scan, NODULE, 8, Phantoms.SOFT_TISSUE_HU);
        // a 3 mm vessel running through the right lung
        Phantoms.tube(scan, new double[] {-Phantoms.LUNG_X, 0, 5}, new double[] {0.2, 1, 0.3}, 3, Phantoms.SOFT_TISSUE_HU);
        return scan;
    }

    @Test
    void reportsTheNoduleAndNotTheVessel() {
        ScanVolume scan = thoraxWithNoduleAndVessel(1.0);
        HessianNoduleDetector detector = new HessianNoduleDetector(root, DetectorConfig.DEFAULT);
        DetectionResult result = detector.detect(scan, PatientContext.of(62, Sex.FEMALE));
        System.out.println(result.timings() + " " + result.candidates().size() + " candidates");

        assertThat(result.nodules()).hasSize(1);
        Nodule n = result.nodules().get(0);
        assertThat(distance(n.centerLps(), NODULE)).isLessThan(1.5);
        assertThat(n.meanDiameterMm()).isCloseTo(8.0, within(1.0));
        assertThat(n.volumeMm3()).isCloseTo(Math.PI / 6 * 512, within(0.15 * Math.PI / 6 * 512));
        assertThat(n.type()).isEqualTo(NoduleType.SOLID);
        assertThat(n.lobe()).isIn(Lobe.LEFT_UPPER, Lobe.LEFT_LOWER);
        assertThat(n.detectionScore()).isGreaterThan(DetectorConfig.DEFAULT.operatingPoint().threshold());
        // the vessel's candidates, if any, score below the operating point
        result.candidates().stream()
                .filter(c -> c.candidate().centerLps()[0] < 0)
                .forEach(c -> assertThat(c.reported()).isFalse());
        assertThat(result.timings()).extracting(StageTiming::name)
                .containsExactly("resample", "lung-mask", "candidates", "segment-measure-score", "report");
        // one entry per object: no two candidates lie within 3 mm of each other (different scales and tiers
        // that segment to one blob are listed once), and the nodule's shell is free (the vessel is far from it)
        for (int a = 0; a < result.candidates().size(); a++) {
            for (int b = 0; b < a; b++) {
                assertThat(distance(centre(result.candidates().get(a)), centre(result.candidates().get(b))))
                        .isGreaterThanOrEqualTo(3.0);
            }
        }
        ScoredCandidate reported = result.candidates().stream().filter(ScoredCandidate::reported).findFirst()
                .orElseThrow();
        assertThat(reported.shell().branches()).isZero();
        assertThat(result.patient().ageYears()).hasValue(62);
    }

    @Test
    void operatingPointLimitsMarks() {
        ScanVolume scan = thoraxWithNoduleAndVessel(2.0);
        DetectorConfig none = DetectorConfig.DEFAULT.withOperatingPoint(new OperatingPoint(0.5, 0, 3, 40, OperatingPoint.INTENDED_USE));
        DetectionResult result = new HessianNoduleDetector(root, none).detect(scan, PatientContext.unknown());
        assertThat(result.nodules()).isEmpty();
        assertThat(result.candidates()).isNotEmpty().allSatisfy(c -> assertThat(c.reported()).isFalse());
        assertThat(none.parameters()).contains("maxMarks=0").doesNotContain(" ");
    }

    /** A resource check, not a timing: tensors of each call are freed, so RSS does not grow with calls. */
    @Test
    void memoryDoesNotGrowAcrossCalls() throws IOException {
        ScanVolume scan = thoraxWithNoduleAndVessel(2.0);
        DetectorConfig coarse = new DetectorConfig(new ResampleConfig(2.0), DetectorConfig.DEFAULT.lungMask(),
                DetectorConfig.DEFAULT.candidates(), DetectorConfig.DEFAULT.segmenter(),
                DetectorConfig.DEFAULT.scoreWeights(), DetectorConfig.DEFAULT.operatingPoint());
        HessianNoduleDetector detector = new HessianNoduleDetector(root, coarse);
        for (int n = 0; n < 3; n++) {
            detector.detect(scan, PatientContext.unknown());
        }
        long before = rssKb();
        long heapBefore = Runtime.getRuntime().totalMemory() >> 10;
        for (int n = 0; n < 10; n++) {
            detector.detect(scan, PatientContext.unknown());
        }
        // the JVM may still be committing heap for the Java-side arrays; that is not a tensor leak
        long heapGrowthKb = Math.max(0, (Runtime.getRuntime().totalMemory() >> 10) - heapBefore);
        long grownMb = (rssKb() - before - heapGrowthKb) / 1024;
        System.out.println("native RSS growth over 10 calls: " + grownMb + " MB");
        assertThat(grownMb).isLessThan(200);
    }

    private static double[] centre(ScoredCandidate c) {
        return c.measurements().map(m -> m.centerLps()).orElse(c.candidate().centerLps());
    }

    private static long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IOException("no VmRSS in /proc/self/status");
    }

    private static double distance(double[] a, double[] b) {
        return Math.sqrt(Math.pow(a[0] - b[0], 2) + Math.pow(a[1] - b[1], 2) + Math.pow(a[2] - b[2], 2));
    }
}
