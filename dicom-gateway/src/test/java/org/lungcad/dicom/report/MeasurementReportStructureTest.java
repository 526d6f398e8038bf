package org.lungcad.dicom.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lungcad.dicom.report.SrTreeReader.child;
import static org.lungcad.dicom.report.SrTreeReader.children;
import static org.lungcad.dicom.report.SrTreeReader.childrenOfType;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.CodedSequenceItem;
import com.pixelmed.dicom.ContentItem;
import com.pixelmed.dicom.ContentItemFactory;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lungcad.dicom.testing.TestData;

/**
 * The written SR read back with PixelMed, item by item against what OHIF 3 needs (DESIGN.md, decision 5) and the
 * geometry of the referenced CT slice.
 */
class MeasurementReportStructureTest {

    @TempDir
    Path temp;

    @BeforeAll
    static void loadCt() throws Exception {
        LidcFixture.load();
    }

    @Test
    void everyGroupHasWhatOhifNeeds() throws Exception {
        List<ReportedFinding> findings = List.of(LidcFixture.luna16Nodule("Nodule 1"), secondFinding());
        ReportRequest request = LidcFixture.request(findings, "structure");
        AttributeList list = TestData.read(new MeasurementReportWriter().write(request, temp).file(), false);
        ContentItem root = SrTreeReader.root(list);

        assertThat(SrTreeReader.is(root, SrCodes.IMAGING_MEASUREMENT_REPORT)).isTrue();
        List<ContentItem> groups = children(child(root, SrCodes.IMAGING_MEASUREMENTS), SrCodes.MEASUREMENT_GROUP);
        assertThat(groups).hasSize(2);
        for (int n = 0; n < groups.size(); n++) {
            ContentItem group = groups.get(n);
            ReportedFinding finding = findings.get(n);

            List<ContentItem> regions = childrenOfType(group, "SCOORD");
            assertThat(regions).hasSize(1);
            assertThat(childrenOfType(group, "SCOORD3D")).isEmpty();
            ContentItem region = regions.get(0);
            assertThat(region.getGraphicType()).isEqualTo("POLYLINE");
            assertThat(children(region)).singleElement().satisfies(image -> {
                assertThat(image.getValueType()).isEqualTo("IMAGE");
                assertThat(image.getRelationshipType()).isEqualTo("SELECTED FROM");
                assertThat(image.getReferencedSOPInstanceUID())
                        .isEqualTo(LidcFixture.volume().sopInstanceUids().get(finding.slice()));
            });

            assertThat(child(group, SrCodes.TRACKING_IDENTIFIER).getConceptValue().trim()).isEqualTo(finding.trackingId());
            assertThat(child(group, SrCodes.TRACKING_UNIQUE_IDENTIFIER).getConceptValue().trim())
                    .isEqualTo(finding.trackingUid());
            assertThat(code(child(group, SrCodes.FINDING))).isEqualTo(SrCodes.NODULE);
            ContentItem site = child(group, new Code("363698007", "SCT", "Finding Site"));
            assertThat(site.getRelationshipType()).isEqualTo("HAS CONCEPT MOD");
            assertThat(code(site)).isEqualTo(SrCodes.lobe(finding.lobe()));
            assertThat(child(group, SrCodes.ALGORITHM_NAME).getConceptValue().trim()).isEqualTo(LidcFixture.ALGORITHM.name());
            assertThat(child(group, SrCodes.ALGORITHM_VERSION).getConceptValue().trim())
                    .isEqualTo(LidcFixture.ALGORITHM.version());
            assertThat(children(group, SrCodes.ALGORITHM_PARAMETERS)).extracting(i -> i.getConceptValue().trim())
                    .contains("operating point: score >= 0.5, at most 10 marks");
            assertThat(code(child(group, SrCodes.LUNG_RADS_CATEGORY))).isEqualTo(SrCodes.lungRads(finding.lungRadsCategory()));
            assertThat(code(child(group, SrCodes.NODULE_COMPOSITION))).isEqualTo(SrCodes.composition(finding.noduleType()));

            // OHIF draws the first five lines of a group: the sizes and the malignancy come first
            List<String> firstNumbers = childrenOfType(group, "NUM").stream().limit(5)
                    .map(ContentItem::getConceptNameCodeValue).toList();
            assertThat(firstNumbers).containsExactly("103339001", "103340004", "81827009", "118565006",
                    finding.malignancyProbability() != null ? "111047" : "112031");
            ContentItem longAxis = child(group, SrCodes.LONG_AXIS);
            assertThat(Double.parseDouble(((ContentItemFactory.NumericContentItem) longAxis).getNumericValue()))
                    .isEqualTo(finding.longAxisMm());
        }
        // every NUM anywhere has units
        for (ContentItem item : SrTreeReader.all(root)) {
            if ("NUM".equals(item.getValueType())) {
                CodedSequenceItem units = ((ContentItemFactory.NumericContentItem) item).getUnits();
                assertThat(units).as(item.getConceptNameAndValue()).isNotNull();
                assertThat(units.getCodingSchemeDesignator()).isEqualTo("UCUM");
            }
        }
        assertThat(children(child(root, SrCodes.QUALITATIVE_EVALUATIONS), SrCodes.COMMENT))
                .extracting(i -> i.getConceptValue().trim())
                .anySatisfy(text -> assertThat(text).contains("not a diagnosis"));

        assertThat(value(list, TagFromName.VerificationFlag)).isEqualTo("UNVERIFIED");
        assertThat(value(list, TagFromName.CompletionFlag)).isEqualTo("COMPLETE");
        assertThat(value(list, TagFromName.SOPClassUID)).isEqualTo("1.2.840.10008.5.1.4.1.1.88.34");
        assertThat(value(list, TagFromName.SOPInstanceUID)).isEqualTo(request.reportSopInstanceUid()).startsWith("2.25.");
        assertThat(value(list, TagFromName.SeriesInstanceUID)).isEqualTo(request.reportSeries().seriesInstanceUid());
        assertThat(value(list, TagFromName.StudyInstanceUID)).isEqualTo(LidcFixture.series().header().studyInstanceUid());
        assertThat(value(list, TagFromName.PatientID)).isEqualTo("LIDC-IDRI-0001");
        assertThat(value(list, TagFromName.AccessionNumber)).isEqualTo("2819497684894126");
        assertThat(value(list, TagFromName.Manufacturer)).isEqualTo("LungCAD");
        assertThat(value(list, TagFromName.SoftwareVersions)).isEqualTo(LidcFixture.ALGORITHM.version());
        assertThat(value(list, TagFromName.SeriesDescription)).contains("not for diagnosis");
        assertThat(evidence(list)).hasSize(133).containsExactlyInAnyOrderElementsOf(LidcFixture.volume().sopInstanceUids());
        assertThat(list.get(TagFromName.ReferencedPerformedProcedureStepSequence)).isNotNull();
        SequenceAttribute schemes = (SequenceAttribute) list.get(TagFromName.CodingSchemeIdentificationSequence);
        assertThat(value(schemes.getItem(0).getAttributeList(), TagFromName.CodingSchemeDesignator)).isEqualTo("99LUNGCAD");
        // no UID under PixelMed's root (1.3.6.1.4.1.5962) in the data set; the file meta information names
        // PixelMed as the implementation that encoded the file, which is right
        list.removeMetaInformationHeaderAttributes();
        assertThat(list.toString()).doesNotContain("1.3.6.1.4.1.5962");
    }

