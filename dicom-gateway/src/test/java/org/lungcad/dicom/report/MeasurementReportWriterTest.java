package org.lungcad.dicom.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.ContentItem;
import com.pixelmed.dicom.TagFromName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lungcad.dicom.testing.TestData;

/**
 * The SR written for the real LIDC-IDRI-0001 CT passes dciodvfy and PixelMed's SR validator with zero errors
 * (their warnings are printed for the record), and dsrdump renders it.
 */
class MeasurementReportWriterTest {

    /** Where the last written SR is left for a person to inspect. */
    private static final Path KEPT = Path.of(System.getProperty("java.io.tmpdir"), "lungcad-report-sr");

    @TempDir
    Path temp;

    @BeforeAll
    static void loadCt() throws Exception {
        LidcFixture.load();
    }

    @Test
    void reportWithOneFindingValidates() throws Exception {
        WrittenInstance sr = new MeasurementReportWriter()
                .write(LidcFixture.request(List.of(LidcFixture.luna16Nodule("Nodule 1")), "one"), temp);
        Files.createDirectories(KEPT);
        Files.copy(sr.file(), KEPT.resolve("one-finding.dcm"), StandardCopyOption.REPLACE_EXISTING);

        assertValid(sr.file(), "SR one finding");
        List<String> dump = Validators.dsrdump(sr.file());
        assertThat(String.join("\n", dump)).contains("Imaging Measurement Report", "Nodule 1", "Long Axis",
                "Lower lobe of left lung", "UNVERIFIED");
    }

    @Test
    void reportWithoutFindingValidatesAndSaysSo() throws Exception {
        WrittenInstance sr = new MeasurementReportWriter().write(LidcFixture.request(List.of(), "none"), temp);
        Files.createDirectories(KEPT);
        Files.copy(sr.file(), KEPT.resolve("no-finding.dcm"), StandardCopyOption.REPLACE_EXISTING);

        assertValid(sr.file(), "SR no finding");
        ContentItem root = SrTreeReader.root(TestData.read(sr.file(), false));
        assertThat(SrTreeReader.children(SrTreeReader.child(root, SrCodes.IMAGING_MEASUREMENTS))).isEmpty();
        assertThat(SrTreeReader.children(SrTreeReader.child(root, SrCodes.QUALITATIVE_EVALUATIONS), SrCodes.FINDING))
                .singleElement().satisfies(text -> assertThat(text.getConceptValue().trim())
                        .isEqualTo("No nodules detected at the operating point (score >= 0.5, at most 10 marks)"));
        assertThat(String.join("\n", Validators.dsrdump(sr.file()))).contains("Imaging Measurement Report");
    }

    @Test
    void resendIsIdenticalAndReanalysisIsANewInstanceInTheSameSeries() throws Exception {
        MeasurementReportWriter writer = new MeasurementReportWriter();
        List<ReportedFinding> findings = List.of(LidcFixture.luna16Nodule("Nodule 1"));
        ReportRequest first = LidcFixture.request(findings, "reanalysis");
        Path firstFile = writer.write(first, temp.resolve("a")).file();
        Path resent = writer.write(first, temp.resolve("b")).file();
        assertThat(Files.readAllBytes(resent)).isEqualTo(Files.readAllBytes(firstFile));

        ReportRequest again = new ReportRequest(first.source(), first.volume(), findings, first.algorithm(),
                first.operatingPoint(), first.reportSeries(), DicomUids.random(), 2, first.overlaySeries(),
                ReportRequest.overlayUidsFromName("reanalysis-2", 1), first.contentDateTime().plusHours(1));
        AttributeList second = TestData.read(writer.write(again, temp.resolve("c")).file(), true);
        assertThat(value(second, TagFromName.SeriesInstanceUID)).isEqualTo(first.reportSeries().seriesInstanceUid());
        assertThat(value(second, TagFromName.SOPInstanceUID)).isNotEqualTo(first.reportSopInstanceUid());
        assertThat(value(second, TagFromName.InstanceNumber)).isEqualTo("2");
    }

    private static void assertValid(Path file, String what) throws Exception {
        List<String> dciodvfy = Validators.dciodvfy(file);
        Validators.warnings(dciodvfy).stream().distinct()
                .forEach(line -> System.out.println("dciodvfy " + what + ": " + line));
        assertThat(Validators.errors(dciodvfy)).as("dciodvfy errors").isEmpty();

        List<String> pixelmed = Validators.pixelmedSr(file);
        pixelmed.stream().filter(line -> line.startsWith("Warning") || line.startsWith("Error"))
                .forEach(line -> System.out.println("DicomSRValidator " + what + ": " + line));
        assertThat(Validators.errors(pixelmed)).as("DicomSRValidator errors").isEmpty();
        assertThat(pixelmed).contains("Found Root Template TID_1500 (MeasurementReport)");
    }

    private static String value(AttributeList list, com.pixelmed.dicom.AttributeTag tag) {
        return Attribute.getSingleStringValueOrEmptyString(list, tag).trim();
    }
}
