package org.lungcad.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.CodeStringAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.dicom.UniqueIdentifierAttribute;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lungcad.dicom.series.Vector3;
import org.lungcad.dicom.report.DicomUids;
import org.lungcad.dicom.volume.CtSeriesSpec;
import org.lungcad.dicom.volume.CtSeriesWriter;
import org.lungcad.dicom.volume.StudyIdentity;
import org.lungcad.dicom.volume.WrittenSeries;
import org.lungcad.server.offline.FindingsFile;

/** Input that must be skipped with a reason, never a stack trace, and still exit 0. */
class AnalyzeBadInputTest {

    @TempDir
    Path work;

    @Test
    void nonDicomFileAnMrSliceAndAShortSeriesAreSkippedWithReasons() throws Exception {
        Path input = Files.createDirectories(work.resolve("input"));
        Files.writeString(input.resolve("notes.txt"), "not an image\n");
        WrittenSeries ct = new CtSeriesWriter().write(tinySeries(), input.resolve("ct"));
        Path mr = input.resolve("mr.dcm");
        mrCopy(ct.files().get(0), mr);

        CliRun run = CliRun.of("analyze", "--input", input.toString(), "--output", work.resolve("out").toString(),
                "--storage", CliRun.STORAGE.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.output())
                .contains("skipped file notes.txt: not a DICOM file")
                .contains("skipped: not-ct-modality: modality MR is not analysed")
                .contains("skipped: too-few-slices")
                .contains("0 analysed, 2 skipped, 0 failed")
                .doesNotContain("Exception", "\tat ");
        FindingsFile file = FindingsFile.read(work.resolve("out").resolve("findings.json"));
        assertThat(file.series()).hasSize(2).allSatisfy(s -> {
            assertThat(s.status()).isEqualTo(FindingsFile.Status.SKIPPED);
            assertThat(s.reason()).isNotBlank();
            assertThat(s.findings()).isEmpty();
            assertThat(s.candidates()).isNull();
        });
        // the same stable codes as the node's REST API
        assertThat(file.series()).extracting(FindingsFile.SeriesEntry::reasonCode)
                .containsExactlyInAnyOrder("not-ct-modality", "too-few-slices");
        assertThat(Files.readAllLines(work.resolve("out").resolve("candidates.csv"))).hasSize(1); // header only
    }

    @Test
    void aMissingInputFolderIsOneLine() {
        CliRun run = CliRun.of("analyze", "--input", work.resolve("absent").toString(), "--output",
                work.resolve("out").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).startsWith("No input folder").doesNotContain("Exception");
    }

    /** Four 32 × 32 CT slices: too few for the default rules (32 slices, 120 mm). */
    private static CtSeriesSpec tinySeries() {
        float[] hu = new float[32 * 32 * 4];
        java.util.Arrays.fill(hu, -800);
        return CtSeriesSpec.synthetic(32, 32, 4, 1, 1, 2, new Vector3(-16, -16, 0), new Vector3(1, 0, 0),
                new Vector3(0, 1, 0), hu, StudyIdentity.synthetic("TEST", LocalDateTime.of(2026, 1, 1, 12, 0)), 1,
                "tiny synthetic");
    }

    /** The slice relabelled as MR in a series of its own, as a mis-routed MR image would arrive. */
    private static void mrCopy(Path ctSlice, Path target) throws Exception {
        AttributeList list = new AttributeList();
        list.read(ctSlice.toFile());
        CodeStringAttribute modality = new CodeStringAttribute(TagFromName.Modality);
        modality.addValue("MR");
        list.put(modality);
        String sop = DicomUids.random();
        for (AttributeTag tag : new AttributeTag[] {TagFromName.SOPInstanceUID, TagFromName.MediaStorageSOPInstanceUID}) {
            UniqueIdentifierAttribute a = new UniqueIdentifierAttribute(tag);
            a.addValue(sop);
            list.put(a);
        }
        UniqueIdentifierAttribute series = new UniqueIdentifierAttribute(TagFromName.SeriesInstanceUID);
        series.addValue(DicomUids.random());
        list.put(series);
        list.write(target.toFile(), TransferSyntax.ExplicitVRLittleEndian, true, true);
    }
}
