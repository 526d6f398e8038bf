package org.lungcad.dicom.volume;

import org.lungcad.dicom.series.Vector3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeFactory;
import com.pixelmed.dicom.DicomDictionary;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lungcad.dicom.series.Qualification;
import org.lungcad.dicom.series.QualificationRules;
import org.lungcad.dicom.series.QualifiedSeries;
import org.lungcad.dicom.series.SeriesHeader;
import org.lungcad.dicom.series.SeriesQualifier;
import org.lungcad.dicom.testing.TestData;

/**
 * The written series is read back by the gateway's own qualifier and loader (geometry and every voxel), checked by
 * dciodvfy, and a real CT (LIDC-IDRI-0001, or a series carrying a patient's identity) survives a write as a synthetic
 * series that carries none of its source's patient, study or frame of reference.
 */
class CtSeriesWriterTest {

    private static final int COLUMNS = 64;
    private static final int ROWS = 48;
    private static final int SLICES = 20;
    private static final double[] ORIGIN = {-120.35, 35.5, -210.25};
    private static final double[] AXIAL_ROW = {1, 0, 0};
    private static final double[] AXIAL_COLUMN = {0, 1, 0};
    /** Sphere centre in voxels (i, j, k), radius in mm, value in HU. */
    private static final double[] SPHERE = {40, 20, 9};
    private static final double SPHERE_RADIUS_MM = 6;
    private static final float SPHERE_HU = 400.3f;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-04T05:06:07Z"), ZoneOffset.UTC);
    /** Only a few relaxed rules: the test volume is 20 slices, 47.5 mm. */
    private static final QualificationRules SMALL = QualificationRules.defaults().withMinSlices(2).withMinCoverageMm(0);

    @TempDir
    Path temp;

    @Test
    void syntheticVolumeRoundTripsThroughTheQualifierAndLoader() throws Exception {
        CtSeriesSpec spec = phantom(AXIAL_ROW, AXIAL_COLUMN, StudyIdentity.synthetic("PHANTOM", LocalDateTime.now(CLOCK)));
        WrittenSeries written = new CtSeriesWriter(CLOCK).write(spec, temp);

        QualifiedSeries series = qualify(written.files(), SMALL);
        CtVolume volume = new CtVolumeLoader().load(series);

        assertThat(volume.columns()).isEqualTo(COLUMNS);
        assertThat(volume.rows()).isEqualTo(ROWS);
        assertThat(volume.slices()).isEqualTo(SLICES);
        assertThat(volume.spacingX()).isEqualTo(0.7);
        assertThat(volume.spacingY()).isEqualTo(0.8);
        assertThat(volume.spacingZ()).isCloseTo(2.5, within(1e-9));
        assertThat(volume.origin().toArray()).containsExactly(ORIGIN);
        assertThat(volume.rowDirection().toArray()).containsExactly(AXIAL_ROW);
        assertThat(volume.columnDirection().toArray()).containsExactly(AXIAL_COLUMN);
        assertThat(volume.sliceDirection().toArray()).containsExactly(0, 0, 1);
        assertThat(volume.frameOfReferenceUid()).isEqualTo(spec.study().frameOfReferenceUid());
        assertThat(volume.sopInstanceUids()).isEqualTo(written.sopInstanceUids());
        SeriesHeader header = volume.header();
        assertThat(header.seriesInstanceUid()).isEqualTo(spec.seriesInstanceUid()).isEqualTo(written.seriesInstanceUid());
        assertThat(header.studyInstanceUid()).isEqualTo(spec.study().studyInstanceUid());
        assertThat(header.sopClassUid()).isEqualTo(CtSeriesWriter.CT_IMAGE_STORAGE);
        assertThat(header.bodyPartExamined()).isEqualTo("CHEST");
        assertThat(header.manufacturer()).isEqualTo("LungCAD");
        assertThat(header.sliceThicknessMm()).isEqualTo(2.5);
        assertThat(header.patientSex()).contains(SeriesHeader.PatientSex.O);

        float[] hu = spec.hu();
        for (int p = 0; p < hu.length; p++) {
            float expected = Math.max(-1024, Math.min(32767, Math.round(hu[p])));
            assertThat(volume.hu()[p]).as("voxel %d", p).isEqualTo(expected);
        }
        // -2000 and -1024.6 (rounds to -1025) are below the stored range; 4000.4 is kept
        assertThat(written.clampedVoxels()).isEqualTo(2);
        assertThat(volume.huAt(1, 0, 0)).isEqualTo(4000f);

        double[] centre = patient(SPHERE[0], SPHERE[1], SPHERE[2], AXIAL_ROW, AXIAL_COLUMN);
        assertThat(volume.patientToVoxel(centre)).containsExactly(SPHERE, within(1e-9));
        assertThat(volume.huAt(40, 20, 9)).isEqualTo(400f);
    }

