package org.lungcad.model.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.lungcad.model.ScanVolume;

class ShellStructureTest {

    private static final int N = 64;
    private static final double C = 32;
    private static final float LUNG = -850f;
    private static final float TISSUE = 40f;

    @Test
    void anIsolatedNoduleHasNothingLeavingIt() {
        ScanVolume v = volume((x, y, z) -> ball(x, y, z, 4));
        ShellStructure s = ShellStructure.around(v, centre(), 4);
        assertThat(s.branches()).isZero();
        assertThat(s.largestExitRatio()).isZero();
        assertThat(s.occupancy()).isZero();
    }

    @Test
    void aVesselSeenEndOnLeavesOnOppositeSidesAsThickAsItself() {
        ScanVolume v = volume((x, y, z) -> tube(x, y, z, new double[] {0, 0, 1}, 1.5));
        ShellStructure s = ShellStructure.around(v, centre(), 1.5);
        assertThat(s.branches()).isEqualTo(2);
        assertThat(s.opposite()).isTrue();
        assertThat(s.largestExitRatio()).isBetween(0.7, 1.6);
    }

    @Test
    void aJunctionHasThreeBranches() {
        double a = Math.toRadians(120);
        ScanVolume v = volume((x, y, z) -> ray(x, y, z, new double[] {1, 0, 0}, 1.5)
                || ray(x, y, z, new double[] {Math.cos(a), Math.sin(a), 0}, 1.5)
                || ray(x, y, z, new double[] {Math.cos(a), -Math.sin(a), 0}, 1.5));
        ShellStructure s = ShellStructure.around(v, centre(), 2.0);
        assertThat(s.branches()).isEqualTo(3);
        assertThat(s.opposite()).isFalse();
    }

    @Test
    void aVesselThroughALargerNoduleIsThinBesideIt() {
        ScanVolume v = volume((x, y, z) -> ball(x, y, z, 4.5) || tube(x, y, z, new double[] {0.6, 0, 0.8}, 1.0));
        ShellStructure s = ShellStructure.around(v, centre(), 4.5);
        assertThat(s.branches()).isEqualTo(2);
        assertThat(s.opposite()).isTrue();
        assertThat(s.largestExitRatio()).isLessThan(0.45);
    }

    @Test
    void aNoduleAtTheEndOfAVesselHasOneBranch() {
        ScanVolume v = volume((x, y, z) -> ball(x, y, z, 4) || ray(x, y, z, new double[] {0, 1, 0}, 1.0));
        ShellStructure s = ShellStructure.around(v, centre(), 4);
        assertThat(s.branches()).isEqualTo(1);
        assertThat(s.opposite()).isFalse();
    }

    @Test
    void theShellLiesJustOutsideTheBlob() {
        ScanVolume v = volume((x, y, z) -> false);
        assertThat(ShellStructure.around(v, centre(), 4).radiusMm()).isEqualTo(4 + ShellStructure.MARGIN_MM);
    }

    private interface Shape {
        boolean inside(double x, double y, double z);
    }

    private static double[] centre() {
        return new double[] {C, C, C};
    }

    private static boolean ball(double x, double y, double z, double r) {
        return x * x + y * y + z * z <= r * r;
    }

    /** An infinite straight tube through the centre. */
    private static boolean tube(double x, double y, double z, double[] dir, double r) {
        double n = Math.sqrt(dir[0] * dir[0] + dir[1] * dir[1] + dir[2] * dir[2]);
        double along = (x * dir[0] + y * dir[1] + z * dir[2]) / n;
        return x * x + y * y + z * z - along * along <= r * r;
    }

    /** A tube from the centre outwards along {@code dir} only. */
    private static boolean ray(double x, double y, double z, double[] dir, double r) {
        double along = x * dir[0] + y * dir[1] + z * dir[2];
        return along >= 0 && tube(x, y, z, dir, r) || ball(x, y, z, r);
    }

    private static ScanVolume volume(Shape shape) {
        float[] hu = new float[N * N * N];
        for (int k = 0; k < N; k++) {
            for (int j = 0; j < N; j++) {
                for (int i = 0; i < N; i++) {
                    hu[(k * N + j) * N + i] = shape.inside(i - C, j - C, k - C) ? TISSUE : LUNG;
                }
            }
        }
        return ScanVolume.axial(N, N, N, hu, 1, 1, 1, new double[] {0, 0, 0});
    }
}
