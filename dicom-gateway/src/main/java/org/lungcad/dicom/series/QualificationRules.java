package org.lungcad.dicom.series;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The input rules a series must pass to be analysed, as data (the cad-server binds them from configuration).
 * Code strings (modalities, image types, body parts) are compared upper case, trimmed.
 *
 * @param modalities               accepted Modality (0008,0060) values
 * @param sopClassUids             SOP classes that are analysed; instances of other classes in the series are dropped
 * @param excludedImageTypes       ImageType (0008,0008) values that mark an instance as not part of the volume
 * @param minSliceThicknessMm      smallest accepted SliceThickness
 * @param maxSliceThicknessMm      largest accepted SliceThickness
 * @param minSliceSpacingMm        smallest accepted spacing measured from ImagePositionPatient
 * @param maxSliceSpacingMm        largest accepted spacing measured from ImagePositionPatient
 * @param spacingToleranceMm       absolute tolerance for consistent spacing and gap detection
 * @param spacingToleranceFraction relative tolerance (of the nominal spacing); the larger of the two applies
 * @param minSlices                fewest slices that make a usable volume
 * @param minCoverageMm            shortest extent along the slice normal (lungs need about 120 mm)
 * @param maxObliquityDegrees      largest angle between the slice normal and the patient z axis
 * @param maxGantryTiltDegrees     largest GantryDetectorTilt, and largest shear of the slice stack
 * @param bodyParts                accepted BodyPartExamined values when the attribute has a value (absent passes;
 *                                 an empty set accepts any body part)
 * @param requirePixelSpacing      whether a series without PixelSpacing is skipped
 */
public record QualificationRules(
        Set<String> modalities,
        Set<String> sopClassUids,
        Set<String> excludedImageTypes,
        double minSliceThicknessMm,
        double maxSliceThicknessMm,
        double minSliceSpacingMm,
        double maxSliceSpacingMm,
        double spacingToleranceMm,
        double spacingToleranceFraction,
        int minSlices,
        double minCoverageMm,
        double maxObliquityDegrees,
        double maxGantryTiltDegrees,
        Set<String> bodyParts,
        boolean requirePixelSpacing) {

    public static final String CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";
    public static final String ENHANCED_CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2.1";

    public QualificationRules {
        modalities = codes(modalities, "modalities");
        sopClassUids = Set.copyOf(Objects.requireNonNull(sopClassUids, "sopClassUids"));
        excludedImageTypes = codes(excludedImageTypes, "excludedImageTypes");
        bodyParts = codes(bodyParts, "bodyParts");
        if (modalities.isEmpty() || sopClassUids.isEmpty()) {
            throw new IllegalArgumentException("at least one modality and one SOP class must be accepted");
        }
        range(minSliceThicknessMm, maxSliceThicknessMm, "slice thickness");
        range(minSliceSpacingMm, maxSliceSpacingMm, "slice spacing");
        if (!(spacingToleranceMm >= 0) || !(spacingToleranceFraction >= 0 && spacingToleranceFraction < 0.5)) {
            throw new IllegalArgumentException("spacing tolerance must be >= 0 mm and a fraction in [0, 0.5)");
        }
        if (minSlices < 2) {
            throw new IllegalArgumentException("minSlices must be at least 2, was " + minSlices);
        }
        if (!(minCoverageMm >= 0)) {
            throw new IllegalArgumentException("minCoverageMm must be >= 0, was " + minCoverageMm);
        }
        angle(maxObliquityDegrees, "maxObliquityDegrees");
        angle(maxGantryTiltDegrees, "maxGantryTiltDegrees");
    }

    /** Chest CT as the detector expects it: thin axial slices, contiguous, at least 120 mm of the body. */
    public static QualificationRules defaults() {
        return new QualificationRules(
                Set.of("CT"),
                Set.of(CT_IMAGE_STORAGE, ENHANCED_CT_IMAGE_STORAGE),
                Set.of("LOCALIZER"),
                0.5, 3.0,
                0.5, 3.0,
                0.1, 0.1,
                32, 120.0,
                5.0, 0.5,
                Set.of("CHEST", "LUNG", "THORAX", "CHEST_ABDOMEN", "CHEST_ABD_PELVIS", "CHESTABDOMEN",
                        "CHESTABDPELVIS", "THORAX_ABDOMEN", "WHOLEBODY", "BODY", "TRUNK", "HEART"),
                true);
    }

    public QualificationRules withMinSlices(int value) {
        return new QualificationRules(modalities, sopClassUids, excludedImageTypes, minSliceThicknessMm,
                maxSliceThicknessMm, minSliceSpacingMm, maxSliceSpacingMm, spacingToleranceMm, spacingToleranceFraction,
                value, minCoverageMm, maxObliquityDegrees, maxGantryTiltDegrees, bodyParts, requirePixelSpacing);
    }

    public QualificationRules withMinCoverageMm(double value) {
        return new QualificationRules(modalities, sopClassUids, excludedImageTypes, minSliceThicknessMm,
                maxSliceThicknessMm, minSliceSpacingMm, maxSliceSpacingMm, spacingToleranceMm, spacingToleranceFraction,
                minSlices, value, maxObliquityDegrees, maxGantryTiltDegrees, bodyParts, requirePixelSpacing);
    }

    public QualificationRules withBodyParts(Set<String> value) {
        return new QualificationRules(modalities, sopClassUids, excludedImageTypes, minSliceThicknessMm,
                maxSliceThicknessMm, minSliceSpacingMm, maxSliceSpacingMm, spacingToleranceMm, spacingToleranceFraction,
                minSlices, minCoverageMm, maxObliquityDegrees, maxGantryTiltDegrees, value, requirePixelSpacing);
    }

    /** The tolerance for a step of the given nominal spacing: the larger of the absolute and relative one. */
    public double spacingTolerance(double nominalSpacingMm) {
        return Math.max(spacingToleranceMm, spacingToleranceFraction * nominalSpacingMm);
    }

    static String normalizedCode(String value) {
        return value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
    }

    private static Set<String> codes(Set<String> values, String name) {
        Objects.requireNonNull(values, name);
        return values.stream().map(QualificationRules::normalizedCode).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    private static void range(double min, double max, String name) {
        if (!(min > 0 && max >= min && Double.isFinite(max))) {
            throw new IllegalArgumentException(name + " range must satisfy 0 < min <= max, was " + min + "-" + max);
        }
    }

    private static void angle(double degrees, String name) {
        if (!(degrees >= 0 && degrees < 90)) {
            throw new IllegalArgumentException(name + " must be in [0, 90) degrees, was " + degrees);
        }
    }
}
