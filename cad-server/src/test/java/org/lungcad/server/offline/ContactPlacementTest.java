package org.lungcad.server.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lungcad.model.NoduleType;
import org.lungcad.model.ScanVolume;
import org.lungcad.model.synthetic.ChestPhantom;
import org.lungcad.model.synthetic.NoduleSpec;
import org.lungcad.model.synthetic.Placement;
import org.lungcad.model.synthetic.SyntheticNoduleInserter;

/**
 * Juxtapleural and juxtavascular placement, checked by brute force on the real CT of LIDC-IDRI-0001 (skipped where
 * the shared data is absent) and on a chest phantom: centres one radius (±1.5 mm) from the wall or a vessel, the
 * inserted nodule touching the tissue, the same positions for the same seed.
 */
class ContactPlacementTest {

    static final Path SERIES = Path.of(System.getProperty("lungcad.shared.data", "../../shared/data"))
            .resolve("lidc-idri-0001").resolve("series");
    static final double TOLERANCE_MM = 1.5;
    static final double[] DIAMETERS = {25, 15, 8, 4};

    static ScanVolume lidc;
    static LungRegion lidcLung;
    static ScanVolume phantom;
    static LungRegion phantomLung;

    @BeforeAll
    static void load() throws IOException {
        // 256 × 256 × 64 at 1.4 × 2.5 mm: vessels several voxels wide, made in a second or two
        phantom = ChestPhantom.generate(new ChestPhantom.Config(256, 256, 64, 1.4, 2.5, 15, false, 3)).volume();
        phantomLung = LungRegion.of(phantom);
        if (Files.isDirectory(SERIES)) {
            PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
            lidc = LoadedSeries.firstQualifying(SERIES, quiet).map(LoadedSeries::scan).orElse(null);
            lidcLung = lidc == null ? null : LungRegion.of(lidc);
        }
    }

    @Test
    void juxtapleuralOnTheRealCtTouchesTheWall() {
        assumeLidc();
        checkJuxtapleural(lidc, lidcLung, 7);
    }

    @Test
    void juxtavascularOnTheRealCtTouchesAVessel() {
        assumeLidc();
        checkJuxtavascular(lidc, lidcLung, 7);
    }

    @Test
    void juxtapleuralOnThePhantomTouchesTheWall() {
        checkJuxtapleural(phantom, phantomLung, 11);
    }

    @Test
    void juxtavascularOnThePhantomTouchesAVessel() {
        checkJuxtavascular(phantom, phantomLung, 11);
    }

    @Test
    void contactPlacementsAlsoOnTheCoarseTestPhantom() {
        // 2.8 mm voxels, as synthesize --phantom-size SMALL; its airways must not pass for pleura
        ScanVolume small = ChestPhantom.generate(new ChestPhantom.Config(128, 128, 64, 2.8, 2.5, 15, false, 5)).volume();
        LungRegion lung = LungRegion.of(small);
        for (long seed = 1; seed <= 3; seed++) {
            checkJuxtapleural(small, lung, seed);
            checkJuxtavascular(small, lung, seed);
        }
    }

    @Test
    void sameSeedSamePositions() {
        assertThat(positions(phantom, phantomLung, 5)).usingRecursiveComparison().isEqualTo(positions(phantom, phantomLung, 5));
        assertThat(positions(phantom, phantomLung, 6)).usingRecursiveComparison().isNotEqualTo(positions(phantom, phantomLung, 5));
    }

    private static void checkJuxtapleural(ScanVolume v, LungRegion lung, long seed) {
        NodulePlacer placer = new NodulePlacer(v, lung, List.of(), seed);
        for (double d : DIAMETERS) {
            double r = d / 2;
            double[] c = placer.place(d, Placement.JUXTAPLEURAL).orElseThrow();
            double toBoundary = ContactGeometry.nearest(v, c, r + 3, (i, j, k) -> !lung.contains(i, j, k));
            assertThat(toBoundary).as("%.0f mm nodule: distance to the lung boundary", d).isBetween(r - TOLERANCE_MM, r + TOLERANCE_MM);
            assertThat(insertedTouches(v, lung, c, d)).as("%.0f mm nodule touches the wall", d).isTrue();
            // parenchyma, not an airway's lumen (the lung region holds the airways)
            assertThat(ContactGeometry.meanLungHu(v, lung, c, r)).as("%.0f mm nodule: in parenchyma", d)
                    .isGreaterThan(-960.0);
        }
    }

    private static void checkJuxtavascular(ScanVolume v, LungRegion lung, long seed) {
        NodulePlacer placer = new NodulePlacer(v, lung, List.of(), seed);
        for (double d : DIAMETERS) {
            double r = d / 2;
            double[] c = placer.place(d, Placement.JUXTAVASCULAR).orElseThrow();
            double toVessel = ContactGeometry.nearest(v, c, r + 3,
                    (i, j, k) -> ContactGeometry.inside(v, i, j, k) && v.at(i, j, k) > -300);
            assertThat(toVessel).as("%.0f mm nodule: distance to a vessel", d).isBetween(r - TOLERANCE_MM, r + TOLERANCE_MM);
            assertThat(lung.contains(round(v.toVoxel(c)[0]), round(v.toVoxel(c)[1]), round(v.toVoxel(c)[2]))).isTrue();
            assertThat(insertedTouches(v, lung, c, d)).as("%.0f mm nodule touches the vessel", d).isTrue();
            // parenchyma, not an airway's lumen (the lung region holds the airways)
            assertThat(ContactGeometry.meanLungHu(v, lung, c, r)).as("%.0f mm nodule: in parenchyma", d)
                    .isGreaterThan(-960.0);
        }
    }

    private static boolean insertedTouches(ScanVolume v, LungRegion lung, double[] c, double d) {
        ScanVolume after = new SyntheticNoduleInserter(SyntheticNoduleInserter.Config.DEFAULT).insert(v, "1",
                List.of(new NoduleSpec(c, d, NoduleType.SOLID, NoduleSpec.Shape.SMOOTH, 1))).volume();
        return ContactGeometry.touches(v, after, lung, c, d / 2 + 2, 100);
    }

    private static List<double[]> positions(ScanVolume v, LungRegion lung, long seed) {
        NodulePlacer placer = new NodulePlacer(v, lung, List.of(), seed);
        List<double[]> out = new ArrayList<>();
        for (Placement p : Placement.values()) {
            Optional<double[]> c = placer.place(10, p);
            out.add(c.orElseThrow());
        }
        return out;
    }

    private static void assumeLidc() {
        assumeTrue(lidc != null, "shared data absent at " + SERIES.toAbsolutePath() + " (set -Dlungcad.shared.data): skipped");
    }

    private static int round(double x) {
        return (int) Math.round(x);
    }
}
