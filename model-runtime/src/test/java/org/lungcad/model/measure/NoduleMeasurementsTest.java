package org.lungcad.model.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.lungcad.model.NoduleType;
import org.lungcad.model.ScanVolume;
import org.lungcad.model.testing.Phantoms;

class NoduleMeasurementsTest {

    private final NoduleSegmenter segmenter = new NoduleSegmenter(SegmenterConfig.DEFAULT);

    private NoduleMeasurements measure(ScanVolume v, double[] c, double estimateMm) {
        NoduleSegmentation seg = segmenter.segment(v, null, c, estimateMm).orElseThrow();
        NoduleMeasurements m = NoduleMeasurements.of(seg, SegmenterConfig.DEFAULT);
        System.out.println(m);
        return m;
    }

    @ParameterizedTest
    @ValueSource(doubles = {8, 12, 20})
    void sphereDiameterAndVolume(double diameter) {
        ScanVolume v = Phantoms.box(64, 64, 40, 0.7, 0.7, 1.0, Phantoms.LUNG_HU);
        double[] c = Phantoms.add(Phantoms.center(v), 0.3, -0.2, 0.4);
        Phantoms.sphere(v, c, diameter, Phantoms.SOFT_TISSUE_HU);
        // the filter's size estimate is rough: give it 20 % off
        NoduleMeasurements m = measure(v, c, diameter * 0.8);
        double expectedVolume = Math.PI / 6 * Math.pow(diameter, 3);
        assertThat(m.meanDiameterMm()).isCloseTo(diameter, within(1.0));
        assertThat(m.volumeMm3()).isCloseTo(expectedVolume, within(0.15 * expectedVolume));
        assertThat(m.type()).isEqualTo(NoduleType.SOLID);
        assertThat(m.sphericity()).isGreaterThan(0.8);
        assertThat(m.elongation()).isLessThan(1.2);
        assertThat(m.spiculation()).isLessThan(0.3);
        assertThat(m.meanHu()).isBetween(-300.0, 60.0);
    }

    @Test
    void ellipsoidAxesInTheAxialPlane() {
        ScanVolume v = Phantoms.box(64, 64, 30, 0.7, 0.7, 1.0, Phantoms.LUNG_HU);
        double[] c = Phantoms.center(v);
        // semi-axes 8 mm along x, 4 mm along y, 5 mm along z: long 16, short 8
        Phantoms.ellipsoid(v, c, 8, 4, 5, Phantoms.SOFT_TISSUE_HU, 0.5);
        NoduleMeasurements m = measure(v, c, 10);
        assertThat(m.longAxisMm()).isCloseTo(16, within(1.0));
        assertThat(m.shortAxisMm()).isCloseTo(8, within(1.0));
        assertThat(m.meanDiameterMm()).isCloseTo(12, within(1.0));
        assertThat(m.elongation()).isGreaterThan(1.5);
    }

    @ParameterizedTest
    @ValueSource(doubles = {30, -60, 0})
    void longAxisEndPointsLieOnTheTurnedEllipsoidsAxis(double angleDeg) {
        ScanVolume v = Phantoms.box(64, 64, 30, 0.7, 0.7, 1.0, Phantoms.LUNG_HU);
        double[] c = Phantoms.add(Phantoms.center(v), 0.2, -0.3, 0.1);
        // long axis 16 mm at angleDeg to the row direction (+x here), short 8 mm, 10 mm through-plane
        Phantoms.ellipsoid(v, c, 8, 4, 5, angleDeg, Phantoms.SOFT_TISSUE_HU, 0.5);
        NoduleMeasurements m = measure(v, c, 10);
        double[] u = {Math.cos(Math.toRadians(angleDeg)), Math.sin(Math.toRadians(angleDeg)), 0};
        double[] a = m.longAxisStartLps();
        double[] b = m.longAxisEndLps();
        // either end may come first
        double[] plus = dot(sub(a, c), u) > 0 ? a : b;
        double[] minus = plus == a ? b : a;
        double plusOff = distance(plus, Phantoms.add(c, 8 * u[0], 8 * u[1], 0));
        double minusOff = distance(minus, Phantoms.add(c, -8 * u[0], -8 * u[1], 0));
        System.out.printf("%.0f deg: ends off by %.2f and %.2f mm%n", angleDeg, plusOff, minusOff);
        assertThat(plusOff).isLessThan(1.0);
        assertThat(minusOff).isLessThan(1.0);
        assertThat(a[2]).as("both ends on one axial slice").isEqualTo(b[2]);
        assertThat(distance(a, b)).isCloseTo(m.longAxisMm(), within(1e-9));
        assertThat(m.longAxisMm()).isCloseTo(16, within(1.0));
    }

