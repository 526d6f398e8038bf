package org.lungcad.dicom.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lungcad.dicom.testing.SeriesWriter.set;
import static org.lungcad.dicom.testing.SeriesWriter.setPosition;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.TagFromName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lungcad.dicom.series.Qualification.Qualified;
import org.lungcad.dicom.series.Qualification.Skipped;
import org.lungcad.dicom.testing.SeriesWriter;
import org.lungcad.dicom.testing.SeriesWriter.Modification;
import org.lungcad.dicom.testing.TestData;

/** Qualification of the real LIDC-IDRI-0001 chest CT and of copies of it that each break one rule. */
class SeriesQualifierTest {

    private static List<Path> lidc;

    private final SeriesQualifier qualifier = new SeriesQualifier(QualificationRules.defaults());

    @TempDir
    Path temp;

    /** The LIDC slices sorted by z, read once; skips the calling test when the shared data is absent. */
    private static List<Path> lidc() {
        if (lidc == null) {
            lidc = TestData.lidcSlicesByZ();
        }
        return lidc;
    }

    @Test
    void lidcChestCtQualifiesWithItsHeader() {
        QualifiedSeries qualified = qualified(qualifier.qualify(TestData.completed(lidc())));

        SeriesHeader h = qualified.header();
        assertThat(qualified.slices()).hasSize(133);
        assertThat(qualified.notes()).isEmpty();
        assertThat(h.rows()).isEqualTo(512);
        assertThat(h.columns()).isEqualTo(512);
        assertThat(h.rowSpacingMm()).isEqualTo(0.703125);
        assertThat(h.columnSpacingMm()).isEqualTo(0.703125);
        assertThat(h.sliceThicknessMm()).isEqualTo(2.5);
        assertThat(h.sliceSpacingMm()).isCloseTo(2.5, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(h.sliceDirection().toArray()).containsExactly(0, 0, 1);
        assertThat(h.modality()).isEqualTo("CT");
        assertThat(h.manufacturer()).isEqualTo("GE MEDICAL SYSTEMS");
        assertThat(h.convolutionKernel()).isEqualTo("STANDARD");
        assertThat(h.kvp()).hasValue(120);
        assertThat(h.seriesNumber()).hasValue(3000566);
        assertThat(h.studyDate()).contains(LocalDate.of(2000, 1, 1));
        assertThat(h.patientAgeYears()).isEmpty();
        assertThat(h.patientSex()).isEmpty();
        assertThat(h.frameOfReferenceUid()).isEqualTo("1.3.6.1.4.1.14519.5.2.1.6279.6001.229925374658226729607867499499");
        // slice order follows the position along the normal: the files were sorted by z in the same way
        assertThat(qualified.slices()).extracting(ReceivedInstance::file).containsExactlyElementsOf(lidc());
    }

    @Test
    void slicesAreSortedByPositionNotByInstanceNumber() {
        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < lidc().size(); i++) {
            numbers.add(i + 1);
        }
        Collections.shuffle(numbers, new Random(7));
        List<Path> files = headers((i, a) -> set(a, TagFromName.InstanceNumber, numbers.get(i).toString()));
        List<Path> shuffled = new ArrayList<>(files);
        Collections.shuffle(shuffled, new Random(11));

        QualifiedSeries qualified = qualified(qualifier.qualify(TestData.completed(shuffled)));

        assertThat(qualified.slices()).extracting(ReceivedInstance::file).containsExactlyElementsOf(files);
    }

    @Test
    void mrIsNotAnalysed() {
        assertSkipped(headers((i, a) -> set(a, TagFromName.Modality, "MR")), SkipReason.NOT_CT_MODALITY, "MR", "CT");
    }

    @Test
    void theRealSegmentationOfTheNoduleIsNotCt() {
        Path seg = TestData.sharedFile("lidc-idri-0001/nodule-1-reader-1.seg.dcm");
        assertSkipped(List.of(seg), SkipReason.NOT_CT_MODALITY, "modality SEG", "accepted: CT");
    }

    @Test
    void anotherObjectFiledInTheSeriesIsDroppedWithANote() {
        List<Path> files = new ArrayList<>(lidc());
        files.add(TestData.sharedFile("lidc-idri-0001/nodule-1-reader-1.seg.dcm"));

        QualifiedSeries qualified = qualified(qualifier.qualify(TestData.completed(files)));

        assertThat(qualified.slices()).hasSize(133);
        assertThat(qualified.notes()).containsExactly("1 instance(s) of other modalities or SOP classes dropped");
    }

