package org.lungcad.dicom.volume;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import java.io.IOException;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;
import org.lungcad.dicom.report.DicomUids;
import org.lungcad.dicom.series.QualifiedSeries;
import org.lungcad.dicom.series.SeriesHeader;
import org.lungcad.dicom.series.Vector3;

/**
 * What {@link CtSeriesWriter} writes: a synthetic CT series, i.e. a regular grid of Hounsfield units with its patient
 * geometry (the {@link CtVolume} conventions: x-fastest {@code hu[(k * rows + j) * columns + i]}, slice k at
 * {@code origin + k * spacingZ * cross(rowDirection, columnDirection)}, LPS mm), its synthetic patient and study
 * ({@link StudyIdentity}, which also gives the frame of reference) and the identity of the new series. Its
 * description must say SYNTHETIC; the writer marks every image DERIVED.
 *
 * <p>The {@code hu} array is shared, not copied (a chest CT is hundreds of MB): do not change it while writing.
 *
 * @param spacingX              distance between columns, mm (written as PixelSpacing[1])
 * @param spacingY              distance between rows, mm (written as PixelSpacing[0])
 * @param spacingZ              distance between slices, mm; also written as SliceThickness
 * @param acquisition           what a derived image keeps of how its source was acquired
 * @param derivationDescription what was done to make the pixels (written because ImageType says DERIVED)
 */
