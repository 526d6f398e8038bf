package org.lungcad.dicom.volume;

import org.lungcad.dicom.series.QualificationRules;
import org.lungcad.dicom.series.Vector3;
import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeFactory;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomDictionary;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.SpecificCharacterSet;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.DoubleStream;
import java.util.stream.Stream;
import org.lungcad.dicom.report.DicomUids;

/**
 * Writes a {@link CtSeriesSpec} as a CT Image Storage series (1.2.840.10008.5.1.4.1.1.2), one Part 10 file per slice
 * in Explicit VR Little Endian, which every PACS and the gateway's own loader read. Only synthetic data: the patient
 * and study are always the spec's {@link StudyIdentity} (a made-up patient, a new study and frame of reference,
 * PatientIdentityRemoved YES), never a source scan's.
 *
 * <p>Pixels are stored as signed 16-bit integers equal to the HU (RescaleSlope 1, RescaleIntercept 0): a reader that
 * ignores the rescale still sees HU, and every integer HU in [-1024, 32767] round-trips exactly. Values are rounded
 * to the nearest integer; below -1024 they become -1024 (air: the loader clamps there too), above 32767 they are
 * clamped, and the count of clamped voxels is returned. ImageType is DERIVED\SECONDARY\AXIAL: the pixels were
 * generated or modified by software, never acquired, and must not pass for an original scan.
 *
 * <p>SOP Instance UIDs are derived from the Series Instance UID, so writing the same spec again reproduces the same
 * instances (a resend is recognised as such). Each file is written under a temporary name and renamed. Thread-safe.
 */
public final class CtSeriesWriter {

    public static final String CT_IMAGE_STORAGE = QualificationRules.CT_IMAGE_STORAGE;
    static final String MANUFACTURER = "LungCAD";
    static final int MIN_HU = -1024;
    static final int MAX_HU = Short.MAX_VALUE;
    /** (0018,0060): PixelMed's dictionary has no constant for it. */
    private static final AttributeTag KVP = new AttributeTag(0x0018, 0x0060);
    private static final String SOURCE_AE = "LUNGCAD";
    private static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter TM = DateTimeFormatter.ofPattern("HHmmss");

    private final Clock clock;

    public CtSeriesWriter() {
        this(Clock.systemDefaultZone());
    }