    @Test
    void longAxisMapsBackThroughTheSliceGeometryToTheCentre() throws Exception {
        ReportedFinding finding = LidcFixture.luna16Nodule("Nodule 1");
        AttributeList list = TestData.read(new MeasurementReportWriter()
                .write(LidcFixture.request(List.of(finding), "round-trip"), temp).file(), false);
        ContentItem group = child(child(SrTreeReader.root(list), SrCodes.IMAGING_MEASUREMENTS), SrCodes.MEASUREMENT_GROUP);
        ContentItem region = childrenOfType(group, "SCOORD").get(0);
        String sliceUid = children(region).get(0).getReferencedSOPInstanceUID();
        Path sliceFile = LidcFixture.series().slices().stream().filter(s -> s.sopInstanceUid().equals(sliceUid))
                .findFirst().orElseThrow().file();
        AttributeList slice = TestData.header(sliceFile);

        float[] points = region.getGraphicData();
        assertThat(points).hasSize(4);
        double[] centre = patient(slice, (points[0] + points[2]) / 2.0, (points[1] + points[3]) / 2.0);
        double[] expected = LidcFixture.LUNA16_CENTRE;
        assertThat(Math.abs(centre[0] - expected[0])).isLessThanOrEqualTo(LidcFixture.volume().spacingX() / 2);
        assertThat(Math.abs(centre[1] - expected[1])).isLessThanOrEqualTo(LidcFixture.volume().spacingY() / 2);
        assertThat(Math.abs(centre[2] - expected[2])).isLessThanOrEqualTo(LidcFixture.volume().spacingZ() / 2);
        // and the end points lie the long axis apart
        double[] start = patient(slice, points[0], points[1]);
        double[] end = patient(slice, points[2], points[3]);
        double length = Math.sqrt(Math.pow(end[0] - start[0], 2) + Math.pow(end[1] - start[1], 2)
                + Math.pow(end[2] - start[2], 2));
        assertThat(length).isCloseTo(LidcFixture.LUNA16_DIAMETER_MM, org.assertj.core.data.Offset.offset(0.01));
    }

