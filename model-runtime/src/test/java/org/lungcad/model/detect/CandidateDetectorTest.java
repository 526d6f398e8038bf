package org.lungcad.model.detect;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lungcad.model.ScanVolume;
import org.lungcad.model.lung.LungMask;
import org.lungcad.model.testing.Phantoms;

class CandidateDetectorTest {

    private static NDManager root;

    @BeforeAll
    static void start() {
        root = NDManager.newBaseManager();
    }

    @AfterAll
    static void stop() {
        root.close();
    }

    /** 96x96x64 mm lung-like box: a 10 mm sphere, and a 4 mm vessel running through elsewhere. */
    static ScanVolume lungBox(double[] sphere, double[] vesselPoint) {
        ScanVolume v = Phantoms.box(96, 96, 64, 1, 1, 1, Phantoms.LUNG_HU);
        Phantoms.sphere(v, sphere, 10, Phantoms.SOFT_TISSUE_HU);
        Phantoms.tube(v, vesselPoint, new double[] {0.3, 1, 0.2}, 4, Phantoms.SOFT_TISSUE_HU);
        return v;
    }

    static LungMask wholeBox(ScanVolume v) {
        byte[] labels = new byte[v.hu().length];
        java.util.Arrays.fill(labels, (byte) 1);
        return LungMask.fromLabels(v, labels);
    }

    @Test
    void findsTheSphereAndNotTheVessel() {
        ScanVolume v = Phantoms.box(96, 96, 64, 1, 1, 1, Phantoms.LUNG_HU);
        double[] c = Phantoms.center(v);
        double[] sphere = Phantoms.add(c, -20.3, 5.6, 2.2);
        double[] vessel = Phantoms.add(c, 20, 0, 0);
        v = lungBox(sphere, vessel);
        CandidateDetector detector = new CandidateDetector(root, CandidateDetectorConfig.DEFAULT);
        long t0 = System.nanoTime();
        List<Candidate> found = detector.detect(v, wholeBox(v));
        System.out.printf("detect %d ms, %d candidates%n", (System.nanoTime() - t0) / 1_000_000, found.size());
        found.forEach(System.out::println);
        assertThat(found).isNotEmpty();
        Candidate best = found.get(0);
        assertThat(best.distanceMm(sphere)).isLessThan(1.5);
        assertThat(best.diameterMm()).isBetween(6.0, 15.0);
        for (Candidate other : found) {
            if (other.distanceMm(sphere) > 6) {
                assertThat(other.response()).isLessThan(best.response() * 0.3);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {4, 6, 20, 28})
    void findsSpheresAcrossTheSizeRange(double diameter) {
        ScanVolume v = Phantoms.box(80, 80, 64, 1, 1, 1, Phantoms.LUNG_HU);
        double[] sphere = Phantoms.add(Phantoms.center(v), 0.4, -0.3, 0.2);
        Phantoms.sphere(v, sphere, diameter, Phantoms.SOFT_TISSUE_HU);
        List<Candidate> found = new CandidateDetector(root, CandidateDetectorConfig.DEFAULT).detect(v, wholeBox(v));
        assertThat(found).isNotEmpty();
        assertThat(found.get(0).distanceMm(sphere)).isLessThan(1.5);
        assertThat(found.get(0).diameterMm()).isBetween(diameter * 0.5, diameter * 1.6);
    }

    @Test
    void aLoneVesselGivesNoCandidate() {
        ScanVolume v = Phantoms.box(64, 64, 48, 1, 1, 1, Phantoms.LUNG_HU);
        Phantoms.tube(v, Phantoms.center(v), new double[] {0.3, 1, 0.2}, 4, Phantoms.SOFT_TISSUE_HU);
        // the mask stops short of where the tube leaves the box (its cut ends are blob-like)
        byte[] labels = new byte[v.hu().length];
        for (int k = 0; k < v.depth(); k++) {
            for (int j = 12; j < v.height() - 12; j++) {
                for (int i = 0; i < v.width(); i++) {
                    labels[v.index(i, j, k)] = 1;
                }
            }
        }
        List<Candidate> found = new CandidateDetector(root, CandidateDetectorConfig.DEFAULT)
                .detect(v, LungMask.fromLabels(v, labels));
        assertThat(found).isEmpty();
    }

    /** Strict tier only: the detector as it was before the faint tier. */
    private static final CandidateDetectorConfig STRICT_ONLY = new CandidateDetectorConfig(
            CandidateDetectorConfig.DEFAULT.scalesMm(), CandidateDetectorConfig.DEFAULT.coarseFromMm(),
            CandidateDetectorConfig.DEFAULT.minResponse(), CandidateDetectorConfig.DEFAULT.minBlobRatio(),
            CandidateDetectorConfig.DEFAULT.maxCandidates());

    /**
     * An 8 mm blob 90 HU above the lung (response about 0.021): too faint for the strict tier, kept by the
     * faint one because it is round; a tube just as faint stays out.
     */
    @Test
    void aFaintRoundBlobIsKeptByTheFaintTierAndAFaintTubeIsNot() {
        float faint = Phantoms.LUNG_HU + 90;
        ScanVolume v = Phantoms.box(80, 80, 64, 1, 1, 1, Phantoms.LUNG_HU);
        double[] sphere = Phantoms.add(Phantoms.center(v), 0.4, -0.3, 0.2);
        Phantoms.sphere(v, sphere, 8, faint);
        assertThat(new CandidateDetector(root, STRICT_ONLY).detect(v, wholeBox(v))).isEmpty();
        List<Candidate> found = new CandidateDetector(root, CandidateDetectorConfig.DEFAULT).detect(v, wholeBox(v));
        assertThat(found).hasSize(1);
        assertThat(found.get(0).distanceMm(sphere)).isLessThan(1.5);
        assertThat(found.get(0).response()).isBetween(CandidateDetectorConfig.DEFAULT.faintMinResponse(),
                CandidateDetectorConfig.DEFAULT.minResponse());

        ScanVolume t = Phantoms.box(64, 64, 48, 1, 1, 1, Phantoms.LUNG_HU);
        Phantoms.tube(t, Phantoms.center(t), new double[] {0.3, 1, 0.2}, 4, faint);
        byte[] labels = new byte[t.hu().length];
        for (int k = 0; k < t.depth(); k++) {
            for (int j = 12; j < t.height() - 12; j++) {
                for (int i = 0; i < t.width(); i++) {
                    labels[t.index(i, j, k)] = 1;
                }
            }
        }
        assertThat(new CandidateDetector(root, CandidateDetectorConfig.DEFAULT).detect(t, LungMask.fromLabels(t, labels)))
                .isEmpty();
    }

    @Test
    void configRejectsBadValues() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CandidateDetectorConfig(List.of(2.0, 1.0), 3, 0.03, 0.2, 10))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CandidateDetectorConfig(List.of(1.0), 3, 0.03, 1.5, 10))
                .isInstanceOf(IllegalArgumentException.class);
        // the faint tier may only be lower in response and stricter in roundness than the main one
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CandidateDetectorConfig(List.of(1.0), 3, 0.03, 0.2, 10, 0.04, 0.5))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CandidateDetectorConfig(List.of(1.0), 3, 0.03, 0.2, 10, 0.015, 0.1))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new OperatingPoint(1.2, 5, 3, 30, OperatingPoint.INTENDED_USE))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new OperatingPoint(0.5, 5, 30, 3, OperatingPoint.INTENDED_USE))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
