package org.lungcad.dicom.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.lungcad.dicom.series.Qualification;
import org.lungcad.dicom.series.QualificationRules;
import org.lungcad.dicom.series.QualifiedSeries;
import org.lungcad.dicom.series.SeriesQualifier;
import org.lungcad.dicom.testing.TestData;
import org.lungcad.dicom.volume.CtVolume;
import org.lungcad.dicom.volume.CtVolumeLoader;

/**
 * The real LIDC-IDRI-0001 chest CT, qualified and loaded by the gateway's own code, and a finding at its LUNA16
 * nodule (centre LPS 56.21, 86.34, -115.87 mm, diameter 23.35 mm). Loaded once per test JVM (about 140 MB).
 */
final class LidcFixture {

    static final double[] LUNA16_CENTRE = {56.21, 86.34, -115.87};
    static final double LUNA16_DIAMETER_MM = 23.35;
    static final ReportAlgorithm ALGORITHM = new ReportAlgorithm("LungCAD nodule detector", "0.1.0-test",
            List.of("lung window W 1500 / L -600", "Brock (PanCan) full model, McWilliams 2013"),
            java.util.Optional.of("test-fpr 0.0.1 sha256:" + "ab".repeat(32)));
    static final String OPERATING_POINT = "score \u2265 0.5, at most 10 marks";
    static final LocalDateTime ANALYSED_AT = LocalDateTime.of(2026, 1, 2, 3, 4, 5);

    private static QualifiedSeries series;
    private static CtVolume volume;

    private LidcFixture() {
    }

    /** Loads the series, or skips the calling test when the shared data are absent. */
    static synchronized void load() throws Exception {
        if (volume != null) {
            return;
        }
        Qualification qualification = new SeriesQualifier(QualificationRules.defaults())
                .qualify(TestData.completed(TestData.lidcSlicesByZ()));
        assertThat(qualification).isInstanceOf(Qualification.Qualified.class);
        series = ((Qualification.Qualified) qualification).series();
        volume = new CtVolumeLoader().load(series);
    }

    static QualifiedSeries series() {
        return series;
    }

    static CtVolume volume() {
        return volume;
    }

    /** The LUNA16 nodule as a finding: long axis along the rows through the centre, an elliptical outline. */
    static ReportedFinding luna16Nodule(String trackingId) {
        double[] voxel = volume.patientToVoxel(LUNA16_CENTRE);
        double halfLong = LUNA16_DIAMETER_MM / 2 / volume.spacingX();
        double shortMm = 19.1;
        double halfShort = shortMm / 2 / volume.spacingY();
        List<ImagePoint> outline = new ArrayList<>();
        for (int n = 0; n < 32; n++) {
            double angle = 2 * Math.PI * n / 32;
            outline.add(new ImagePoint(voxel[0] + halfLong * Math.cos(angle), voxel[1] + halfShort * Math.sin(angle)));
        }
        double longMm = Math.round(LUNA16_DIAMETER_MM * 10) / 10.0;
        return new ReportedFinding(trackingId, DicomUids.fromName("test finding/" + trackingId),
                LUNA16_CENTRE, voxel,
                longMm, shortMm, Math.round((longMm + shortMm) / 2 * 10) / 10.0,
                4.0 / 3 * Math.PI * (LUNA16_DIAMETER_MM / 2) * (shortMm / 2) * (shortMm / 2),
                38.4, NoduleType.SOLID, LungLobe.LEFT_LOWER, 0.93, 0.184,
                List.of(new MalignancyFactor("Age", "62 years", 0.6011),
                        new MalignancyFactor("Sex", "female", 0.6581),
                        new MalignancyFactor("Nodule size", "23.4 mm", 2.1234),
                        new MalignancyFactor("Upper lobe", "no", 0.0)),
                "4B",
                new ImagePoint(voxel[0] - halfLong, voxel[1]), new ImagePoint(voxel[0] + halfLong, voxel[1]),
                outline);
    }

    static ReportRequest request(List<ReportedFinding> findings, String runName) {
        return new ReportRequest(series, volume, findings, ALGORITHM, OPERATING_POINT,
                new OutputSeries(DicomUids.fromName(runName + "/sr-series"), 9001),
                DicomUids.fromName(runName + "/sr"), 1,
                new OutputSeries(DicomUids.fromName(runName + "/sc-series"), 9002),
                ReportRequest.overlayUidsFromName(runName, findings.size()), ANALYSED_AT);
    }
}