    @Test
    void inPlaneRotatedGeometryRoundTrips() throws Exception {
        double c = Math.cos(Math.toRadians(30));
        double s = Math.sin(Math.toRadians(30));
        double[] row = {c, s, 0};
        double[] column = {-s, c, 0};
        CtSeriesSpec spec = phantom(row, column, StudyIdentity.synthetic("ROTATED", LocalDateTime.now(CLOCK)));
        CtVolume volume = new CtVolumeLoader().load(qualify(new CtSeriesWriter(CLOCK).write(spec, temp).files(), SMALL));

        assertThat(volume.rowDirection().toArray()).containsExactly(row, within(1e-9));
        assertThat(volume.columnDirection().toArray()).containsExactly(column, within(1e-9));
        assertThat(volume.origin().toArray()).containsExactly(ORIGIN, within(1e-9));
        assertThat(volume.spacingZ()).isCloseTo(2.5, within(1e-9));
        double[] centre = patient(SPHERE[0], SPHERE[1], SPHERE[2], row, column);
        assertThat(volume.patientToVoxel(centre)).containsExactly(SPHERE, within(1e-6));
        assertThat(volume.huAt(40, 20, 9)).isEqualTo(400f);
    }

    @Test
    void filesCarryTheChosenEncodingAndIdentity() throws Exception {
        CtSeriesSpec spec = phantom(AXIAL_ROW, AXIAL_COLUMN, StudyIdentity.synthetic("PHANTOM", LocalDateTime.now(CLOCK)));
        WrittenSeries written = new CtSeriesWriter(CLOCK).write(spec, temp);

        assertThat(written.files()).hasSize(SLICES);
        try (Stream<Path> listing = Files.list(temp)) {
            assertThat(listing.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".part"));
        }
        assertThat(new HashSet<>(written.sopInstanceUids())).hasSize(SLICES);
        assertThat(written.sopInstanceUids()).allMatch(uid -> uid.startsWith("2.25.") && uid.length() <= 64);
        assertThat(spec.seriesInstanceUid()).startsWith("2.25.");
        assertThat(spec.study().frameOfReferenceUid()).startsWith("2.25.");

