package org.lungcad.dicom.report;

import org.lungcad.dicom.series.Vector3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The small value rules of the report package; no shared data needed. */
class ReportValuesTest {

    @Test
    void uidsUseThe225RootAndFitSixtyFourCharacters() {
        String uid = DicomUids.of(new UUID(-1L, -1L));
        assertThat(uid).startsWith("2.25.").hasSizeLessThanOrEqualTo(64)
                .isEqualTo("2.25.340282366920938463463374607431768211455");
        assertThat(DicomUids.fromName("job 7/sr")).isEqualTo(DicomUids.fromName("job 7/sr"))
                .isNotEqualTo(DicomUids.fromName("job 8/sr"));
        assertThat(DicomUids.random()).startsWith("2.25.");
        assertThatThrownBy(() -> DicomUids.requireValid("1.02.3", "uid")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void overlayUidsAreOnePerFindingPlusTheSummaryAndRepeatable() {
        List<String> uids = ReportRequest.overlayUidsFromName("job 7", 2);
        assertThat(uids).hasSize(3).doesNotHaveDuplicates().isEqualTo(ReportRequest.overlayUidsFromName("job 7", 2));
    }

    @Test
    void scoordUsesThePixelCornerOrigin() {
        // PS3.3 C.18.6.1.1: the centre of the top left pixel is (0.5, 0.5), column first
        assertThat(ImageCoordinates.graphicData(new ImagePoint(0, 0), new ImagePoint(315.5, 367)))
                .containsExactly(0.5f, 0.5f, 316f, 367.5f);
    }

    @Test
    void patientOrientationLetters() {
        assertThat(PatientOrientation.letters(new Vector3(1, 0, 0))).isEqualTo("L");
        assertThat(PatientOrientation.letters(new Vector3(0, 1, 0))).isEqualTo("P");
        assertThat(PatientOrientation.letters(new Vector3(-0.6, 0, -0.8))).isEqualTo("FR");
    }

    @Test
    void dicomTextIsAscii() {
        assertThat(OutputStamp.ascii("score \u2265 0.5 \u00b7 12.3 \u00d7 9.8 mm \u2014 Ren\u00e9", 64))
                .isEqualTo("score >= 0.5 - 12.3 x 9.8 mm - Rene");
    }

    @Test
    void findingRejectsWhatTheReportCannotSay() {
        assertThatThrownBy(() -> finding("5", 0.5)).hasMessageContaining("Lung-RADS");
        assertThatThrownBy(() -> finding("4A", 1.5)).hasMessageContaining("detectionScore");
        assertThat(finding("4X", 0.5).slice()).isEqualTo(12);
    }

    private static ReportedFinding finding(String lungRads, double score) {
        return new ReportedFinding("Nodule 1", DicomUids.fromName("n1"), new double[] {1, 2, 3},
                new double[] {100, 120, 11.6}, 8, 6, 7, 200, 20, NoduleType.SOLID, LungLobe.RIGHT_UPPER, score, null,
                List.of(), lungRads, new ImagePoint(96, 120), new ImagePoint(104, 120), List.of());
    }
}