public record CtSeriesSpec(
        int columns, int rows, int slices,
        double spacingX, double spacingY, double spacingZ,
        Vector3 origin, Vector3 rowDirection, Vector3 columnDirection,
        float[] hu,
        StudyIdentity study,
        String seriesInstanceUid, int seriesNumber, String seriesDescription,
        Acquisition acquisition,
        String derivationDescription) {

    /** Direction cosines must be unit and orthogonal to this precision (DS values carry about 6 decimals). */
    private static final double DIRECTION_TOLERANCE = 1e-4;

    /**
     * Acquisition attributes a derived image keeps from its source; empty strings mean unknown or not applicable.
     *
     * @param patientPosition    PatientPosition (HFS, FFS, ...)
     * @param contrastBolusAgent ContrastBolusAgent of the source: the derived pixels still show that contrast
     */
    public record Acquisition(String patientPosition, OptionalDouble kvp, String convolutionKernel,
                              String contrastBolusAgent) {
        public Acquisition {
            Objects.requireNonNull(kvp, "kvp");
            patientPosition = text(patientPosition, 16, "patientPosition");
            if (!patientPosition.matches("[A-Z]*")) {
                throw new IllegalArgumentException("patientPosition must be a code such as HFS: " + patientPosition);
            }
            kvp.ifPresent(v -> {
                if (!(v > 0 && v < 1000)) {
                    throw new IllegalArgumentException("kvp out of range: " + v);
                }
            });
            convolutionKernel = text(convolutionKernel, 16, "convolutionKernel");
            contrastBolusAgent = text(contrastBolusAgent, 64, "contrastBolusAgent");
        }

        /** Generated data: head first supine (the frame the phantom is defined in), nothing else known. */
        public static Acquisition generated() {
            return new Acquisition("HFS", OptionalDouble.empty(), "", "");
        }

        /** Lenient: source values that do not fit their VR are dropped. */
        static Acquisition copiedFrom(AttributeList header, SeriesHeader series) {
            String position = value(header, TagFromName.PatientPosition);
            OptionalDouble kvp = series.kvp().isPresent() && series.kvp().getAsDouble() > 0
                    && series.kvp().getAsDouble() < 1000 ? series.kvp() : OptionalDouble.empty();
            String kernel = series.convolutionKernel();
            String contrast = value(header, TagFromName.ContrastBolusAgent);
            return new Acquisition(position.matches("[A-Z]{1,16}") ? position : "", kvp,
                    kernel.length() <= 16 && kernel.indexOf('\\') < 0 ? kernel : "",
                    contrast.length() <= 64 && contrast.indexOf('\\') < 0 ? contrast : "");
        }
    }

    public CtSeriesSpec {
        Objects.requireNonNull(hu, "hu");
        Objects.requireNonNull(study, "study");
        Objects.requireNonNull(acquisition, "acquisition");
        if (columns <= 0 || rows <= 0 || slices <= 0 || columns > 65535 || rows > 65535) {
            throw new IllegalArgumentException("dimensions must be positive (rows and columns at most 65535): "
                    + columns + "x" + rows + "x" + slices);
        }
        if ((long) columns * rows * slices != hu.length) {
            throw new IllegalArgumentException("voxel count " + hu.length + " does not match " + columns + "x" + rows + "x" + slices);
        }
        if (!(spacingX > 0 && spacingY > 0 && spacingZ > 0) || !Double.isFinite(spacingX + spacingY + spacingZ)) {
            throw new IllegalArgumentException("spacing must be positive and finite");
        }
        finite(origin, "origin");
        finite(rowDirection, "rowDirection");
        finite(columnDirection, "columnDirection");
        if (Math.abs(rowDirection.norm() - 1) > DIRECTION_TOLERANCE || Math.abs(columnDirection.norm() - 1) > DIRECTION_TOLERANCE
                || Math.abs(rowDirection.dot(columnDirection)) > DIRECTION_TOLERANCE) {
            throw new IllegalArgumentException("row and column directions must be orthogonal unit vectors");
        }
        DicomUids.requireValid(seriesInstanceUid, "seriesInstanceUid");
        if (seriesNumber < 0) {
            throw new IllegalArgumentException("seriesNumber must be >= 0, was " + seriesNumber);
        }
        seriesDescription = text(seriesDescription, 64, "seriesDescription");
        if (!seriesDescription.toUpperCase(Locale.ROOT).contains("SYNTHETIC")) {
            // what a reader sees first in a viewer's series list: synthetic data must say so there
            throw new IllegalArgumentException("seriesDescription must say SYNTHETIC: " + seriesDescription);
        }
        derivationDescription = text(derivationDescription, 1024, "derivationDescription");
    }

    /** Generated data (the phantom): a new series, {@link Acquisition#generated()}. */
    public static CtSeriesSpec synthetic(int columns, int rows, int slices, double spacingX, double spacingY,
                                         double spacingZ, Vector3 origin, Vector3 rowDirection,
                                         Vector3 columnDirection, float[] hu, StudyIdentity study, int seriesNumber,
                                         String seriesDescription) {
        return new CtSeriesSpec(columns, rows, slices, spacingX, spacingY, spacingZ, origin, rowDirection,
                columnDirection, hu, study, DicomUids.random(), seriesNumber, seriesDescription,
                Acquisition.generated(), "Procedurally generated by LungCAD; not acquired from a patient");
    }

    /**
     * New pixels on the grid of a loaded real series (e.g. with inserted synthetic nodules), as a new series of the
     * synthetic {@code study}: the geometry and what the pixels show of the acquisition (patient position, kVp,
     * kernel, contrast) are kept, so the ground truth's patient coordinates stay valid; nothing identifies the source
     * (no patient, study, frame of reference or source-image reference of the real scan).
     *
     * @param hu voxels on exactly the source grid
     */
    public static CtSeriesSpec derivedFrom(QualifiedSeries source, CtVolume volume, float[] hu, StudyIdentity study,
                                           int seriesNumber, String seriesDescription, String derivationDescription)
            throws IOException {
        if (!volume.header().seriesInstanceUid().equals(source.header().seriesInstanceUid())) {
            throw new IllegalArgumentException("the volume was not loaded from this series");
        }
        AttributeList first = StudyIdentity.readHeader(source.slices().get(0).file());
        return new CtSeriesSpec(volume.columns(), volume.rows(), volume.slices(), volume.spacingX(), volume.spacingY(),
                volume.spacingZ(), volume.origin(), volume.rowDirection(), volume.columnDirection(), hu, study,
                DicomUids.random(), seriesNumber, seriesDescription, Acquisition.copiedFrom(first, source.header()),
                derivationDescription);
    }

    /** cross(row, column): the direction of increasing slice index. */
    public Vector3 sliceDirection() {
        return rowDirection.cross(columnDirection);
    }

    /** ImagePositionPatient of slice k: the centre of its first pixel, LPS mm. */
    public Vector3 position(int k) {
        return origin.plus(sliceDirection().times(k * spacingZ));
    }

    /** For logs: the grid and series, never the patient. */
    @Override
    public String toString() {
        return "CtSeriesSpec[" + columns + "x" + rows + "x" + slices + ", spacing " + spacingX + "/" + spacingY + "/"
                + spacingZ + " mm, series " + seriesInstanceUid + ", " + study + "]";
    }

    private static void finite(Vector3 v, String name) {
        Objects.requireNonNull(v, name);
        if (!Double.isFinite(v.x() + v.y() + v.z())) {
            throw new IllegalArgumentException(name + " must have 3 finite components");
        }
    }

    private static String value(AttributeList list, com.pixelmed.dicom.AttributeTag tag) {
        return Attribute.getSingleStringValueOrEmptyString(list, tag).trim();
    }

    private static String text(String s, int max, String name) {
        String v = s == null ? "" : s.trim();
        if (v.length() > max || v.chars().anyMatch(c -> c < 0x20 || c == '\\')) {
            throw new IllegalArgumentException(name + " must be at most " + max + " characters without control characters or '\\'");
        }
        return v;
    }
}