    @Test
    void aPdfOrAStructureSetIsNotAnalysedForItsSopClassNotItsModality() {
        List<Path> pdf = headers((i, a) -> {
            set(a, TagFromName.SOPClassUID, "1.2.840.10008.5.1.4.1.1.104.1");
            set(a, TagFromName.Modality, "DOC");
        });
        assertSkipped(pdf, SkipReason.NOT_ANALYSED_SOP_CLASS, "Encapsulated PDF", "is not an image (modality DOC)",
                "analysed: CT Image Storage");
        List<Path> rtstruct = headers((i, a) -> {
            set(a, TagFromName.SOPClassUID, "1.2.840.10008.5.1.4.1.1.481.3");
            set(a, TagFromName.Modality, "RTSTRUCT");
        });
        assertSkipped(rtstruct, SkipReason.NOT_ANALYSED_SOP_CLASS, "RT Structure Set", "(modality RTSTRUCT)");
    }

    @Test
    void nonImageSopClassIsNotAnalysed() {
        List<Path> files = headers((i, a) -> set(a, TagFromName.SOPClassUID, "1.2.840.10008.5.1.4.1.1.88.22"));
        assertSkipped(files, SkipReason.NOT_ANALYSED_SOP_CLASS, "Enhanced SR", "1.2.840.10008.5.1.4.1.1.88.22");
    }

    @Test
    void enhancedCtIsSkippedWithAPreciseReason() {
        List<Path> files = headers((i, a) -> set(a, TagFromName.SOPClassUID, QualificationRules.ENHANCED_CT_IMAGE_STORAGE));
        assertSkipped(files, SkipReason.MULTI_FRAME_NOT_SUPPORTED, "Enhanced CT multi-frame input is not analysed yet");
    }

    @Test
    void aSeriesOfLocalizersIsSkipped() {
        List<Path> files = headers(lidc().subList(0, 3), (i, a) -> set(a, TagFromName.ImageType, "ORIGINAL", "PRIMARY", "LOCALIZER"));
        assertSkipped(files, SkipReason.LOCALIZER, "3 image(s)", "LOCALIZER");
    }

    @Test
    void aLocalizerMixedIntoAGoodSeriesIsDropped() throws DicomException {
        List<Path> files = new ArrayList<>(headers((i, a) -> { }));
        AttributeList localizer = TestData.header(lidc().get(60));
        set(localizer, TagFromName.ImageType, "ORIGINAL", "PRIMARY", "LOCALIZER");
        set(localizer, TagFromName.ImageOrientationPatient, "1", "0", "0", "0", "0", "-1");
        SeriesWriter.newSopInstanceUid(localizer);
        files.add(new SeriesWriter(temp, false).write(localizer, "localizer.dcm"));

        QualifiedSeries qualified = qualified(qualifier.qualify(TestData.completed(files)));

        assertThat(qualified.slices()).hasSize(133);
        assertThat(qualified.series().instances()).hasSize(134);
        assertThat(qualified.notes()).containsExactly("1 localizer image(s) dropped");
    }

    @Test
    void thickSlicesAreSkipped() {
        assertSkipped(headers((i, a) -> set(a, TagFromName.SliceThickness, "5")),
                SkipReason.SLICE_THICKNESS_OUT_OF_RANGE, "slice thickness 5.0 mm is outside the accepted 0.5–3.0 mm");
    }

    @Test
    void aMissingSliceIsAGap() {
        List<Path> withGap = new ArrayList<>(lidc());
        withGap.remove(66);
        assertSkipped(headers(withGap, (i, a) -> { }), SkipReason.MISSING_SLICES,
                "1 slice(s) missing", "5.0 mm gap", "-177.5", "-172.5", "spacing is 2.5 mm");
    }

    @Test
    void tooFewSlicesAreSkipped() {
        assertSkipped(headers(lidc().subList(50, 60), (i, a) -> { }), SkipReason.TOO_FEW_SLICES, "10 slice(s)", "at least 32");
    }

    @Test
    void aShortSeriesDoesNotCoverTheLungs() {
        assertSkipped(headers(lidc().subList(50, 90), (i, a) -> { }), SkipReason.INSUFFICIENT_COVERAGE,
                "100.0 mm", "40 slices × 2.5 mm", "at least 120.0 mm");
    }

    @Test
    void unevenSpacingIsSkipped() {
        List<Path> files = headers((i, a) -> {
            if (i == 70) {
                double[] p = TestData.position(lidc().get(i));
                setPosition(a, p[0], p[1], p[2] + 1.0);
            }
        });
        assertSkipped(files, SkipReason.INCONSISTENT_SPACING, "3.5 mm step", "2.5 ± 0.25 mm");
    }

    @Test
    void aRepeatedSlicePositionIsSkipped() throws DicomException {
        List<Path> files = new ArrayList<>(headers((i, a) -> { }));
        AttributeList copy = TestData.header(lidc().get(40));
        SeriesWriter.newSopInstanceUid(copy);
        files.add(new SeriesWriter(temp, false).write(copy, "repeat.dcm"));
        assertSkipped(files, SkipReason.DUPLICATE_SLICE_POSITION, "same slice position -240.0 mm");
    }

