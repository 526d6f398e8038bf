package org.lungcad.model.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.lungcad.model.NoduleType;
import org.lungcad.model.ScanVolume;

class SyntheticNoduleInserterTest {

    private static final SyntheticNoduleInserter INSERTER = new SyntheticNoduleInserter(SyntheticNoduleInserter.Config.DEFAULT);

    /** Lung parenchyma, -850 HU with 20 HU white noise, 0.7 x 0.7 x 1.0 mm, 44.8 x 44.8 x 48 mm. */
    static ScanVolume lungBlock(long seed) {
        int w = 64;
        int h = 64;
        int d = 48;
        float[] hu = new float[w * h * d];
        SplittableRandom r = new SplittableRandom(seed);
        for (int n = 0; n < hu.length; n++) {
            hu[n] = (float) (-850 + 20 * r.nextGaussian());
        }
        return ScanVolume.axial(w, h, d, hu, 0.7, 0.7, 1.0, new double[] {-20, 30, -120});
    }

    static double[] centre(ScanVolume v) {
        return v.toPatient((v.width() - 1) / 2.0, (v.height() - 1) / 2.0, (v.depth() - 1) / 2.0);
    }

    @ParameterizedTest(name = "{0} mm")
    @ValueSource(doubles = {6, 10, 15, 20})
    void solidNoduleHasRequestedEquivalentDiameter(double diameter) {
        ScanVolume in = lungBlock(1);
        var ins = INSERTER.insert(in, "1.2.3", List.of(new NoduleSpec(centre(in), diameter, NoduleType.SOLID, NoduleSpec.Shape.SMOOTH, 42)));
        double measured = equivalentDiameter(ins.volume(), -400);
        assertThat(measured).as("equivalent-sphere diameter").isCloseTo(diameter, within(1.0));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(NoduleSpec.Shape.class)
    void sizeHoldsOnThickSlicesForEveryShape(NoduleSpec.Shape shape) {
        float[] hu = new float[48 * 48 * 20];
        SplittableRandom r = new SplittableRandom(3);
        for (int n = 0; n < hu.length; n++) {
            hu[n] = (float) (-850 + 20 * r.nextGaussian());
        }
        ScanVolume in = ScanVolume.axial(48, 48, 20, hu, 1.0, 1.0, 2.5, new double[] {0, 0, 0});
        var ins = INSERTER.insert(in, "1", List.of(new NoduleSpec(centre(in), 8, NoduleType.SOLID, shape, 4)));
        assertThat(equivalentDiameter(ins.volume(), -400)).isCloseTo(8, within(1.0));
    }

    @Test
    void lobulatedNoduleKeepsItsVolume() {
        ScanVolume in = lungBlock(2);
        var ins = INSERTER.insert(in, "1.2.3", List.of(new NoduleSpec(centre(in), 12, NoduleType.SOLID, NoduleSpec.Shape.LOBULATED, 5)));
        assertThat(equivalentDiameter(ins.volume(), -400)).isCloseTo(12, within(1.0));
    }

    @Test
    void centreVoxelIsInTheTypesRange() {
        ScanVolume in = lungBlock(3);
        double[] c = centre(in);
        assertThat(centreHu(in, c, NoduleType.SOLID)).isBetween(-100f, 100f);
        assertThat(centreHu(in, c, NoduleType.GROUND_GLASS)).isBetween(-750f, -300f);
        assertThat(centreHu(in, c, NoduleType.PART_SOLID)).isBetween(-100f, 100f); // solid core in the centre
        assertThat(centreHu(in, c, NoduleType.CALCIFIED)).isGreaterThan(200f);
    }

    @Test
    void partSolidHasGroundGlassHalo() {
        ScanVolume in = lungBlock(4);
        double[] c = centre(in);
        var ins = INSERTER.insert(in, "1.2.3", List.of(new NoduleSpec(c, 16, NoduleType.PART_SOLID, NoduleSpec.Shape.SMOOTH, 9)));
        // 6 mm from the centre: outside the 8 mm core (radius 4), inside the 16 mm nodule (radius 8)
        double[] v = ins.volume().toVoxel(new double[] {c[0] + 6, c[1], c[2]});
        float halo = ins.volume().at((int) Math.round(v[0]), (int) Math.round(v[1]), (int) Math.round(v[2]));
        assertThat(halo).isBetween(-750f, -300f);
        assertThat(ins.groundTruth().get(0).solidComponentMm()).isEqualTo(8.0);
    }

    @Test
    void inputIsUnchangedAndResultIsDeterministic() {
        ScanVolume in = lungBlock(5);
        float[] before = in.hu().clone();
        List<NoduleSpec> specs = List.of(
                new NoduleSpec(centre(in), 8, NoduleType.SOLID, NoduleSpec.Shape.SPICULATED, 11),
                new NoduleSpec(in.toPatient(15, 15, 12), 5, NoduleType.GROUND_GLASS, NoduleSpec.Shape.SMOOTH, 12));
        var a = INSERTER.insert(in, "1.2.3", specs);
        var b = INSERTER.insert(in, "1.2.3", specs);
        assertThat(in.hu()).isEqualTo(before);
        assertThat(a.volume().hu()).isEqualTo(b.volume().hu()).isNotEqualTo(before);
        assertThat(a.groundTruth()).hasSize(2);
        var other = INSERTER.insert(in, "1.2.3", List.of(new NoduleSpec(centre(in), 8, NoduleType.SOLID, NoduleSpec.Shape.SPICULATED, 99)));
        assertThat(other.volume().hu()).isNotEqualTo(a.volume().hu());
    }

    @Test
    void noiseInsideMatchesTheScan() {
        ScanVolume in = lungBlock(6);
        var ins = INSERTER.insert(in, "1.2.3", List.of(new NoduleSpec(centre(in), 20, NoduleType.SOLID, NoduleSpec.Shape.SMOOTH, 3)));
        assertThat(ins.groundTruth().get(0).noiseSdHu()).isCloseTo(20, within(3.0));
    }

    @Test
    void denserNeighboursAreKept() {
        ScanVolume in = lungBlock(7);
        float[] hu = in.hu().clone();
        // a +40 HU "chest wall" occupying the slab i < 20
        for (int k = 0; k < in.depth(); k++) {
            for (int j = 0; j < in.height(); j++) {
                for (int i = 0; i < 20; i++) {
                    hu[in.index(i, j, k)] = 40;
                }
            }
        }
        ScanVolume wall = ScanVolume.axial(in.width(), in.height(), in.depth(), hu, 0.7, 0.7, 1.0, in.origin());
        var ins = INSERTER.insert(wall, "1.2.3",
                List.of(new NoduleSpec(wall.toPatient(24, 32, 24), 10, NoduleType.GROUND_GLASS, NoduleSpec.Shape.SMOOTH, 8)));
        assertThat(ins.volume().at(17, 32, 24)).isEqualTo(40f);
        assertThat(ins.volume().at(26, 32, 24)).isBetween(-750f, -300f);
    }

    @Test
    void rejectsCentreOutsideAndBadSpecs() {
        ScanVolume in = lungBlock(8);
        assertThatThrownBy(() -> INSERTER.insert(in, "1", List.of(new NoduleSpec(new double[] {500, 0, 0}, 8,
                NoduleType.SOLID, NoduleSpec.Shape.SMOOTH, 1)))).hasMessageContaining("outside");
        assertThatThrownBy(() -> new NoduleSpec(new double[] {0, 0, 0}, 1, NoduleType.SOLID, NoduleSpec.Shape.SMOOTH, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SyntheticNoduleInserter.Config(1.0, 1, 0.6, 20, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void groundTruthCsvKeepsLuna16Columns(@TempDir Path dir) throws Exception {
        ScanVolume in = lungBlock(9);
        var ins = INSERTER.insert(in, "1.2.840.1", List.of(
                new NoduleSpec(centre(in), 8, NoduleType.PART_SOLID, NoduleSpec.Shape.LOBULATED, 21)));
        Path csv = dir.resolve("annotations.csv");
        GroundTruthCsv.write(csv, ins.groundTruth());
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).startsWith("seriesuid,coordX,coordY,coordZ,diameter_mm,");
        double[] c = centre(in);
        assertThat(lines.get(1)).startsWith(String.format(java.util.Locale.ROOT, "1.2.840.1,%.4f,%.4f,%.4f,8.0000,PART_SOLID,LOBULATED,4.0000,", c[0], c[1], c[2]));
        List<GroundTruth> back = GroundTruthCsv.read(csv);
        assertThat(back).hasSize(1);
        assertThat(back.get(0).centerLps()).containsExactly(new double[] {c[0], c[1], c[2]}, within(1e-4));
        assertThat(back.get(0).seed()).isEqualTo(21);
    }

    private static float centreHu(ScanVolume in, double[] c, NoduleType type) {
        var ins = INSERTER.insert(in, "1", List.of(new NoduleSpec(c, 10, type, NoduleSpec.Shape.SMOOTH, 17)));
        double[] v = ins.volume().toVoxel(c);
        return ins.volume().at((int) Math.round(v[0]), (int) Math.round(v[1]), (int) Math.round(v[2]));
    }

    /** Diameter of the sphere with the volume of all voxels above {@code threshold}. */
    static double equivalentDiameter(ScanVolume v, float threshold) {
        long n = 0;
        for (float x : v.hu()) {
            if (x > threshold) {
                n++;
            }
        }
        double volume = n * v.spacingX() * v.spacingY() * v.spacingZ();
        return Math.cbrt(6 * volume / Math.PI);
    }
}