    /** @param clock the time written as series, content and instance creation date/time */
    public CtSeriesWriter(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Writes the series into {@code folder} (created if needed) as {@code CT00001.dcm ...} in slice order, replacing
     * files of the same name. Input is checked before the first file; if writing fails midway, the files already
     * written stay (each one complete).
     */
    public WrittenSeries write(CtSeriesSpec spec, Path folder) throws IOException {
        Objects.requireNonNull(spec, "spec");
        checkFinite(spec.hu());
        Files.createDirectories(folder);
        int sliceSize = spec.columns() * spec.rows();
        List<Path> files = new ArrayList<>(spec.slices());
        List<String> uids = new ArrayList<>(spec.slices());
        long clamped = 0;
        try {
            AttributeList list = common(spec, LocalDateTime.now(clock));
            for (int k = 0; k < spec.slices(); k++) {
                String uid = DicomUids.fromName(spec.seriesInstanceUid() + "/ct/" + k);
                short[] stored = new short[sliceSize];
                clamped += encode(spec.hu(), k * sliceSize, stored);
                slice(list, spec, k, uid, stored);
                Path file = folder.resolve(String.format(Locale.ROOT, "CT%05d.dcm", k + 1));
                write(list, file);
                files.add(file);
                uids.add(uid);
            }
        } catch (DicomException e) {
            throw new IOException("cannot encode the CT series: " + e.getMessage(), e);
        }
        return new WrittenSeries(spec.study().studyInstanceUid(), spec.seriesInstanceUid(), files, uids, clamped);
    }

    /** Rounds to integer HU and clamps into the stored range; returns how many voxels were clamped. */
    static int encode(float[] hu, int offset, short[] stored) {
        int clamped = 0;
        for (int p = 0; p < stored.length; p++) {
            long v = Math.round(hu[offset + p]);
            if (v < MIN_HU || v > MAX_HU) {
                clamped++;
                v = Math.max(MIN_HU, Math.min(MAX_HU, v));
            }
            stored[p] = (short) v;
        }
        return clamped;
    }

    /** The attributes every slice shares: patient, study, series, frame of reference, equipment, pixel module. */
    private static AttributeList common(CtSeriesSpec spec, LocalDateTime now) throws DicomException {
        StudyIdentity study = spec.study();
        SpecificCharacterSet charset = characterSet(spec);
        AttributeList list = new AttributeList();
        if (charset != null) {
            put(list, TagFromName.SpecificCharacterSet, null, charset.getValueToUseInSpecificCharacterSetAttribute());
        }
        put(list, TagFromName.SOPClassUID, null, CT_IMAGE_STORAGE);
        put(list, TagFromName.InstanceCreationDate, null, DA.format(now));
        put(list, TagFromName.InstanceCreationTime, null, TM.format(now));
        // Patient and General Study of a made-up patient: type 2 attributes present, empty where nothing is known
        put(list, TagFromName.PatientName, null, study.patientName());
        put(list, TagFromName.PatientID, null, study.patientId());
        put(list, TagFromName.PatientBirthDate, null, "");
        put(list, TagFromName.PatientSex, null, study.patientSex());
        put(list, TagFromName.PatientIdentityRemoved, null, "YES");
        put(list, TagFromName.DeidentificationMethod, null, StudyIdentity.DEIDENTIFICATION_METHOD);
        put(list, TagFromName.StudyInstanceUID, null, study.studyInstanceUid());
        put(list, TagFromName.StudyDate, null, study.studyDate());
        put(list, TagFromName.StudyTime, null, study.studyTime());
        put(list, TagFromName.AccessionNumber, null, "");
        put(list, TagFromName.StudyID, null, study.studyId());
        put(list, TagFromName.ReferringPhysicianName, null, "");
        put(list, TagFromName.StudyDescription, null, study.studyDescription());
        // General Series, Frame of Reference, General Equipment
        put(list, TagFromName.Modality, null, "CT");
        put(list, TagFromName.SeriesInstanceUID, null, spec.seriesInstanceUid());
        put(list, TagFromName.SeriesNumber, null, Integer.toString(spec.seriesNumber()));
        put(list, TagFromName.SeriesDescription, charset, spec.seriesDescription());
        put(list, TagFromName.SeriesDate, null, DA.format(now));
        put(list, TagFromName.SeriesTime, null, TM.format(now));
        put(list, TagFromName.BodyPartExamined, null, "CHEST");
        put(list, TagFromName.PatientPosition, null, spec.acquisition().patientPosition());
        put(list, TagFromName.FrameOfReferenceUID, null, study.frameOfReferenceUid());
        put(list, TagFromName.PositionReferenceIndicator, null, "");
        put(list, TagFromName.Manufacturer, null, MANUFACTURER);
        put(list, TagFromName.ManufacturerModelName, null, "LungCAD CtSeriesWriter");
        // General Image and CT Image
        put(list, TagFromName.ImageType, null, "DERIVED", "SECONDARY", "AXIAL");
        put(list, TagFromName.ContentDate, null, DA.format(now));
        put(list, TagFromName.ContentTime, null, TM.format(now));
        put(list, TagFromName.AcquisitionNumber, null, "");
        put(list, TagFromName.DerivationDescription, charset, spec.derivationDescription());
        put(list, TagFromName.BurnedInAnnotation, null, "NO");
        put(list, TagFromName.LossyImageCompression, null, "00");
        CtSeriesSpec.Acquisition acquisition = spec.acquisition();
        put(list, KVP, null, acquisition.kvp().isPresent() ? ds(acquisition.kvp().getAsDouble()) : "");
        if (!acquisition.convolutionKernel().isEmpty()) {
            put(list, TagFromName.ConvolutionKernel, charset, acquisition.convolutionKernel());
        }
        if (!acquisition.contrastBolusAgent().isEmpty()) {
            // Contrast/Bolus module: required when the pixels show contrast, as those derived from an enhanced scan do
            put(list, TagFromName.ContrastBolusAgent, charset, acquisition.contrastBolusAgent());
        }
        put(list, TagFromName.RescaleIntercept, null, "0");
        put(list, TagFromName.RescaleSlope, null, "1");
        put(list, TagFromName.RescaleType, null, "HU");
        put(list, TagFromName.WindowCenter, null, "-600");
        put(list, TagFromName.WindowWidth, null, "1500");
        put(list, TagFromName.WindowCenterWidthExplanation, null, "LUNG");
        // Image Plane
        put(list, TagFromName.ImageOrientationPatient, null, Stream.of(spec.rowDirection(), spec.columnDirection())
                .flatMapToDouble(v -> DoubleStream.of(v.toArray())).mapToObj(CtSeriesWriter::ds).toArray(String[]::new));
        // DICOM order: PixelSpacing[0] is between rows (y), [1] between columns (x)
        put(list, TagFromName.PixelSpacing, null, ds(spec.spacingY()), ds(spec.spacingX()));
        put(list, TagFromName.SliceThickness, null, ds(spec.spacingZ()));
        // Image Pixel: signed 16-bit HU
        put(list, TagFromName.SamplesPerPixel, null, "1");
        put(list, TagFromName.PhotometricInterpretation, null, "MONOCHROME2");
        put(list, TagFromName.Rows, null, Integer.toString(spec.rows()));
        put(list, TagFromName.Columns, null, Integer.toString(spec.columns()));
        put(list, TagFromName.BitsAllocated, null, "16");
        put(list, TagFromName.BitsStored, null, "16");
        put(list, TagFromName.HighBit, null, "15");
        put(list, TagFromName.PixelRepresentation, null, "1");
        return list;
    }

    /** The attributes of slice k, replacing those of the previous slice. */
    private static void slice(AttributeList list, CtSeriesSpec spec, int k, String sopInstanceUid, short[] stored)
            throws DicomException {
        put(list, TagFromName.SOPInstanceUID, null, sopInstanceUid);
        put(list, TagFromName.InstanceNumber, null, Integer.toString(k + 1));
        Vector3 position = spec.position(k);
        put(list, TagFromName.ImagePositionPatient, null, ds(position.x()), ds(position.y()), ds(position.z()));
        // along the slice normal, so it increases with k whatever the orientation
        put(list, TagFromName.SliceLocation, null, ds(position.dot(spec.sliceDirection())));
        OtherWordAttribute pixelData = new OtherWordAttribute(TagFromName.PixelData);
        pixelData.setValues(stored);
        list.put(pixelData);
    }

    /** Part 10, Explicit VR Little Endian, to a temporary name then renamed: no reader ever sees half a file. */
    private static void write(AttributeList list, Path file) throws IOException, DicomException {
        Path temporary = file.resolveSibling(file.getFileName() + ".part");
        try {
            list.removeMetaInformationHeaderAttributes();
            FileMetaInformation.addFileMetaInformation(list, TransferSyntax.ExplicitVRLittleEndian, SOURCE_AE);
            list.write(temporary.toFile(), TransferSyntax.ExplicitVRLittleEndian, true, true);
        } catch (IOException | DicomException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** NaN would silently become 0 HU (water), so it is refused before any file is written. */
    private static void checkFinite(float[] hu) {
        for (int p = 0; p < hu.length; p++) {
            if (Float.isNaN(hu[p])) {
                throw new IllegalArgumentException("hu[" + p + "] is NaN");
            }
        }
    }

    /** None for ASCII text (the default repertoire), Latin-1 when that suffices, else UTF-8. */
    static SpecificCharacterSet characterSet(CtSeriesSpec spec) {
        // the synthetic patient and study are ASCII; descriptions and the source's kernel and contrast may not be
        String text = String.join("", spec.seriesDescription(), spec.derivationDescription(),
                spec.acquisition().convolutionKernel(), spec.acquisition().contrastBolusAgent());
        if (text.chars().allMatch(c -> c < 0x80)) {
            return null;
        }
        boolean latin1 = StandardCharsets.ISO_8859_1.newEncoder().canEncode(text);
        return new SpecificCharacterSet(new String[] {latin1 ? "ISO_IR 100" : "ISO_IR 192"});
    }

    /** Puts an attribute with its dictionary VR; text VRs are encoded in {@code charset} (null: default). */
    private static void put(AttributeList list, AttributeTag tag, SpecificCharacterSet charset, String... values)
            throws DicomException {
        byte[] vr = DicomDictionary.StandardDictionary.getValueRepresentationFromTag(tag);
        Attribute attribute = AttributeFactory.newAttribute(tag, vr, charset);
        for (String value : values) {
            if (!value.isEmpty() || values.length > 1) {
                attribute.addValue(value);
            }
        }
        list.put(attribute);
    }

    /** A Decimal String of at most 16 characters, plain notation, at most 10 decimals (well under 1 nm). */
    static String ds(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("not a finite number: " + value);
        }
        for (int scale = 10; scale >= 0; scale--) {
            String s = BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
            if (s.length() <= 16) {
                return s.equals("-0") ? "0" : s;
            }
        }
        throw new IllegalArgumentException("too large for a Decimal String: " + value);
    }
}
