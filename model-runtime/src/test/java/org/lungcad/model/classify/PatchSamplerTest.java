package org.lungcad.model.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.lungcad.model.ScanVolume;
import org.lungcad.model.engine.ModelDescriptor.InputSpec;

class PatchSamplerTest {

    static final InputSpec INPUT = new InputSpec(32, 32, 32, 1.0, -1000, 400, PatchLayout.TRIPLANAR);

    /** Lung (-850 HU) at 0.8 x 0.8 x 2 mm with a 3 mm vessel along z through (20, 20) mm and an 8 mm ball at (40, 40, 30). */
    static ScanVolume vesselAndBall() {
        int w = 80;
        int h = 80;
        int d = 30;
        float[] hu = new float[w * h * d];
        for (int k = 0; k < d; k++) {
            for (int j = 0; j < h; j++) {
                for (int i = 0; i < w; i++) {
                    double x = i * 0.8;
                    double y = j * 0.8;
                    double z = k * 2.0;
                    boolean vessel = Math.hypot(x - 20, y - 20) < 1.5;
                    boolean ball = Math.sqrt(Math.pow(x - 40, 2) + Math.pow(y - 40, 2) + Math.pow(z - 30, 2)) < 4;
                    hu[(k * h + j) * w + i] = vessel || ball ? 40 : -850;
                }
            }
        }
        return ScanVolume.axial(w, h, d, hu, 0.8, 0.8, 2.0, new double[] {0, 0, 0});
    }

    @Test
    void triplanarPatchShowsAVesselAsADotAxiallyAndALineInTheOtherPlanes() {
        Patch p = new PatchSampler(INPUT).sample(vesselAndBall(), new double[] {20, 20, 30});
        assertThat(p.shape()).containsExactly(3, 32, 32);
        // the patch centre lies between voxels 15 and 16; 10 mm off-centre is parenchyma
        assertThat(at(p, 0, 16, 16)).isGreaterThan(0);
        assertThat(at(p, 0, 16, 26)).isLessThan(-800);
        assertThat(at(p, 0, 26, 16)).isLessThan(-800);
        // coronal (x across, z down) and sagittal (y across, z down): bright along the whole column
        for (int row : new int[] {4, 16, 27}) {
            assertThat(at(p, 1, row, 16)).isGreaterThan(0);
            assertThat(at(p, 2, row, 16)).isGreaterThan(0);
        }
        assertThat(at(p, 1, 16, 26)).isLessThan(-800);
    }

    @Test
    void aRotatedFrameTurnsTheVesselIntoALineAxially() {
        // u = L, v = S, w = -P: the patch's "axial" plane is the patient's coronal plane
        double[][] axes = {{1, 0, 0}, {0, 0, 1}, {0, -1, 0}};
        Patch p = new PatchSampler(INPUT).sample(vesselAndBall(), new double[] {20, 20, 30}, axes);
        for (int row : new int[] {4, 16, 27}) {
            assertThat(at(p, 0, row, 16)).isGreaterThan(0);
        }
        assertThat(at(p, 0, 16, 26)).isLessThan(-800);
    }

    @Test
    void aBallIsRoundInEveryPlaneAndOutsideTheScanIsAir() {
        Patch p = new PatchSampler(INPUT).sample(vesselAndBall(), new double[] {40, 40, 30});
        for (int c = 0; c < 3; c++) {
            assertThat(at(p, c, 16, 16)).isGreaterThan(0);
            assertThat(at(p, c, 16, 22)).isLessThan(-800);
            assertThat(at(p, c, 22, 16)).isLessThan(-800);
        }
        Patch edge = new PatchSampler(INPUT).sample(vesselAndBall(), new double[] {2, 2, 30});
        assertThat(at(edge, 0, 0, 0)).isEqualTo(-1000f);
    }

    @Test
    void volumeLayoutKeepsTheCube() {
        InputSpec cube = new InputSpec(16, 12, 8, 1.0, -1000, 400, PatchLayout.VOLUME);
        Patch p = new PatchSampler(cube).sample(vesselAndBall(), new double[] {40, 40, 30});
        assertThat(p.shape()).containsExactly(1, 8, 12, 16);
        assertThat(p.hu()[(4 * 12 + 6) * 16 + 8]).isGreaterThan(0);
        assertThatThrownBy(() -> new InputSpec(16, 12, 8, 1.0, -1000, 400, PatchLayout.TRIPLANAR))
                .hasMessageContaining("cubic");
    }

    static float at(Patch p, int channel, int row, int col) {
        int n = (int) p.shape()[1];
        return p.hu()[channel * n * n + row * n + col];
    }
}