    @Test
    void groundGlassAndPartSolid() {
        ScanVolume v = Phantoms.box(64, 64, 30, 0.7, 0.7, 1.0, Phantoms.LUNG_HU);
        double[] c = Phantoms.center(v);
        Phantoms.sphere(v, c, 12, -550f);
        NoduleMeasurements ggn = measure(v, c, 10);
        assertThat(ggn.type()).isEqualTo(NoduleType.GROUND_GLASS);
        assertThat(ggn.meanDiameterMm()).isCloseTo(12, within(1.5));

        Phantoms.sphere(v, c, 5, Phantoms.SOFT_TISSUE_HU);
        NoduleMeasurements partSolid = measure(v, c, 10);
        assertThat(partSolid.type()).isEqualTo(NoduleType.PART_SOLID);
        assertThat(partSolid.solidComponentMm()).isBetween(3.5, 7.0);
    }

    /**
     * Partial volume on 2.5 mm slices, centre half-way between two: a 3.5 mm solid dot's mean falls below the
     * solid threshold, yet it is solid; an 8 mm ground-glass nodule stays ground glass, and one with a 4 mm solid
     * core part-solid.
     */
    @Test
    void typeFollowsTheEvidenceOnThickSlices() {
        // centre half-way between slices 6 and 7
        double[] c = Phantoms.box(64, 64, 15, 0.7, 0.7, 2.5, Phantoms.LUNG_HU).toPatient(31.5, 31.5, 6.5);
        ScanVolume dot = partialVolume(c, 3.5, Phantoms.SOFT_TISSUE_HU, 0, 0);
        NoduleMeasurements solid = measure(dot, c, 3.5);
        assertThat(solid.meanHu()).isLessThan(-300);
        assertThat(solid.type()).isEqualTo(NoduleType.SOLID);

        assertThat(measure(partialVolume(c, 8, -600f, 0, 0), c, 8).type()).isEqualTo(NoduleType.GROUND_GLASS);
        assertThat(measure(partialVolume(c, 8, -600f, 4, Phantoms.SOFT_TISSUE_HU), c, 8).type())
                .isEqualTo(NoduleType.PART_SOLID);
    }

    /** 0.7 x 0.7 x 2.5 mm voxels each the average of a ball (with an optional core) over 5 x 5 x 11 sub-samples. */
    private static ScanVolume partialVolume(double[] c, double d, float hu, double coreD, float coreHu) {
        ScanVolume v = Phantoms.box(64, 64, 15, 0.7, 0.7, 2.5, Phantoms.LUNG_HU);
        for (int k = 0; k < v.depth(); k++) {
            for (int j = 0; j < v.height(); j++) {
                for (int i = 0; i < v.width(); i++) {
                    double sum = 0;
                    int n = 0;
                    for (int a = -2; a <= 2; a++) {
                        for (int b = -2; b <= 2; b++) {
                            for (int e = -5; e <= 5; e++) {
                                double[] p = v.toPatient(i + a / 5.0, j + b / 5.0, k + e / 11.0);
                                double r = distance(p, c);
                                sum += r <= coreD / 2 ? coreHu : r <= d / 2 ? hu : Phantoms.LUNG_HU;
                                n++;
                            }
                        }
                    }
                    v.hu()[v.index(i, j, k)] = (float) (sum / n);
                }
            }
        }
        return v;
    }

    @Test
    void vesselAttachedToTheNoduleIsCutOff() {
        ScanVolume v = Phantoms.box(64, 64, 40, 0.7, 0.7, 1.0, Phantoms.LUNG_HU);
        double[] c = Phantoms.center(v);
        Phantoms.sphere(v, c, 10, Phantoms.SOFT_TISSUE_HU);
        Phantoms.tube(v, c, new double[] {1, 0.4, 0.2}, 2.5, Phantoms.SOFT_TISSUE_HU);
        NoduleMeasurements m = measure(v, c, 10);
        assertThat(m.longAxisMm()).isLessThan(13.5);
        assertThat(m.volumeMm3()).isLessThan(1.3 * Math.PI / 6 * 1000);
    }

    private static double[] sub(double[] a, double[] b) {
        return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    private static double distance(double[] a, double[] b) {
        double[] d = sub(a, b);
        return Math.sqrt(dot(d, d));
    }
}
