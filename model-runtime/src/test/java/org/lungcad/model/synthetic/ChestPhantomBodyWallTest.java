package org.lungcad.model.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lungcad.model.ScanVolume;
import org.lungcad.model.lung.LungMask;
import org.lungcad.model.lung.LungMaskConfig;
import org.lungcad.model.lung.LungMaskExtractor;
import org.lungcad.model.resample.IsotropicResampler;
import org.lungcad.model.resample.ResampleConfig;

/**
 * The lungs lie inside a closed body wall: the air around the patient never reaches them, so a lung-mask
 * algorithm that discards air connected to the image border keeps them.
 */
class ChestPhantomBodyWallTest {

    /** Below this a voxel counts as air-like, for the flood fill from outside. */
    private static final float AIR_LIKE_HU = -500;
    /** Thinnest acceptable wall between outside air and lung voxel centres (a real chest wall is thicker). */
    private static final double MIN_WALL_MM = 10;

    static Stream<ChestPhantom.Config> configs() {
        return Stream.of(ChestPhantom.Config.small(7), ChestPhantom.Config.small(8), ChestPhantom.Config.small(9),
                new ChestPhantom.Config(256, 256, 100, 1.4, 3.0, 15, true, 5));
    }

    static Stream<ChestPhantom.Config> smallConfigs() {
        return Stream.of(ChestPhantom.Config.small(7), ChestPhantom.Config.small(11));
    }

    @ParameterizedTest
    @MethodSource("configs")
    void outsideAirNeverReachesTheLungs(ChestPhantom.Config config) {
        Phantom phantom = ChestPhantom.generate(config);
        ScanVolume v = phantom.volume();
        boolean[] outside = outsideAir(v);
        long lung = 0;
        long reached = 0;
        for (int n = 0; n < outside.length; n++) {
            if (phantom.inLung(n % v.width(), (n / v.width()) % v.height(), n / (v.width() * v.height()))) {
                lung++;
                reached += outside[n] ? 1 : 0;
            }
        }
        double minWall = Double.MAX_VALUE;
        for (int k = 0; k < v.depth(); k++) {
            minWall = Math.min(minWall, thinnestWallMm(phantom, outside, k));
        }
        System.out.printf("%s: %d lung voxels, thinnest wall %.1f mm%n", config, lung, minWall);
        assertThat(lung).isPositive();
        assertThat(reached).as("lung voxels reached by the air outside").isZero();
        assertThat(minWall).as("thinnest body wall, mm").isGreaterThanOrEqualTo(MIN_WALL_MM);
    }

    @ParameterizedTest
    @MethodSource("smallConfigs")
    void lungMaskExtractorRecoversTheLungs(ChestPhantom.Config config) {
        // the phantom's own grid is the working grid: no resampling between truth and mask
        double[] recallPrecision = maskAgreement(ChestPhantom.generate(config), null);
        assertThat(recallPrecision[0]).as("share of the true lung in the mask").isGreaterThanOrEqualTo(0.85);
        assertThat(recallPrecision[1]).as("share of the mask that is true lung").isGreaterThanOrEqualTo(0.85);
    }

    /** Manual: the benchmark preset (78 M voxels), and the mask on the detector's own 1 mm working grid. */
    @Test
    @EnabledIfSystemProperty(named = "lungcad.phantomBenchmark", matches = "true")
    void largePhantoms() {
        outsideAirNeverReachesTheLungs(ChestPhantom.Config.benchmark(3));
        IsotropicResampler toWorkingGrid = new IsotropicResampler(ResampleConfig.DEFAULT);
        for (ChestPhantom.Config c : List.of(new ChestPhantom.Config(256, 256, 100, 1.4, 3.0, 15, true, 5),
                ChestPhantom.Config.benchmark(3))) {
            double[] rp = maskAgreement(ChestPhantom.generate(c), toWorkingGrid);
            assertThat(rp[0]).isGreaterThanOrEqualTo(0.85);
        }
    }