        AttributeList list = TestData.read(written.files().get(3), false);
        assertThat(text(list, TagFromName.TransferSyntaxUID)).isEqualTo(TransferSyntax.ExplicitVRLittleEndian);
        assertThat(text(list, TagFromName.SOPClassUID)).isEqualTo("1.2.840.10008.5.1.4.1.1.2");
        assertThat(text(list, TagFromName.SOPInstanceUID)).isEqualTo(written.sopInstanceUids().get(3));
        assertThat(text(list, TagFromName.InstanceNumber)).isEqualTo("4");
        assertThat(Attribute.getStringValues(list, TagFromName.ImageType)).containsExactly("DERIVED", "SECONDARY", "AXIAL");
        assertThat(Attribute.getStringValues(list, TagFromName.PixelSpacing)).containsExactly("0.8", "0.7");
        assertThat(Attribute.getStringValues(list, TagFromName.ImagePositionPatient)).containsExactly("-120.35", "35.5", "-202.75");
        assertThat(text(list, TagFromName.SliceLocation)).isEqualTo("-202.75");
        assertThat(text(list, TagFromName.SliceThickness)).isEqualTo("2.5");
        assertThat(Attribute.getSingleIntegerValueOrDefault(list, TagFromName.PixelRepresentation, -1)).isEqualTo(1);
        assertThat(Attribute.getSingleIntegerValueOrDefault(list, TagFromName.BitsStored, -1)).isEqualTo(16);
        assertThat(text(list, TagFromName.RescaleIntercept)).isEqualTo("0");
        assertThat(text(list, TagFromName.RescaleSlope)).isEqualTo("1");
        assertThat(text(list, TagFromName.WindowCenter)).isEqualTo("-600");
        assertThat(text(list, TagFromName.WindowWidth)).isEqualTo("1500");
        assertThat(text(list, TagFromName.PatientName)).isEqualTo("SYNTHETIC^LUNGCAD");
        assertThat(text(list, TagFromName.PatientID)).matches("SYN-PHANTOM-[0-9A-F]{8}");
        assertThat(text(list, TagFromName.PatientIdentityRemoved)).isEqualTo("YES");
        assertThat(text(list, TagFromName.SeriesDescription)).isEqualTo("LungCAD writer test phantom (synthetic)");
        assertThat(text(list, TagFromName.Manufacturer)).isEqualTo("LungCAD");
        assertThat(text(list, TagFromName.SeriesDate)).isEqualTo("20260304");
        assertThat(list.get(TagFromName.SpecificCharacterSet)).as("ASCII text needs no character set").isNull();
        assertThat(list.get(TagFromName.SourceImageSequence)).as("generated data has no source").isNull();
        // the stored value is the HU itself: -1000 + 0.25 * 3 rounds to -999
        assertThat(list.getPixelData().getShortValues()[0]).isEqualTo((short) -999);

