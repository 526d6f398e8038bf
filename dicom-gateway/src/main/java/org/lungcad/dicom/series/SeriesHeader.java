package org.lungcad.dicom.series;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * What later stages need to know about a qualified series, read from its headers. Deliberately holds no
 * patient name or ID: this value travels into logs, job records and reports.
 *
 * @param rowSpacingMm      PixelSpacing[0]: distance between adjacent rows (along the column direction, y)
 * @param columnSpacingMm   PixelSpacing[1]: distance between adjacent columns (along the row direction, x)
 * @param sliceSpacingMm    measured from ImagePositionPatient along the slice normal, not from SpacingBetweenSlices
 * @param rowDirection      ImageOrientationPatient[0..2], unit vector, LPS
 * @param columnDirection   ImageOrientationPatient[3..5], unit vector, LPS
 * @param sliceDirection    cross(row, column): the direction of increasing slice index
 * @param patientAgeYears   PatientAge in whole years; absent when not given
 * @param patientSex        PatientSex; absent when not given or not M/F/O
 */
public record SeriesHeader(
        String studyInstanceUid,
        String seriesInstanceUid,
        String frameOfReferenceUid,
        String sopClassUid,
        String modality,
        String manufacturer,
        String manufacturerModelName,
        Optional<LocalDate> studyDate,
        String seriesDescription,
        OptionalInt seriesNumber,
        String bodyPartExamined,
        String convolutionKernel,
        OptionalDouble kvp,
        OptionalInt patientAgeYears,
        Optional<PatientSex> patientSex,
        int rows,
        int columns,
        int sliceCount,
        double rowSpacingMm,
        double columnSpacingMm,
        double sliceThicknessMm,
        double sliceSpacingMm,
        Vector3 rowDirection,
        Vector3 columnDirection,
        Vector3 sliceDirection) {

    /** PatientSex (0010,0040) code values. */
    public enum PatientSex { M, F, O }

    public SeriesHeader {
        Objects.requireNonNull(studyInstanceUid, "studyInstanceUid");
        Objects.requireNonNull(seriesInstanceUid, "seriesInstanceUid");
        Objects.requireNonNull(frameOfReferenceUid, "frameOfReferenceUid");
        Objects.requireNonNull(studyDate, "studyDate");
        Objects.requireNonNull(seriesNumber, "seriesNumber");
        Objects.requireNonNull(kvp, "kvp");
        Objects.requireNonNull(patientAgeYears, "patientAgeYears");
        Objects.requireNonNull(patientSex, "patientSex");
        sopClassUid = Objects.requireNonNullElse(sopClassUid, "");
        modality = Objects.requireNonNullElse(modality, "");
        manufacturer = Objects.requireNonNullElse(manufacturer, "");
        manufacturerModelName = Objects.requireNonNullElse(manufacturerModelName, "");
        seriesDescription = Objects.requireNonNullElse(seriesDescription, "");
        bodyPartExamined = Objects.requireNonNullElse(bodyPartExamined, "");
        convolutionKernel = Objects.requireNonNullElse(convolutionKernel, "");
        if (rows <= 0 || columns <= 0 || sliceCount <= 0) {
            throw new IllegalArgumentException("rows, columns and slice count must be positive");
        }
        if (!(rowSpacingMm > 0 && columnSpacingMm > 0 && sliceSpacingMm > 0)) {
            throw new IllegalArgumentException("spacing must be positive");
        }
        Objects.requireNonNull(rowDirection, "rowDirection");
        Objects.requireNonNull(columnDirection, "columnDirection");
        Objects.requireNonNull(sliceDirection, "sliceDirection");
    }

    /** For logs: identifies the series and its grid, never the patient. */
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT,
                "SeriesHeader[series %s, %s %s, %d×%d×%d, spacing %s/%s/%s mm, thickness %s mm, kernel %s]",
                seriesInstanceUid, modality, manufacturer, columns, rows, sliceCount, columnSpacingMm, rowSpacingMm,
                sliceSpacingMm, sliceThicknessMm, convolutionKernel);
    }

    /**
     * Whole years from a DICOM Age String ("062Y", "006M", "010W", "003D"); empty when absent or malformed.
     */
    public static OptionalInt parsePatientAge(String ageString) {
        if (ageString == null) {
            return OptionalInt.empty();
        }
        String s = ageString.trim().toUpperCase(java.util.Locale.ROOT);
        if (!s.matches("\\d{1,3}[DWMY]")) {
            return OptionalInt.empty();
        }
        int n = Integer.parseInt(s.substring(0, s.length() - 1));
        return switch (s.charAt(s.length() - 1)) {
            case 'Y' -> OptionalInt.of(n);
            case 'M' -> OptionalInt.of(n / 12);
            case 'W' -> OptionalInt.of(n / 52);
            default -> OptionalInt.of(n / 365);
        };
    }

    /** PatientSex from its code string; anything but M, F or O is treated as absent. */
    public static Optional<PatientSex> parsePatientSex(String code) {
        String s = QualificationRules.normalizedCode(code);
        return switch (s) {
            case "M" -> Optional.of(PatientSex.M);
            case "F" -> Optional.of(PatientSex.F);
            case "O" -> Optional.of(PatientSex.O);
            default -> Optional.empty();
        };
    }
}