    /**
     * Recall and precision of the extracted lung mask against the phantom's truth, on the working grid: the
     * phantom's grid, or the resampler's with the truth taken at the nearest phantom voxel.
     */
    private static double[] maskAgreement(Phantom phantom, IsotropicResampler resampler) {
        ScanVolume v = resampler == null ? phantom.volume() : resampler.resample(phantom.volume());
        LungMask mask;
        try (NDManager root = NDManager.newBaseManager()) {
            mask = new LungMaskExtractor(root, LungMaskConfig.DEFAULT).extract(v);
        }
        ScanVolume p = phantom.volume();
        long truth = 0;
        long found = 0;
        long both = 0;
        for (int k = 0; k < v.depth(); k++) {
            for (int j = 0; j < v.height(); j++) {
                for (int i = 0; i < v.width(); i++) {
                    boolean t;
                    if (resampler == null) {
                        t = phantom.inLung(i, j, k);
                    } else {
                        double[] q = p.toVoxel(v.toPatient(i, j, k));
                        int pi = (int) Math.round(q[0]);
                        int pj = (int) Math.round(q[1]);
                        int pk = (int) Math.round(q[2]);
                        t = pi >= 0 && pj >= 0 && pk >= 0 && pi < p.width() && pj < p.height() && pk < p.depth()
                                && phantom.inLung(pi, pj, pk);
                    }
                    boolean m = mask.contains(i, j, k);
                    truth += t ? 1 : 0;
                    found += m ? 1 : 0;
                    both += t && m ? 1 : 0;
                }
            }
        }
        double recall = both / (double) truth;
        double precision = both / (double) found;
        System.out.printf("%dx%dx%d phantom, mask on the %s grid: lung recall %.3f, precision %.3f%n", p.width(),
                p.height(), p.depth(), resampler == null ? "phantom's" : v.spacingX() + " mm", recall, precision);
        return new double[] {recall, precision};
    }

    /**
     * Air around the patient: 6-connected flood fill through air-like voxels from the in-plane border of every
     * slice. Not from the first and last slice: the trachea leaves the scan there, and air reaching the lungs
     * down the airways is anatomy, not a hole in the body wall.
     */
    static boolean[] outsideAir(ScanVolume v) {
        int w = v.width();
        int h = v.height();
        int d = v.depth();
        float[] hu = v.hu();
        boolean[] seen = new boolean[hu.length];
        int[] queue = new int[hu.length];
        int tail = 0;
        for (int k = 0; k < d; k++) {
            for (int j = 0; j < h; j++) {
                for (int i = 0; i < w; i++) {
                    if (i == 0 || j == 0 || i == w - 1 || j == h - 1) {
                        tail = visit(hu, seen, queue, tail, v.index(i, j, k));
                    }
                }
            }
        }
        for (int head = 0; head < tail; head++) {
            int p = queue[head];
            int i = p % w;
            int j = (p / w) % h;
            int k = p / (w * h);
            if (i > 0) {
                tail = visit(hu, seen, queue, tail, p - 1);
            }
            if (i < w - 1) {
                tail = visit(hu, seen, queue, tail, p + 1);
            }
            if (j > 0) {
                tail = visit(hu, seen, queue, tail, p - w);
            }
            if (j < h - 1) {
                tail = visit(hu, seen, queue, tail, p + w);
            }
            if (k > 0) {
                tail = visit(hu, seen, queue, tail, p - w * h);
            }
            if (k < d - 1) {
                tail = visit(hu, seen, queue, tail, p + w * h);
            }
        }
        return seen;
    }

    private static int visit(float[] hu, boolean[] seen, int[] queue, int tail, int p) {
        if (seen[p] || !(hu[p] < AIR_LIKE_HU)) {
            return tail;
        }
        seen[p] = true;
        queue[tail] = p;
        return tail + 1;
    }

    /**
     * Smallest in-plane distance (mm) on slice k between a lung voxel and an outside-air voxel, over the edge
     * voxels of both (the nearest pair always lies on the edges); infinite without lung on the slice.
     */
    private static double thinnestWallMm(Phantom phantom, boolean[] outside, int k) {
        ScanVolume v = phantom.volume();
        List<int[]> lungEdge = new ArrayList<>();
        List<int[]> skin = new ArrayList<>();
        for (int j = 1; j < v.height() - 1; j++) {
            for (int i = 1; i < v.width() - 1; i++) {
                int n = v.index(i, j, k);
                if (phantom.inLung(i, j, k) && !(phantom.inLung(i - 1, j, k) && phantom.inLung(i + 1, j, k)
                        && phantom.inLung(i, j - 1, k) && phantom.inLung(i, j + 1, k))) {
                    lungEdge.add(new int[] {i, j});
                }
                if (outside[n]
                        && !(outside[n - 1] && outside[n + 1] && outside[n - v.width()] && outside[n + v.width()])) {
                    skin.add(new int[] {i, j});
                }
            }
        }
        double best = Double.POSITIVE_INFINITY;
        for (int[] a : lungEdge) {
            for (int[] b : skin) {
                best = Math.min(best, Math.hypot((a[0] - b[0]) * v.spacingX(), (a[1] - b[1]) * v.spacingY()));
            }
        }
        return best;
    }
}