        // the same spec written again reproduces the same instances
        WrittenSeries again = new CtSeriesWriter(CLOCK).write(spec, temp.resolve("again"));
        assertThat(again.sopInstanceUids()).isEqualTo(written.sopInstanceUids());
    }

    @Test
    void writtenFilePassesDciodvfy() throws Exception {
        CtSeriesSpec spec = phantom(AXIAL_ROW, AXIAL_COLUMN, StudyIdentity.synthetic("PHANTOM", LocalDateTime.now(CLOCK)));
        WrittenSeries written = new CtSeriesWriter(CLOCK).write(spec, temp);
        List<String> messages = dciodvfy(written.files().get(SLICES / 2));
        messages.forEach(line -> System.out.println("dciodvfy synthetic CT: " + line));
        assertThat(messages).noneMatch(line -> line.contains("Error"));
    }

    @Test
    void nonAsciiDescriptionsDeclareTheirCharacterSet() throws Exception {
        StudyIdentity study = StudyIdentity.synthetic("PHANTOM", LocalDateTime.now(CLOCK));
        CtSeriesSpec spec = phantom(AXIAL_ROW, AXIAL_COLUMN, study, "SYNTHETIC Knoten (\u00dcbung)");
        AttributeList list = TestData.read(new CtSeriesWriter(CLOCK).write(spec, temp).files().get(0), true);
        assertThat(text(list, TagFromName.SpecificCharacterSet)).isEqualTo("ISO_IR 100");
        assertThat(text(list, TagFromName.SeriesDescription)).isEqualTo("SYNTHETIC Knoten (\u00dcbung)");

        CtSeriesSpec japanese = phantom(AXIAL_ROW, AXIAL_COLUMN, study, "SYNTHETIC \u5408\u6210\u7d50\u7bc0");
        AttributeList header = TestData.read(new CtSeriesWriter(CLOCK).write(japanese, temp.resolve("utf8")).files().get(0), true);
        assertThat(text(header, TagFromName.SpecificCharacterSet)).isEqualTo("ISO_IR 192");
        assertThat(text(header, TagFromName.SeriesDescription)).isEqualTo("SYNTHETIC \u5408\u6210\u7d50\u7bc0");
    }

    @Test
    void everySynthesisIsANewPatientStudyAndFrameOfReference() {
        StudyIdentity a = StudyIdentity.synthetic("PHANTOM", LocalDateTime.now(CLOCK));
        StudyIdentity b = StudyIdentity.synthetic("PHANTOM", LocalDateTime.now(CLOCK));
        assertThat(a.patientName()).isEqualTo(b.patientName()).isEqualTo("SYNTHETIC^LUNGCAD");
        assertThat(a.patientId()).isNotEqualTo(b.patientId());
        assertThat(a.studyInstanceUid()).isNotEqualTo(b.studyInstanceUid());
        assertThat(a.frameOfReferenceUid()).isNotEqualTo(b.frameOfReferenceUid()).isNotEqualTo(a.studyInstanceUid());
        assertThat(a.toString()).doesNotContain(a.patientId());
        assertThatThrownBy(() -> phantom(AXIAL_ROW, AXIAL_COLUMN, a, "LungCAD writer test phantom"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SYNTHETIC");
    }

    @Test
    void derivedSeriesCarriesNothingOfTheSourcePatientOrStudy() throws Exception {
        // a source series with a patient's identity, as a hospital's CT has (the writer itself cannot write one)
        List<Path> sourceFiles = new CtSeriesWriter(CLOCK).write(phantom(AXIAL_ROW, AXIAL_COLUMN,
                StudyIdentity.synthetic("SOURCE", LocalDateTime.now(CLOCK))), temp.resolve("source")).files();
        String studyUid = "1.2.826.0.1.3680043.2.1125.1.77";
        String frameUid = "1.2.826.0.1.3680043.2.1125.1.78";
        for (Path file : sourceFiles) {
            AttributeList list = TestData.read(file, false);
            set(list, TagFromName.PatientName, "DOE^JANE");
            set(list, TagFromName.PatientID, "MRN-4711");
            set(list, TagFromName.PatientBirthDate, "19570302");
            set(list, TagFromName.AccessionNumber, "ACC-0815");
            set(list, TagFromName.StudyInstanceUID, studyUid);
            set(list, TagFromName.FrameOfReferenceUID, frameUid);
            list.remove(TagFromName.PatientIdentityRemoved);
            list.remove(TagFromName.DeidentificationMethod);
            list.write(file.toFile(), TransferSyntax.ExplicitVRLittleEndian, true, true);
        }
        QualifiedSeries source = qualify(sourceFiles, SMALL);
        CtVolume original = new CtVolumeLoader().load(source);

        StudyIdentity study = StudyIdentity.synthetic("SYNTH", LocalDateTime.now(CLOCK));
        CtSeriesSpec spec = CtSeriesSpec.derivedFrom(source, original, original.hu(), study, 9100,
                "LungCAD synthetic nodules", "round-trip test");
        WrittenSeries written = new CtSeriesWriter(CLOCK).write(spec, temp.resolve("derived"));

        assertThat(written.files()).hasSize(SLICES);
        assertThat(written.studyInstanceUid()).isEqualTo(study.studyInstanceUid()).isNotEqualTo(studyUid);
        assertSourceAbsent(written.files(), List.of("DOE^JANE", "MRN-4711", "19570302", "ACC-0815", studyUid, frameUid));
        CtVolume copy = new CtVolumeLoader().load(qualify(written.files(), SMALL));
        assertThat(copy.origin().toArray()).containsExactly(original.origin().toArray(), within(1e-9));
        assertThat(copy.frameOfReferenceUid()).isEqualTo(study.frameOfReferenceUid());
    }

    @Test
    void huAreRoundedToTheNearestIntegerAndClampedToTheStoredRange() {
        float[] hu = {-3024f, -1024.6f, -1024.5f, -0.5f, 0.49f, 3071.5f, 32767.4f, 40000f, Float.NEGATIVE_INFINITY};
        short[] stored = new short[hu.length];
        assertThat(CtSeriesWriter.encode(hu, 0, stored)).isEqualTo(4);
        assertThat(stored).containsExactly((short) -1024, (short) -1024, (short) -1024, (short) 0, (short) 0,
                (short) 3072, (short) 32767, (short) 32767, (short) -1024);
    }

    @Test
    void inconsistentInputIsRefusedBeforeAnyFileIsWritten() {
        StudyIdentity study = StudyIdentity.synthetic("PHANTOM", LocalDateTime.now(CLOCK));
        assertThatThrownBy(() -> CtSeriesSpec.synthetic(COLUMNS, ROWS, SLICES, 0.7, 0.8, 2.5, Vector3.of(ORIGIN), Vector3.of(AXIAL_ROW),
                Vector3.of(AXIAL_COLUMN), new float[10], study, 1, "synthetic x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("voxel count");
        assertThatThrownBy(() -> CtSeriesSpec.synthetic(COLUMNS, ROWS, SLICES, 0.7, 0.8, 2.5, Vector3.of(ORIGIN), Vector3.of(AXIAL_ROW),
                new Vector3(0.1, 1, 0), new float[COLUMNS * ROWS * SLICES], study, 1, "synthetic x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("orthogonal");
        assertThatThrownBy(() -> StudyIdentity.synthetic("Phantom name", LocalDateTime.now(CLOCK)))
                .isInstanceOf(IllegalArgumentException.class);
        float[] hu = new float[COLUMNS * ROWS * SLICES];
        hu[hu.length - 1] = Float.NaN;
        CtSeriesSpec spec = CtSeriesSpec.synthetic(COLUMNS, ROWS, SLICES, 0.7, 0.8, 2.5, Vector3.of(ORIGIN), Vector3.of(AXIAL_ROW), Vector3.of(AXIAL_COLUMN),
                hu, study, 1, "synthetic x");
        Path folder = temp.resolve("nan");
        assertThatThrownBy(() -> new CtSeriesWriter(CLOCK).write(spec, folder))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        assertThat(folder).doesNotExist();
    }

    @Test
    void decimalStringsFitSixteenCharacters() {
        assertThat(CtSeriesWriter.ds(0.703125)).isEqualTo("0.703125");
        assertThat(CtSeriesWriter.ds(-171.699997)).isEqualTo("-171.699997");
        assertThat(CtSeriesWriter.ds(Math.cos(Math.toRadians(30)))).isEqualTo("0.8660254038");
        assertThat(CtSeriesWriter.ds(1e-17)).isEqualTo("0");
        assertThat(CtSeriesWriter.ds(-340)).isEqualTo("-340");
        assertThat(CtSeriesWriter.ds(-123456.123456789)).hasSizeLessThanOrEqualTo(16).startsWith("-123456.12345");
    }

    @Test
    void lidcRoundTripsAsASyntheticSeriesOfANewPatientAndStudy() throws Exception {
        QualifiedSeries source = qualify(TestData.lidcSlicesByZ(), QualificationRules.defaults());
        CtVolume original = new CtVolumeLoader().load(source);
        StudyIdentity study = StudyIdentity.synthetic("LIDC", LocalDateTime.now(CLOCK));
        CtSeriesSpec spec = CtSeriesSpec.derivedFrom(source, original, original.hu(), study, 9100,
                "Synthetic nodules inserted (LungCAD test data)", "written back unchanged (round-trip test)");
        WrittenSeries written = new CtSeriesWriter(CLOCK).write(spec, temp);

        CtVolume copy = new CtVolumeLoader().load(qualify(written.files(), QualificationRules.defaults()));

        assertThat(copy.columns()).isEqualTo(512);
        assertThat(copy.rows()).isEqualTo(512);
        assertThat(copy.slices()).isEqualTo(133);
        assertThat(copy.spacingX()).isEqualTo(original.spacingX());
        assertThat(copy.spacingY()).isEqualTo(original.spacingY());
        assertThat(copy.spacingZ()).isCloseTo(original.spacingZ(), within(1e-6));
        assertThat(copy.origin().toArray()).containsExactly(original.origin().toArray(), within(1e-6));
        assertThat(copy.rowDirection().toArray()).containsExactly(original.rowDirection().toArray());
        assertThat(copy.columnDirection().toArray()).containsExactly(original.columnDirection().toArray());
        assertThat(copy.frameOfReferenceUid()).isEqualTo(study.frameOfReferenceUid())
                .isNotEqualTo(original.frameOfReferenceUid());
        assertThat(copy.header().studyInstanceUid()).isEqualTo(study.studyInstanceUid())
                .isNotEqualTo(original.header().studyInstanceUid());
        assertThat(copy.header().seriesInstanceUid()).isNotEqualTo(original.header().seriesInstanceUid());
        assertThat(copy.header().kvp()).isEqualTo(original.header().kvp());
        assertThat(copy.header().convolutionKernel()).isEqualTo("STANDARD");
        assertThat(written.clampedVoxels()).isZero();
        // the loader already clamped the source's -2048 fill to -1024, so this is exact; 1 HU is the contract
        float[] a = original.hu();
        float[] b = copy.hu();
        for (int p = 0; p < a.length; p++) {
            if (Math.abs(a[p] - b[p]) > 1) {
                throw new AssertionError("voxel " + p + ": " + a[p] + " became " + b[p]);
            }
        }

        AttributeList sourceFirst = TestData.header(source.slices().get(0).file());
        List<String> identifying = Stream.of(TagFromName.PatientName, TagFromName.PatientID, TagFromName.AccessionNumber,
                TagFromName.StudyInstanceUID, TagFromName.FrameOfReferenceUID)
                .map(tag -> text(sourceFirst, tag)).filter(v -> !v.isEmpty()).toList();
        assertThat(identifying).as("LIDC-IDRI-0001 has a patient ID, accession number and study").hasSizeGreaterThanOrEqualTo(4);
        assertSourceAbsent(written.files(), identifying);
        // what the pixels show of the acquisition stays
        AttributeList first = TestData.read(written.files().get(0), true);
        assertThat(text(first, TagFromName.PatientPosition)).isEqualTo("FFS");
        assertThat(text(first, TagFromName.ContrastBolusAgent)).isEqualTo("IV");
        assertThat(text(first, TagFromName.PatientIdentityRemoved)).isEqualTo("YES");
        assertThat(text(first, TagFromName.SeriesDescription)).isEqualTo("Synthetic nodules inserted (LungCAD test data)");
        assertThat(first.get(TagFromName.SourceImageSequence)).as("no reference into the real study").isNull();

        List<String> messages = dciodvfy(written.files().get(66));
        messages.forEach(line -> System.out.println("dciodvfy synthetic LIDC CT: " + line));
        assertThat(messages).noneMatch(line -> line.contains("Error"));
    }

    /**
     * None of the source's identifying values in any written file: not in any attribute PixelMed reads (sequences
     * included), not anywhere in the raw bytes.
     */
    private static void assertSourceAbsent(List<Path> files, List<String> values) throws Exception {
        for (Path file : files) {
            AttributeList list = TestData.read(file, false);
            String dump = list.toString();
            String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            for (String value : values) {
                assertThat(dump).as("%s in the attributes of %s", value, file.getFileName()).doesNotContain(value);
                assertThat(bytes).as("%s in the bytes of %s", value, file.getFileName()).doesNotContain(value);
            }
            assertThat(text(list, TagFromName.PatientName)).isEqualTo(StudyIdentity.PATIENT_NAME);
            assertThat(text(list, TagFromName.PatientBirthDate)).isEmpty();
            assertThat(text(list, TagFromName.AccessionNumber)).isEmpty();
            assertThat(text(list, TagFromName.PatientIdentityRemoved)).isEqualTo("YES");
            assertThat(Attribute.getStringValues(list, TagFromName.ImageType)).startsWith("DERIVED");
            assertThat(text(list, TagFromName.SeriesDescription).toUpperCase(Locale.ROOT)).contains("SYNTHETIC");
        }
    }

    private static void set(AttributeList list, com.pixelmed.dicom.AttributeTag tag, String value) throws Exception {
        Attribute a = AttributeFactory.newAttribute(tag, DicomDictionary.StandardDictionary.getValueRepresentationFromTag(tag));
        a.addValue(value);
        list.put(a);
    }

    /** The test volume: a gradient, a bright sphere and a few values at and beyond the stored range. */
    private static CtSeriesSpec phantom(double[] row, double[] column, StudyIdentity study) {
        return phantom(row, column, study, "LungCAD writer test phantom (synthetic)");
    }

    private static CtSeriesSpec phantom(double[] row, double[] column, StudyIdentity study, String description) {
        float[] hu = new float[COLUMNS * ROWS * SLICES];
        double[] centre = patient(SPHERE[0], SPHERE[1], SPHERE[2], row, column);
        for (int k = 0; k < SLICES; k++) {
            for (int j = 0; j < ROWS; j++) {
                for (int i = 0; i < COLUMNS; i++) {
                    double[] p = patient(i, j, k, row, column);
                    double d = Math.sqrt(Math.pow(p[0] - centre[0], 2) + Math.pow(p[1] - centre[1], 2)
                            + Math.pow(p[2] - centre[2], 2));
                    hu[(k * ROWS + j) * COLUMNS + i] = d <= SPHERE_RADIUS_MM ? SPHERE_HU
                            : (float) (-1000 + 11.3 * i + 7.37 * j + 0.25 * k);
                }
            }
        }
        hu[0] = -2000f;
        hu[1] = 4000.4f;
        hu[2] = -1024.4f;
        hu[3] = -1024.6f;
        hu[4] = -1024f;
        return CtSeriesSpec.synthetic(COLUMNS, ROWS, SLICES, 0.7, 0.8, 2.5, Vector3.of(ORIGIN), Vector3.of(row), Vector3.of(column), hu, study, 7,
                description);
    }

    private static double[] patient(double i, double j, double k, double[] row, double[] column) {
        double[] normal = {row[1] * column[2] - row[2] * column[1], row[2] * column[0] - row[0] * column[2],
            row[0] * column[1] - row[1] * column[0]};
        double[] p = new double[3];
        for (int a = 0; a < 3; a++) {
            p[a] = ORIGIN[a] + i * 0.7 * row[a] + j * 0.8 * column[a] + k * 2.5 * normal[a];
        }
        return p;
    }

    private static QualifiedSeries qualify(List<Path> files, QualificationRules rules) {
        Qualification qualification = new SeriesQualifier(rules).qualify(TestData.completed(files));
        assertThat(qualification).as(qualification.toString()).isInstanceOf(Qualification.Qualified.class);
        return ((Qualification.Qualified) qualification).series();
    }

    private static String text(AttributeList list, com.pixelmed.dicom.AttributeTag tag) {
        return Attribute.getSingleStringValueOrEmptyString(list, tag).trim();
    }

    /** dciodvfy's messages (stderr and stdout), or the test is skipped when dicom3tools is absent. */
    private static List<String> dciodvfy(Path file) throws Exception {
        boolean installed = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(folder -> Files.isExecutable(Path.of(folder, "dciodvfy")));
        assumeTrue(installed, "dciodvfy (dicom3tools) is not installed: skipping");
        Process process = new ProcessBuilder("dciodvfy", file.toString()).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new ArrayList<>(new String(output, StandardCharsets.UTF_8).lines().toList());
    }
}
