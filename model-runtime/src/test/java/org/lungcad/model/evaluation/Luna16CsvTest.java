package org.lungcad.model.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lungcad.model.NoduleType;
import org.lungcad.model.synthetic.GroundTruth;
import org.lungcad.model.synthetic.GroundTruthCsv;
import org.lungcad.model.synthetic.NoduleSpec;

class Luna16CsvTest {

    @TempDir
    Path dir;

    @Test
    void candidatesRoundTripExactly() throws IOException {
        List<Detection> marks = List.of(new Detection("1.2.3", new double[] {56.20840547, -86.3, -115.8675792}, 0.1 + 0.2),
                new Detection("1.2.4", new double[] {0, 1e-7, 1234.5}, -3.25));
        Path file = dir.resolve("candidates.csv");
        Luna16Csv.writeCandidates(file, marks);
        assertThat(Files.readAllLines(file).get(0)).isEqualTo(Luna16Csv.CANDIDATES_HEADER);
        assertThat(Luna16Csv.readCandidates(file)).isEqualTo(marks);
    }

    @Test
    void columnsAreFoundByNameAndExtraColumnsGiveTheLabel() throws IOException {
        Path file = dir.resolve("annotations.csv");
        Files.writeString(file, "\uFEFFdiameter_mm,seriesuid,coordZ,coordY,coordX,type\r\n"
                + "8.5,1.2.3,-100,20,10,SOLID\r\n\r\n");
        List<ReferenceNodule> labelled = Luna16Csv.readAnnotations(file, "type");
        assertThat(labelled).containsExactly(new ReferenceNodule("1.2.3", new double[] {10, 20, -100}, 8.5, "SOLID"));
        assertThat(Luna16Csv.readAnnotations(file).get(0).label()).isNull();
    }

    @Test
    void readsGroundTruthWrittenByTheSyntheticCasesWithTypeAsLabel() throws IOException {
        Path file = dir.resolve("ground-truth.csv");
        GroundTruthCsv.write(file, List.of(new GroundTruth("1.2.840.99.1", new double[] {-40.5, 12.25, -130},
                7.0, NoduleType.PART_SOLID, NoduleSpec.Shape.LOBULATED, 3.0, -100, 12.5, 7L)));
        List<ReferenceNodule> refs = Luna16Csv.readAnnotations(file, "type");
        assertThat(refs).containsExactly(
                new ReferenceNodule("1.2.840.99.1", new double[] {-40.5, 12.25, -130}, 7.0, "PART_SOLID"));
    }

    @Test
    void excludedFindingsKeepMinusOneAsNoDiameter() throws IOException {
        Path file = dir.resolve("excluded.csv");
        Files.writeString(file, Luna16Csv.ANNOTATIONS_HEADER + "\n1.2.3,1,2,3,-1\n1.2.3,4,5,6,2.5\n");
        List<ExcludedFinding> excluded = Luna16Csv.readExcluded(file);
        assertThat(excluded).extracting(ExcludedFinding::radiusMm).containsExactly(5.0, 1.25);
    }

    @Test
    void errorsNameTheFileAndLine() throws IOException {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, Luna16Csv.ANNOTATIONS_HEADER + "\n1.2.3,1,2,3,4\n1.2.3,1,2,x,4\n");
        assertThatThrownBy(() -> Luna16Csv.readAnnotations(file))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad.csv line 3");
        Files.writeString(file, Luna16Csv.ANNOTATIONS_HEADER + "\n1.2.3,1,2,3,-1\n");
        assertThatThrownBy(() -> Luna16Csv.readAnnotations(file))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 2").hasMessageContaining("diameter");
        assertThatThrownBy(() -> Luna16Csv.readCandidates(file))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'probability'");
        assertThatThrownBy(() -> Luna16Csv.readAnnotations(file, "type"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'type'");
        Files.writeString(file, Luna16Csv.ANNOTATIONS_HEADER + "\n1.2.3,1,2,3\n");
        assertThatThrownBy(() -> Luna16Csv.readExcluded(file))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected 5 columns, got 4");
    }
}