    /**
     * PS3.3 C.7.6.2.1.1 with the SCOORD convention of C.18.6.1.1: (column, row) = (0.5, 0.5) is the centre of the
     * first pixel, which is at ImagePositionPatient; PixelSpacing is row spacing \ column spacing.
     */
    private static double[] patient(AttributeList slice, double column, double row) throws Exception {
        double[] ipp = slice.get(TagFromName.ImagePositionPatient).getDoubleValues();
        double[] iop = slice.get(TagFromName.ImageOrientationPatient).getDoubleValues();
        double[] spacing = slice.get(TagFromName.PixelSpacing).getDoubleValues();
        double[] p = new double[3];
        for (int a = 0; a < 3; a++) {
            p[a] = ipp[a] + (column - 0.5) * spacing[1] * iop[a] + (row - 0.5) * spacing[0] * iop[3 + a];
        }
        return p;
    }

    /** A second, smaller finding on another slice, with no malignancy estimate (model not applicable). */
    private static ReportedFinding secondFinding() {
        double[] voxel = {200, 250, 40};
        double[] lps = LidcFixture.volume().voxelToPatient(voxel[0], voxel[1], voxel[2]);
        return new ReportedFinding("Nodule 2", DicomUids.fromName("test finding/2"), lps, voxel, 6.2, 4.8, 5.5,
                80.0, -520, NoduleType.GROUND_GLASS, LungLobe.RIGHT_UPPER, 0.61, null, List.of(), "2",
                new ImagePoint(195.6, 250), new ImagePoint(204.4, 250), List.of());
    }

    private static Code code(ContentItem item) {
        CodedSequenceItem code = ((ContentItemFactory.CodeContentItem) item).getConceptCode();
        return new Code(code.getCodeValue(), code.getCodingSchemeDesignator(), code.getCodeMeaning());
    }

    private static List<String> evidence(AttributeList list) {
        List<String> uids = new ArrayList<>();
        SequenceAttribute studies = (SequenceAttribute) list.get(TagFromName.CurrentRequestedProcedureEvidenceSequence);
        for (int s = 0; s < studies.getNumberOfItems(); s++) {
            SequenceAttribute series = (SequenceAttribute) studies.getItem(s).getAttributeList()
                    .get(TagFromName.ReferencedSeriesSequence);
            for (int r = 0; r < series.getNumberOfItems(); r++) {
                SequenceAttribute sops = (SequenceAttribute) series.getItem(r).getAttributeList()
                        .get(TagFromName.ReferencedSOPSequence);
                for (int i = 0; i < sops.getNumberOfItems(); i++) {
                    uids.add(value(sops.getItem(i).getAttributeList(), TagFromName.ReferencedSOPInstanceUID));
                }
            }
        }
        return uids;
    }

    private static String value(AttributeList list, AttributeTag tag) {
        return Attribute.getSingleStringValueOrEmptyString(list, tag).trim();
    }
}