    @Test
    void gantryTiltAttributeIsSkipped() {
        assertSkipped(headers((i, a) -> set(a, new com.pixelmed.dicom.AttributeTag(0x0018, 0x1120), "15")),
                SkipReason.GANTRY_TILT, "tilt 15.0°", "accepted 0.5°");
    }

    @Test
    void aShearedStackIsATilt() {
        double tan = Math.tan(Math.toRadians(10));
        List<Path> files = headers((i, a) -> {
            double[] p = TestData.position(lidc().get(i));
            setPosition(a, p[0], p[1] + (p[2] - (-340.0)) * tan, p[2]);
        });
        assertSkipped(files, SkipReason.GANTRY_TILT, "advance at 10.0° to the slice normal", "at most 0.5°");
    }

    @Test
    void anObliqueSeriesIsNotAxial() {
        double c = Math.cos(Math.toRadians(20));
        double s = Math.sin(Math.toRadians(20));
        List<Path> files = headers((i, a) -> set(a, TagFromName.ImageOrientationPatient,
                "1", "0", "0", "0", Double.toString(c), Double.toString(s)));
        assertSkipped(files, SkipReason.NOT_AXIAL, "20.0° from the patient z axis", "at most 5.0°");
    }

    @Test
    void twoFramesOfReferenceAreNotOneVolume() {
        List<Path> files = headers((i, a) -> {
            if (i >= 70) {
                set(a, TagFromName.FrameOfReferenceUID, "2.25.1234567890");
            }
        });
        assertSkipped(files, SkipReason.MULTIPLE_FRAMES_OF_REFERENCE, "2 different frames of reference");
    }

    @Test
    void aHeadScanIsNotChest() {
        assertSkipped(headers((i, a) -> set(a, TagFromName.BodyPartExamined, "HEAD")), SkipReason.NOT_CHEST, "HEAD");
    }

    @Test
    void anAbsentBodyPartPasses() {
        List<Path> files = headers((i, a) -> a.remove(TagFromName.BodyPartExamined));
        assertThat(qualifier.qualify(TestData.completed(files))).isInstanceOf(Qualified.class);
    }

    @Test
    void missingPixelSpacingIsSkipped() {
        assertSkipped(headers((i, a) -> a.remove(TagFromName.PixelSpacing)), SkipReason.MISSING_PIXEL_SPACING, "PixelSpacing");
    }

    @Test
    void aFileThatIsNotDicomMakesTheSeriesUnreadable() throws IOException {
        List<Path> files = headers((i, a) -> { });
        Path text = files.get(5);
        ReceivedInstance original = TestData.received(text);
        Files.writeString(text, "this is a text file, not a DICOM instance");
        List<ReceivedInstance> instances = new ArrayList<>(files.stream().filter(f -> !f.equals(text)).map(TestData::received).toList());
        instances.add(original);
        CompletedSeries series = new CompletedSeries(original.studyInstanceUid(), original.seriesInstanceUid(), instances,
                1, original.receivedAt(), original.receivedAt());

        Qualification result = qualifier.qualify(series);

        assertThat(result).isInstanceOf(Skipped.class);
        Skipped skipped = (Skipped) result;
        assertThat(skipped.reason()).isEqualTo(SkipReason.UNREADABLE);
        assertThat(skipped.detail()).contains(text.getFileName().toString(), original.sopInstanceUid());
    }

    @Test
    void aMissingFileIsUnreadableNotACrash() {
        ReceivedInstance gone = new ReceivedInstance(temp.resolve("gone.dcm"), "1.2", "1.2.3", "1.2.3.4",
                QualificationRules.CT_IMAGE_STORAGE, "CT", "", "", java.time.Instant.EPOCH);
        Qualification result = qualifier.qualify(new CompletedSeries("1.2", "1.2.3", List.of(gone), 1,
                java.time.Instant.EPOCH, java.time.Instant.EPOCH));
        assertThat(result).isInstanceOfSatisfying(Skipped.class,
                s -> assertThat(s.reason()).isEqualTo(SkipReason.UNREADABLE));
    }

    private List<Path> headers(Modification modification) {
        return headers(lidc(), modification);
    }

    private List<Path> headers(List<Path> sources, Modification modification) {
        return new SeriesWriter(temp, false).write(sources, modification);
    }

    private void assertSkipped(List<Path> files, SkipReason reason, String... detailParts) {
        Qualification result = qualifier.qualify(TestData.completed(files));
        assertThat(result).isInstanceOf(Skipped.class);
        Skipped skipped = (Skipped) result;
        assertThat(skipped.reason()).as(skipped.detail()).isEqualTo(reason);
        assertThat(skipped.detail()).contains(detailParts);
    }

    private static QualifiedSeries qualified(Qualification result) {
        assertThat(result).as(result.toString()).isInstanceOf(Qualified.class);
        return ((Qualified) result).series();
    }
}
