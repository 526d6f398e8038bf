package org.lungcad.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.lungcad.model.resample.ResampleConfig;
import org.lungcad.model.synthetic.ChestPhantom;
import org.lungcad.model.synthetic.GroundTruth;
import org.lungcad.model.synthetic.SyntheticCases;
import org.lungcad.model.synthetic.SyntheticNoduleInserter;

/**
 * The whole detector on synthetic chests with known nodules: a nodule is found when a reported centre lies within
 * its radius; a reported nodule near no inserted one is a false mark. The unit test runs moderate phantoms on a
 * 1.5 mm working grid to stay near 10 s; {@code -Dlungcad.phantomBenchmark=true} adds the default 1 mm grid and the
 * benchmark preset (minutes).
 */
class SyntheticPhantomDetectionTest {

    private static final int NODULES = 8;
    private static NDManager root;

    @BeforeAll
    static void start() {
        root = NDManager.newBaseManager();
    }

    @AfterAll
    static void stop() {
        root.close();
    }

    @Test
    void findsMostInsertedNodulesInAModeratePhantom() {
        DetectorConfig coarse = withGrid(1.5);
        Tally total = new Tally();
        for (long seed : new long[] {1, 2}) {
            total = total.plus(run(new ChestPhantom.Config(256, 256, 100, 1.4, 3.0, 15, false, seed), seed, coarse));
        }
        System.out.println("moderate phantoms, 1.5 mm grid: " + total);
        assertThat(total.inserted).isEqualTo(2 * NODULES);
        // measured 14 of 16 with 6 false marks; the floor catches a lost lung mask or a broken stage, not noise
        assertThat(total.sensitivity()).isGreaterThanOrEqualTo(0.75);
        assertThat(total.falseMarks).as("false marks in two scans").isLessThanOrEqualTo(8);
    }

    @Test
    @EnabledIfSystemProperty(named = "lungcad.phantomBenchmark", matches = "true")
    void fullSizeRuns() {
        Tally moderate = new Tally();
        Tally benchmark = new Tally();
        for (long seed : new long[] {1, 2}) {
            moderate = moderate.plus(run(new ChestPhantom.Config(256, 256, 100, 1.4, 3.0, 15, false, seed), seed,
                    DetectorConfig.DEFAULT));
            benchmark = benchmark.plus(run(ChestPhantom.Config.benchmark(seed), seed, DetectorConfig.DEFAULT));
        }
        System.out.println("moderate phantoms, default grid: " + moderate);
        System.out.println("benchmark phantoms, default grid: " + benchmark);
        assertThat(moderate.inserted).isEqualTo(2 * NODULES);
        assertThat(benchmark.inserted).isEqualTo(2 * NODULES);
        // measured 15 of 16 with 5 false marks (moderate) and 16 of 16 with none (benchmark); floors, as above
        assertThat(moderate.sensitivity()).as("moderate phantoms: " + moderate).isGreaterThanOrEqualTo(0.75);
        assertThat(moderate.falseMarks).as("moderate phantoms: " + moderate).isLessThanOrEqualTo(8);
        assertThat(benchmark.sensitivity()).as("benchmark phantoms: " + benchmark).isGreaterThanOrEqualTo(0.85);
        assertThat(benchmark.falseMarks).as("benchmark phantoms: " + benchmark).isLessThanOrEqualTo(2);
    }

    private static DetectorConfig withGrid(double mm) {
        DetectorConfig d = DetectorConfig.DEFAULT;
        return new DetectorConfig(new ResampleConfig(mm), d.lungMask(), d.candidates(), d.segmenter(), d.scoreWeights(),
                d.operatingPoint());
    }

