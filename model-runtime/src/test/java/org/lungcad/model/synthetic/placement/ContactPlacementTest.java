package org.lungcad.model.synthetic.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lungcad.model.ScanVolume;
import org.lungcad.model.lung.LungMask;
import org.lungcad.model.synthetic.ChestPhantom;
import org.lungcad.model.synthetic.Placement;

/**
 * Juxtapleural and juxtavascular placement on chest phantoms ({@link ContactChecks}; the same checks run on the
 * real CT of LIDC-IDRI-0001 in cad-server), and the same positions for the same seed.
 */
class ContactPlacementTest {

    static ScanVolume phantom;
    static LungMask phantomLung;

    @BeforeAll
    static void load() {
        // 256 × 256 × 64 at 1.4 × 2.5 mm: vessels several voxels wide, made in a second or two
        phantom = ChestPhantom.generate(new ChestPhantom.Config(256, 256, 64, 1.4, 2.5, 15, false, 3)).volume();
        phantomLung = NodulePlacer.lungOf(phantom);
    }

    @Test
    void juxtapleuralOnThePhantomTouchesTheWall() {
        ContactChecks.juxtapleural(phantom, phantomLung, 11);
    }

    @Test
    void juxtavascularOnThePhantomTouchesAVessel() {
        ContactChecks.juxtavascular(phantom, phantomLung, 11);
    }

    @Test
    void contactPlacementsAlsoOnTheCoarseTestPhantom() {
        // 2.8 mm voxels, as synthesize --phantom-size SMALL; its airways must not pass for pleura
        ScanVolume small = ChestPhantom.generate(new ChestPhantom.Config(128, 128, 64, 2.8, 2.5, 15, false, 5)).volume();
        LungMask lung = NodulePlacer.lungOf(small);
        for (long seed = 1; seed <= 3; seed++) {
            ContactChecks.juxtapleural(small, lung, seed);
            ContactChecks.juxtavascular(small, lung, seed);
        }
    }

    @Test
    void sameSeedSamePositions() {
        assertThat(positions(5)).usingRecursiveComparison().isEqualTo(positions(5));
        assertThat(positions(6)).usingRecursiveComparison().isNotEqualTo(positions(5));
    }

    private static List<double[]> positions(long seed) {
        NodulePlacer placer = new NodulePlacer(phantom, phantomLung, List.of(), seed);
        List<double[]> out = new ArrayList<>();
        for (Placement p : Placement.values()) {
            out.add(placer.place(10, p).orElseThrow());
        }
        return out;
    }
}
