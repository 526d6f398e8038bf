package org.lungcad.model.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lungcad.model.NoduleType;
import org.lungcad.model.evaluation.Luna16Csv;
import org.lungcad.model.evaluation.ReferenceNodule;

/** The placement column: written last, read back, usable as the evaluation label; older files still read. */
class GroundTruthCsvPlacementTest {

    @TempDir
    Path dir;

    @Test
    void placementRoundTripsAndTheLuna16ColumnsStayFirst() throws Exception {
        List<GroundTruth> rows = List.of(
                row(Placement.FREE), row(Placement.JUXTAPLEURAL), row(Placement.JUXTAVASCULAR));
        Path csv = dir.resolve("ground-truth.csv");
        GroundTruthCsv.write(csv, rows);
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).startsWith(Luna16Csv.ANNOTATIONS_HEADER + ",").endsWith(",seed,placement");
        assertThat(lines.get(2)).startsWith("1.2.3,-40.5000,12.2500,-130.0000,7.0000,").endsWith(",juxtapleural");
        assertThat(GroundTruthCsv.read(csv)).extracting(GroundTruth::placement)
                .containsExactly(Placement.FREE, Placement.JUXTAPLEURAL, Placement.JUXTAVASCULAR);
        assertThat(Luna16Csv.readAnnotations(csv, "placement")).extracting(ReferenceNodule::label)
                .containsExactly("free", "juxtapleural", "juxtavascular");
    }

    @Test
    void filesWithoutThePlacementColumnReadAsFree() throws Exception {
        Path csv = dir.resolve("old.csv");
        Files.writeString(csv, GroundTruthCsv.HEADER_V1 + "\n1.2.3,-40.5,12.25,-130,7,SOLID,SMOOTH,7,30.0,15.0,4\n");
        List<GroundTruth> back = GroundTruthCsv.read(csv);
        assertThat(back).singleElement().satisfies(g -> {
            assertThat(g.placement()).isEqualTo(Placement.FREE);
            assertThat(g.seed()).isEqualTo(4);
        });
    }

    @Test
    void aRowWithTheWrongColumnCountOrPlacementNamesItsLine() throws Exception {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, GroundTruthCsv.HEADER + "\n1.2.3,-40.5,12.25,-130,7,SOLID,SMOOTH,7,30.0,15.0,4\n");
        assertThatThrownBy(() -> GroundTruthCsv.read(csv)).hasMessageContaining("line 2").hasMessageContaining("12 columns");
        Files.writeString(csv, GroundTruthCsv.HEADER + "\n1.2.3,-40.5,12.25,-130,7,SOLID,SMOOTH,7,30.0,15.0,4,nearby\n");
        assertThatThrownBy(() -> GroundTruthCsv.read(csv)).hasMessageContaining("line 2").hasMessageContaining("nearby");
    }

    @Test
    void theInserterCarriesThePlacementIntoTheGroundTruth() {
        float[] hu = new float[32 * 32 * 32];
        java.util.Arrays.fill(hu, -850);
        var scan = org.lungcad.model.ScanVolume.axial(32, 32, 32, hu, 1, 1, 1, new double[3]);
        var spec = new NoduleSpec(scan.toPatient(16, 16, 16), 6, NoduleType.SOLID, NoduleSpec.Shape.SMOOTH, 1,
                Placement.JUXTAVASCULAR);
        var truth = new SyntheticNoduleInserter(SyntheticNoduleInserter.Config.DEFAULT).insert(scan, "1", List.of(spec))
                .groundTruth();
        assertThat(truth).singleElement().extracting(GroundTruth::placement).isEqualTo(Placement.JUXTAVASCULAR);
        assertThat(Placement.parse(" Pleural")).isEqualTo(Placement.JUXTAPLEURAL);
    }

    private static GroundTruth row(Placement p) {
        return new GroundTruth("1.2.3", new double[] {-40.5, 12.25, -130}, 7.0, NoduleType.SOLID,
                NoduleSpec.Shape.SMOOTH, 7.0, 30, 15, 4L, p);
    }
}