    private static Tally run(ChestPhantom.Config phantom, long seed, DetectorConfig config) {
        long t0 = System.nanoTime();
        SyntheticNoduleInserter.Insertion c = SyntheticCases.generate(phantom, NODULES, "2.25." + seed, seed);
        long t1 = System.nanoTime();
        DetectionResult r = new HessianNoduleDetector(root, config).detect(c.volume(), PatientContext.unknown());
        long t2 = System.nanoTime();
        Tally tally = new Tally();
        for (GroundTruth g : c.groundTruth()) {
            boolean hit = r.nodules().stream()
                    .anyMatch(n -> distance(n.centerLps(), g.centerLps()) <= g.diameterMm() / 2);
            tally = tally.plus(Tally.of(g.diameterMm(), hit));
            System.out.printf(Locale.ROOT, "  %s %5.1f mm %-12s %-10s %s%n", hit ? "found" : "MISSED", g.diameterMm(),
                    g.type(), g.shape(), fmt(g.centerLps()));
        }
        for (Nodule n : r.nodules()) {
            boolean onNodule = c.groundTruth().stream()
                    .anyMatch(g -> distance(n.centerLps(), g.centerLps()) <= g.diameterMm() / 2);
            if (!onNodule) {
                tally = tally.plus(Tally.falseMark());
                System.out.printf(Locale.ROOT, "  FALSE MARK %5.1f mm score %.2f %s %s%n", n.meanDiameterMm(),
                        n.detectionScore(), n.lobe(), fmt(n.centerLps()));
            }
        }
        System.out.printf(Locale.ROOT, "%dx%dx%d seed %d grid %.1f mm: generate %d ms, detect %d ms, %s%n",
                phantom.width(), phantom.height(), phantom.depth(), seed, config.resample().spacingMm(),
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, tally);
        return tally;
    }

    /** Counts, with found / inserted per size: below 6 mm, 6 to 10, 10 to 15, 15 and above. */
    private record Tally(int inserted, int found, int falseMarks, List<Integer> insertedBySize,
                         List<Integer> foundBySize) {

        private static final double[] EDGES = {6, 10, 15};

        Tally() {
            this(0, 0, 0, List.of(0, 0, 0, 0), List.of(0, 0, 0, 0));
        }

        static Tally of(double diameterMm, boolean found) {
            int b = 0;
            while (b < EDGES.length && diameterMm >= EDGES[b]) {
                b++;
            }
            Integer[] ins = {0, 0, 0, 0};
            Integer[] fnd = {0, 0, 0, 0};
            ins[b] = 1;
            fnd[b] = found ? 1 : 0;
            return new Tally(1, found ? 1 : 0, 0, List.of(ins), List.of(fnd));
        }

        static Tally falseMark() {
            return new Tally(0, 0, 1, List.of(0, 0, 0, 0), List.of(0, 0, 0, 0));
        }

        Tally plus(Tally o) {
            Integer[] ins = new Integer[4];
            Integer[] fnd = new Integer[4];
            for (int b = 0; b < 4; b++) {
                ins[b] = insertedBySize.get(b) + o.insertedBySize.get(b);
                fnd[b] = foundBySize.get(b) + o.foundBySize.get(b);
            }
            return new Tally(inserted + o.inserted, found + o.found, falseMarks + o.falseMarks, List.of(ins),
                    List.of(fnd));
        }

        double sensitivity() {
            return inserted == 0 ? 0 : found / (double) inserted;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "found %d/%d (%.0f %%), false marks %d; by size <6/6-10/10-15/>=15 mm: "
                    + "%d/%d, %d/%d, %d/%d, %d/%d", found, inserted, 100 * sensitivity(), falseMarks,
                    foundBySize.get(0), insertedBySize.get(0), foundBySize.get(1), insertedBySize.get(1),
                    foundBySize.get(2), insertedBySize.get(2), foundBySize.get(3), insertedBySize.get(3));
        }
    }

    private static String fmt(double[] p) {
        return String.format(Locale.ROOT, "(%.1f, %.1f, %.1f)", p[0], p[1], p[2]);
    }

    private static double distance(double[] a, double[] b) {
        return Math.sqrt(Math.pow(a[0] - b[0], 2) + Math.pow(a[1] - b[1], 2) + Math.pow(a[2] - b[2], 2));
    }
}
