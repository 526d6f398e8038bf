package org.lungcad.dicom.volume;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.TagFromName;
import java.util.Locale;
import org.lungcad.dicom.series.SeriesHeader;
import org.lungcad.dicom.series.SkipReason;
import org.lungcad.dicom.series.Vector3;

/** Reads and checks the plane geometry of one slice against the series' regular grid. */
final class InstanceGeometry {

    private InstanceGeometry() {
    }

    static Vector3 position(AttributeList list, String file) throws VolumeLoadException {
        return Vector3.of(values(list, TagFromName.ImagePositionPatient, 3, file));
    }

    static double[] orientation(AttributeList list, String file) throws VolumeLoadException {
        return values(list, TagFromName.ImageOrientationPatient, 6, file);
    }

    /**
     * Slice k must lie k spacings from the first along the normal, and not drift sideways by more than a
     * small shear (the qualifier accepts a gantry tilt up to its limit; the grid ignores that shear).
     */
    static void checkPosition(SeriesHeader header, Vector3 origin, Vector3 position, int k, String file)
            throws VolumeLoadException {
        Vector3 d = position.minus(origin);
        double along = d.dot(header.sliceDirection());
        double expected = k * header.sliceSpacingMm();
        double tolerance = Math.max(0.1, 0.2 * header.sliceSpacingMm());
        if (Math.abs(along - expected) > tolerance) {
            throw new VolumeLoadException(SkipReason.INCONSISTENT_SPACING, String.format(Locale.ROOT,
                    "%s lies %.2f mm from the first slice where %.2f mm is expected for slice %d", file, along, expected, k));
        }
        double sideways = Math.sqrt(Math.max(0, d.dot(d) - along * along));
        if (sideways > Math.max(1.0, 0.01 * Math.abs(along))) {
            throw new VolumeLoadException(SkipReason.GANTRY_TILT, String.format(Locale.ROOT,
                    "%s is shifted %.2f mm sideways from the slice stack (tilted or sheared geometry)", file, sideways));
        }
    }

    private static double[] values(AttributeList list, AttributeTag tag, int count, String file) throws VolumeLoadException {
        Attribute attribute = list.get(tag);
        try {
            double[] values = attribute == null ? null : attribute.getDoubleValues();
            if (values != null && values.length >= count) {
                return values;
            }
        } catch (DicomException | NumberFormatException e) {
            // reported below
        }
        throw new VolumeLoadException(SkipReason.MISSING_GEOMETRY, file + ": " + tag + " is absent or malformed");
    }
}
