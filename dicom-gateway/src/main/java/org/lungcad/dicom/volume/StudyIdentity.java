package org.lungcad.dicom.volume;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.TagFromName;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.lungcad.dicom.report.DicomUids;

/**
 * The patient, study and frame of reference of a series LungCAD synthesizes: always a made-up patient
 * ({@value #PATIENT_NAME}, a new Patient ID, no birth date, sex O) in a new study with a new frame of reference,
 * whatever the pixels were made from. Synthetic data must never file into, or register onto, a real patient's
 * record, so this is a class that only {@link #synthetic} can make, not a record a caller could fill with a
 * source's attributes. {@link #toString()} shows the study only.
 */
public final class StudyIdentity {

    public static final String PATIENT_NAME = "SYNTHETIC^LUNGCAD";
    /** Written as DeidentificationMethod with PatientIdentityRemoved YES: a PACS does not treat it as identified. */
    public static final String DEIDENTIFICATION_METHOD = "LungCAD synthetic data: no source patient or study attribute";

    private final String patientId;
    private final String studyInstanceUid;
    private final String frameOfReferenceUid;
    private final String studyDate;
    private final String studyTime;

    private StudyIdentity(String patientId, String studyInstanceUid, String frameOfReferenceUid, String studyDate,
                          String studyTime) {
        this.patientId = patientId;
        this.studyInstanceUid = studyInstanceUid;
        this.frameOfReferenceUid = frameOfReferenceUid;
        this.studyDate = studyDate;
        this.studyTime = studyTime;
    }

    /**
     * A new synthetic patient and study: PatientID {@code SYN-<label>-<random>}, new random Study Instance and Frame
     * of Reference UIDs, so that two syntheses never share a study, even from the same source and seed.
     *
     * @param label upper-case letters, digits or '_', 1..32 characters, e.g. "PHANTOM"
     */
    public static StudyIdentity synthetic(String label, LocalDateTime studyDateTime) {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(studyDateTime, "studyDateTime");
        if (!label.matches("[A-Z0-9_]{1,32}")) {
            throw new IllegalArgumentException("label must be 1..32 of A-Z, 0-9, _: " + label);
        }
        UUID id = UUID.randomUUID();
        return new StudyIdentity("SYN-" + label + "-" + id.toString().substring(0, 8).toUpperCase(Locale.ROOT),
                DicomUids.of(id), DicomUids.random(), studyDateTime.format(DateTimeFormatter.BASIC_ISO_DATE),
                studyDateTime.format(DateTimeFormatter.ofPattern("HHmmss")));
    }

    public String patientName() {
        return PATIENT_NAME;
    }

    public String patientId() {
        return patientId;
    }

    /** O (other): a made-up patient has no sex to report. */
    public String patientSex() {
        return "O";
    }

    public String studyInstanceUid() {
        return studyInstanceUid;
    }

    /** New with the study: the series must not register onto the images of the scan its pixels came from. */
    public String frameOfReferenceUid() {
        return frameOfReferenceUid;
    }

    /** DA: the synthesis date. */
    public String studyDate() {
        return studyDate;
    }

    /** TM: the synthesis time. */
    public String studyTime() {
        return studyTime;
    }

    public String studyId() {
        return "SYNTHETIC";
    }

    public String studyDescription() {
        return "LungCAD synthetic data (not a patient)";
    }

    /** A file's attributes up to Pixel Data; a malformed file is an IOException naming it. */
    public static AttributeList readHeader(Path file) throws IOException {
        AttributeList header = new AttributeList();
        try {
            header.read(file.toFile(), TagFromName.PixelData);
        } catch (DicomException e) {
            throw new IOException("cannot read the header of " + file.getFileName() + ": " + e.getMessage(), e);
        }
        return header;
    }

    @Override
    public String toString() {
        return "StudyIdentity[synthetic, study " + studyInstanceUid + "]";
    }
}
