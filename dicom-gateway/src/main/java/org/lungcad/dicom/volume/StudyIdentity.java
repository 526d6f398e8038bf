package org.lungcad.dicom.volume;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.TagFromName;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import org.lungcad.dicom.report.DicomUids;

/**
 * Patient and study attributes (Patient, General Study and Patient Study modules) of a written series, as DICOM
 * value strings; an empty string means "absent" and is written as an empty type 2 attribute. Either clearly fake
 * ({@link #synthetic}) or copied from a real series so that a derived series files into the same patient and study.
 * {@link #toString()} never shows the patient.
 *
 * @param patientBirthDate        DA (yyyyMMdd) or empty
 * @param patientSex              M, F, O or empty
 * @param patientAge              AS ("062Y") or empty
 * @param studyDate               DA or empty
 * @param studyTime               TM or empty
 * @param deidentificationMethod  non-empty when the source was de-identified: the output says so too
 *                                (PatientIdentityRemoved YES), so a PACS does not treat it as identified data
 */
public record StudyIdentity(
        String patientName,
        String patientId,
        String patientBirthDate,
        String patientSex,
        String patientAge,
        String studyInstanceUid,
        String studyDate,
        String studyTime,
        String accessionNumber,
        String studyId,
        String referringPhysicianName,
        String studyDescription,
        String deidentificationMethod) {

    private static final String DA = "\\d{8}";
    private static final String TM = "\\d{2}(\\d{2}(\\d{2}(\\.\\d{1,6})?)?)?";
    private static final String AS = "\\d{3}[DWMY]";
    private static final String SEX = "[MFO]?";

    public StudyIdentity {
        patientName = text(patientName, 64, "patientName");
        patientId = text(patientId, 64, "patientId");
        patientBirthDate = coded(patientBirthDate, DA, "patientBirthDate");
        patientSex = coded(patientSex, SEX, "patientSex");
        patientAge = coded(patientAge, AS, "patientAge");
        DicomUids.requireValid(studyInstanceUid, "studyInstanceUid");
        studyDate = coded(studyDate, DA, "studyDate");
        studyTime = coded(studyTime, TM, "studyTime");
        accessionNumber = text(accessionNumber, 16, "accessionNumber");
        studyId = text(studyId, 16, "studyId");
        referringPhysicianName = text(referringPhysicianName, 64, "referringPhysicianName");
        studyDescription = text(studyDescription, 64, "studyDescription");
        deidentificationMethod = text(deidentificationMethod, 64, "deidentificationMethod");
    }

    /**
     * A clearly fake patient and a new study, for the phantom and other generated data: PatientName
     * {@code LUNGCAD^<label>}, PatientID {@code LUNGCAD-<label>}, sex O. The Study Instance UID is derived from the
     * label and time, so regenerating the same data files it into the same study.
     *
     * @param label upper-case letters, digits or '_', 1..32 characters, e.g. "PHANTOM"
     */
    public static StudyIdentity synthetic(String label, LocalDateTime studyDateTime) {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(studyDateTime, "studyDateTime");
        if (!label.matches("[A-Z0-9_]{1,32}")) {
            throw new IllegalArgumentException("label must be 1..32 of A-Z, 0-9, _: " + label);
        }
        return new StudyIdentity("LUNGCAD^" + label, "LUNGCAD-" + label, "", "O", "",
                DicomUids.fromName("lungcad synthetic study/" + label + "/" + studyDateTime),
                studyDateTime.format(DateTimeFormatter.BASIC_ISO_DATE), studyDateTime.format(DateTimeFormatter.ofPattern("HHmmss")),
                "", "LUNGCAD", "", "LungCAD synthetic data (not a patient)", "");
    }

    /** Lenient: a source value that is malformed or too long for its VR is dropped or cut, not fatal. */
    static StudyIdentity copiedFrom(AttributeList header, String studyInstanceUid) {
        boolean removed = value(header, TagFromName.PatientIdentityRemoved).equalsIgnoreCase("YES");
        String method = value(header, TagFromName.DeidentificationMethod);
        return new StudyIdentity(
                cut(value(header, TagFromName.PatientName), 64),
                cut(value(header, TagFromName.PatientID), 64),
                valid(value(header, TagFromName.PatientBirthDate), DA),
                valid(value(header, TagFromName.PatientSex).toUpperCase(Locale.ROOT), SEX),
                valid(value(header, TagFromName.PatientAge).toUpperCase(Locale.ROOT), AS),
                studyInstanceUid,
                valid(value(header, TagFromName.StudyDate), DA),
                valid(value(header, TagFromName.StudyTime), TM),
                cut(value(header, TagFromName.AccessionNumber), 16),
                cut(value(header, TagFromName.StudyID), 16),
                cut(value(header, TagFromName.ReferringPhysicianName), 64),
                cut(value(header, TagFromName.StudyDescription), 64),
                removed ? cut(method.isEmpty() ? "unspecified" : method, 64) : "");
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

    /** Identifies the study only: patient attributes stay out of logs. */
    @Override
    public String toString() {
        return "StudyIdentity[study " + studyInstanceUid + ", patient withheld]";
    }

    private static String value(AttributeList list, AttributeTag tag) {
        return Attribute.getSingleStringValueOrEmptyString(list, tag).trim();
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private static String valid(String s, String pattern) {
        return s.matches(pattern) ? s : "";
    }

    private static String text(String s, int max, String name) {
        String v = s == null ? "" : s.trim();
        if (v.length() > max || v.chars().anyMatch(c -> c < 0x20 || c == '\\')) {
            throw new IllegalArgumentException(name + " must be at most " + max + " characters without control characters or '\\'");
        }
        return v;
    }

    private static String coded(String s, String pattern, String name) {
        String v = s == null ? "" : s.trim();
        if (!v.isEmpty() && !v.matches(pattern)) {
            throw new IllegalArgumentException(name + " is not a valid DICOM value: " + v);
        }
        return v;
    }
}
