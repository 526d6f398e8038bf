package org.lungcad.model.resample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.lungcad.model.ScanVolume;

class IsotropicResamplerTest {

    /** HU as a linear function of patient position: trilinear interpolation reproduces it exactly. */
    private static double field(double[] p) {
        return 2 * p[0] - 3 * p[1] + 0.5 * p[2];
    }

    private static ScanVolume obliqueScan() {
        int w = 40;
        int h = 30;
        int d = 12;
        double[] row = {0.6, 0.8, 0};
        double[] col = {-0.8, 0.6, 0};
        double[] slice = {0, 0, 1};
        ScanVolume shape = new ScanVolume(w, h, d, new float[w * h * d], 0.7, 0.7, 2.5,
                new double[] {-100, 50.5, -300}, row, col, slice);
        float[] hu = shape.hu();
        for (int k = 0; k < d; k++) {
            for (int j = 0; j < h; j++) {
                for (int i = 0; i < w; i++) {
                    hu[shape.index(i, j, k)] = (float) field(shape.toPatient(i, j, k));
                }
            }
        }
        return shape;
    }

    @Test
    void keepsGeometryAndPatientPositions() {
        ScanVolume scan = obliqueScan();
        ScanVolume work = new IsotropicResampler(ResampleConfig.DEFAULT).resample(scan);
        assertThat(work.spacingX()).isEqualTo(1.0);
        assertThat(work.spacingZ()).isEqualTo(1.0);
        assertThat(work.origin()).containsExactly(scan.origin());
        assertThat(work.rowDirection()).containsExactly(scan.rowDirection());
        assertThat(work.sliceDirection()).containsExactly(scan.sliceDirection());
        assertThat(work.width()).isEqualTo(28);
        assertThat(work.depth()).isEqualTo(28);
        Random random = new Random(7);
        for (int n = 0; n < 200; n++) {
            int i = random.nextInt(work.width());
            int j = random.nextInt(work.height());
            int k = random.nextInt(work.depth());
            double[] p = work.toPatient(i, j, k);
            assertThat((double) work.at(i, j, k)).isCloseTo(field(p), within(1e-2));
        }
        // a known patient position reads the same HU on both grids
        double[] known = scan.toPatient(10, 20, 2);
        double[] v = work.toVoxel(known);
        assertThat(v[0]).isCloseTo(Math.rint(v[0]), within(1e-9));
        assertThat((double) work.at((int) Math.rint(v[0]), (int) Math.rint(v[1]), (int) Math.rint(v[2])))
                .isCloseTo(scan.at(10, 20, 2), within(1e-2));
    }

    @Test
    void rejectsSillySpacing() {
        assertThatThrownBy(() -> new ResampleConfig(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ResampleConfig(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
