package org.lungcad.dicom.series;

/**
 * Why a series is not analysed. The {@link #code()} is stable: it goes into logs, metrics labels and the
 * REST status, so renaming a constant must keep its code.
 */
public enum SkipReason {
    NOT_CT_MODALITY,
    NOT_ANALYSED_SOP_CLASS,
    MULTI_FRAME_NOT_SUPPORTED,
    LOCALIZER,
    NOT_CHEST,
    MISSING_GEOMETRY,
    MISSING_PIXEL_SPACING,
    INCONSISTENT_IMAGE_SIZE,
    INCONSISTENT_ORIENTATION,
    MULTIPLE_FRAMES_OF_REFERENCE,
    NOT_AXIAL,
    GANTRY_TILT,
    SLICE_THICKNESS_OUT_OF_RANGE,
    DUPLICATE_SLICE_POSITION,
    TOO_FEW_SLICES,
    SLICE_SPACING_OUT_OF_RANGE,
    MISSING_SLICES,
    INCONSISTENT_SPACING,
    INSUFFICIENT_COVERAGE,
    UNSUPPORTED_PIXEL_DATA,
    VOLUME_TOO_LARGE,
    UNREADABLE,
    /** The node no longer holds the series' instances (removed from its spool before the analysis ran). */
    NO_INSTANCES;

    /** The stable, machine-readable code (lower case with dashes, e.g. {@code too-few-slices}). */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
