package org.lungcad.model.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lungcad.model.NoduleType;
import org.lungcad.model.ScanVolume;

class ChestPhantomTest {

    private static Phantom phantom;

    @BeforeAll
    static void generate() {
        phantom = ChestPhantom.generate(ChestPhantom.Config.small(7));
    }

    @Test
    void hasRealisticGeometry() {
        ScanVolume v = phantom.volume();
        assertThat(v.width()).isEqualTo(128);
        assertThat(v.origin()[0]).isCloseTo(-127 * 2.8 / 2, within(1e-9));
        assertThat(v.origin()[1]).isCloseTo(-127 * 2.8 / 2, within(1e-9));
        assertThat(v.sliceDirection()).containsExactly(0, 0, 1);
        assertThat(v.toPatient(63.5, 63.5, 0)[0]).isCloseTo(0, within(1e-9));
        assertThat(v.at(0, 0, 10)).as("air in the corner").isLessThan(-900f);
    }

    @Test
    void midChestIsLargelyLung() {
        ScanVolume v = phantom.volume();
        int k = v.depth() / 2;
        int body = 0;
        int air = 0;
        double[] c = {0, 0, 0};
        for (int j = 0; j < v.height(); j++) {
            for (int i = 0; i < v.width(); i++) {
                double[] p = v.toPatient(i, j, k);
                if (ChestPhantom.ellipse(p[0] - c[0], p[1] - ChestPhantom.BODY_YC, ChestPhantom.BODY_A, ChestPhantom.BODY_B) <= 1) {
                    body++;
                    if (v.at(i, j, k) < -500) {
                        air++;
                    }
                }
            }
        }
        assertThat((double) air / body).as("fraction of the body below -500 HU").isBetween(0.25, 0.6);
        double[] rightLung = v.toVoxel(new double[] {-80, 10, v.toPatient(0, 0, k)[2]});
        assertThat(phantom.inLung((int) rightLung[0], (int) rightLung[1], k)).isTrue();
        assertThat(phantom.lungVoxelCount()).isGreaterThan(50_000);
    }

    @Test
    void hasATracheaInsideTheBody() {
        ScanVolume v = phantom.volume();
        int k = (int) Math.round(v.depth() * 0.85);
        double z = v.toPatient(0, 0, k)[2];
        assertThat(hu(v, 0, -5, z)).as("trachea lumen").isLessThan(-900f);
        assertThat(hu(v, 0, -25, z)).as("soft tissue anterior to the trachea").isBetween(-150f, 150f);
        assertThat(hu(v, 0, 15, z)).as("soft tissue posterior to the trachea").isBetween(-150f, 150f);
    }

    @Test
    void isDeterministicForASeed() {
        Phantom again = ChestPhantom.generate(ChestPhantom.Config.small(7));
        Phantom other = ChestPhantom.generate(ChestPhantom.Config.small(8));
        assertThat(again.volume().hu()).isEqualTo(phantom.volume().hu());
        assertThat(other.volume().hu()).isNotEqualTo(phantom.volume().hu());
    }

    @Test
    void sampledPositionsAreDeepInLungAndTakeANodule() {
        List<double[]> positions = phantom.sampleLungPositions(4, 10, 1);
        assertThat(positions).hasSize(4);
        assertThat(phantom.sampleLungPositions(4, 10, 1)).usingRecursiveComparison().isEqualTo(positions);
        ScanVolume v = phantom.volume();
        for (double[] p : positions) {
            double[] vx = v.toVoxel(p);
            assertThat(phantom.inLung((int) Math.round(vx[0]), (int) Math.round(vx[1]), (int) Math.round(vx[2]))).isTrue();
        }
        var ins = new SyntheticNoduleInserter(SyntheticNoduleInserter.Config.DEFAULT).insert(v, "1.2.3",
                List.of(new NoduleSpec(positions.get(0), 15, NoduleType.SOLID, NoduleSpec.Shape.SMOOTH, 1)));
        double[] c = ins.volume().toVoxel(positions.get(0));
        assertThat(ins.volume().at((int) Math.round(c[0]), (int) Math.round(c[1]), (int) Math.round(c[2]))).isBetween(-100f, 100f);
    }

    @Test
    void rejectsAFieldOfViewTooSmallForTheBody() {
        assertThatThrownBy(() -> new ChestPhantom.Config(128, 128, 64, 0.7, 1.0, 15, false, 1))
                .hasMessageContaining("field of view");
        assertThatThrownBy(() -> new ChestPhantom.Config(512, 512, 64, 0.7, 1.0, 15, false, 1))
                .hasMessageContaining("z extent");
    }

    private static float hu(ScanVolume v, double x, double y, double z) {
        double[] p = v.toVoxel(new double[] {x, y, z});
        return v.at((int) Math.round(p[0]), (int) Math.round(p[1]), (int) Math.round(p[2]));
    }
}
