package org.lungcad.model.lung;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lungcad.model.Lobe;
import org.lungcad.model.ScanVolume;
import org.lungcad.model.testing.Phantoms;

class LungMaskExtractorTest {

    private static NDManager root;
    private static ScanVolume thorax;
    private static LungMask mask;
    /** Juxtapleural nodule: 10 mm, centred on the left lung's lateral border. */
    private static final double[] BUMP = {Phantoms.LUNG_X + 40, 0, 0};

    @BeforeAll
    static void extract() {
        root = NDManager.newBaseManager();
        thorax = Phantoms.thorax(2.0);
        Phantoms.sphere(thorax, BUMP, 10, Phantoms.SOFT_TISSUE_HU);
        mask = new LungMaskExtractor(root, LungMaskConfig.DEFAULT).extract(thorax);
    }

    @AfterAll
    static void stop() {
        root.close();
    }

    @Test
    void keepsBothLungsAndNamesThemByPatientX() {
        assertThat(mask.containsPatient(new double[] {Phantoms.LUNG_X, 0, 0})).isTrue();
        assertThat(mask.containsPatient(new double[] {-Phantoms.LUNG_X, 0, 0})).isTrue();
        double[] v = thorax.toVoxel(new double[] {Phantoms.LUNG_X, 10, 5});
        assertThat(mask.side((int) v[0], (int) v[1], (int) v[2])).isEqualTo(LungSide.LEFT);
        v = thorax.toVoxel(new double[] {-Phantoms.LUNG_X, 10, 5});
        assertThat(mask.side((int) v[0], (int) v[1], (int) v[2])).isEqualTo(LungSide.RIGHT);
        double lungMl = 4.0 / 3 * Math.PI * 40 * 55 * 40 / 1000;
        assertThat(mask.voxelCount(LungSide.LEFT) * 8 / 1000.0).isBetween(0.9 * lungMl, 1.2 * lungMl);
    }

    @Test
    void excludesOutsideAirBodyAndTrachea() {
        assertThat(mask.containsPatient(new double[] {-125, -90, 0})).as("outside air").isFalse();
        assertThat(mask.containsPatient(new double[] {0, 60, 0})).as("body").isFalse();
        assertThat(mask.containsPatient(new double[] {0, -20, 40})).as("trachea").isFalse();
    }

    @Test
    void keepsTheJuxtapleuralNoduleInside() {
        assertThat(mask.containsPatient(BUMP)).isTrue();
        assertThat(mask.containsPatient(new double[] {BUMP[0] - 3, 0, 0})).isTrue();
        // but not the chest wall well beyond it
        assertThat(mask.containsPatient(new double[] {BUMP[0] + 14, 0, 0})).isFalse();
    }

    @Test
    void geometricLobes() {
        double top = 30;
        double bottom = -30;
        assertThat(mask.lobeAt(new double[] {Phantoms.LUNG_X, -20, top})).isEqualTo(Lobe.LEFT_UPPER);
        assertThat(mask.lobeAt(new double[] {Phantoms.LUNG_X, 30, bottom})).isEqualTo(Lobe.LEFT_LOWER);
        assertThat(mask.lobeAt(new double[] {-Phantoms.LUNG_X, -20, top})).isEqualTo(Lobe.RIGHT_UPPER);
        assertThat(mask.lobeAt(new double[] {-Phantoms.LUNG_X, -35, -10})).isEqualTo(Lobe.RIGHT_MIDDLE);
        assertThat(mask.lobeAt(new double[] {-Phantoms.LUNG_X, 30, bottom})).isEqualTo(Lobe.RIGHT_LOWER);
        assertThat(mask.lobeAt(new double[] {0, 80, 0})).isIn(Lobe.values());
    }

    @Test
    void splitsLungsJoinedAtTheAnteriorJunction() {
        ScanVolume joined = Phantoms.thorax(2.0);
        // an air bridge between the lungs, in front of the mediastinum
        float[] hu = joined.hu();
        for (int k = 0; k < joined.depth(); k++) {
            for (int j = 0; j < joined.height(); j++) {
                for (int i = 0; i < joined.width(); i++) {
                    double[] p = joined.toPatient(i, j, k);
                    if (Math.abs(p[0]) < 30 && p[1] > -42 && p[1] < -34 && Math.abs(p[2]) < 12) {
                        hu[joined.index(i, j, k)] = Phantoms.LUNG_HU;
                    }
                }
            }
        }
        LungMask m = new LungMaskExtractor(root, LungMaskConfig.DEFAULT).extract(joined);
        long right = m.voxelCount(LungSide.RIGHT);
        long left = m.voxelCount(LungSide.LEFT);
        assertThat(right).isPositive();
        assertThat((double) left / right).isBetween(0.8, 1.25);
        double[] v = joined.toVoxel(new double[] {Phantoms.LUNG_X, 0, 0});
        assertThat(m.side((int) v[0], (int) v[1], (int) v[2])).isEqualTo(LungSide.LEFT);
    }
}
