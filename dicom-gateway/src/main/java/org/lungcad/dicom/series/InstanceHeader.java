package org.lungcad.dicom.series;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.TagFromName;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * The attributes of one instance that qualification needs, read from its header only (reading stops at
 * PixelData). Missing numeric values are {@code NaN} or {@code null} arrays; missing strings are empty.
 */
record InstanceHeader(
        ReceivedInstance instance,
        AttributeList attributes,
        String sopClassUid,
        String modality,
        List<String> imageTypes,
        int numberOfFrames,
        int rows,
        int columns,
        double[] pixelSpacing,
        Vector3 imagePositionPatient,
        double[] imageOrientationPatient,
        double sliceThickness,
        double gantryDetectorTilt,
        String frameOfReferenceUid,
        String bodyPartExamined) {

    /** (0018,0060) and (0018,1120): not among the names PixelMed's dictionary defines constants for. */
    static final AttributeTag KVP = new AttributeTag(0x0018, 0x0060);
    static final AttributeTag GANTRY_DETECTOR_TILT = new AttributeTag(0x0018, 0x1120);

    /** Reads the header of the instance's file. */
    static InstanceHeader read(ReceivedInstance instance) throws IOException, DicomException {
        AttributeList list = new AttributeList();
        list.read(instance.file().toFile(), TagFromName.PixelData);
        String sopClassUid = string(list, TagFromName.SOPClassUID);
        if (sopClassUid.isEmpty() || string(list, TagFromName.SOPInstanceUID).isEmpty()) {
            throw new DicomException("no SOP Class UID or SOP Instance UID: not a DICOM instance");
        }
        return new InstanceHeader(
                instance,
                list,
                sopClassUid,
                QualificationRules.normalizedCode(string(list, TagFromName.Modality)),
                strings(list, TagFromName.ImageType).stream().map(QualificationRules::normalizedCode).toList(),
                Attribute.getSingleIntegerValueOrDefault(list, TagFromName.NumberOfFrames, 1),
                Attribute.getSingleIntegerValueOrDefault(list, TagFromName.Rows, 0),
                Attribute.getSingleIntegerValueOrDefault(list, TagFromName.Columns, 0),
                doubles(list, TagFromName.PixelSpacing, 2),
                position(list),
                doubles(list, TagFromName.ImageOrientationPatient, 6),
                number(list, TagFromName.SliceThickness),
                number(list, GANTRY_DETECTOR_TILT),
                string(list, TagFromName.FrameOfReferenceUID),
                QualificationRules.normalizedCode(string(list, TagFromName.BodyPartExamined)));
    }

    boolean isLocalizer(QualificationRules rules) {
        return imageTypes.stream().anyMatch(rules.excludedImageTypes()::contains);
    }

    static String string(AttributeList list, AttributeTag tag) {
        return Attribute.getSingleStringValueOrEmptyString(list, tag).trim();
    }

    /** All values of a multi-valued string attribute, trimmed; empty when absent. */
    static List<String> strings(AttributeList list, AttributeTag tag) {
        String[] values = Attribute.getStringValues(list, tag);
        return values == null ? List.of() : Arrays.stream(values).map(String::trim).toList();
    }

    /** ImagePositionPatient, or null when absent or malformed. */
    static Vector3 position(AttributeList list) {
        double[] values = doubles(list, TagFromName.ImagePositionPatient, 3);
        return values == null ? null : Vector3.of(values);
    }

    static double number(AttributeList list, AttributeTag tag) {
        double[] values = doubles(list, tag, 1);
        return values == null ? Double.NaN : values[0];
    }

    /** The first {@code count} values, or null when the attribute is absent, short or not numeric. */
    static double[] doubles(AttributeList list, AttributeTag tag, int count) {
        Attribute attribute = list.get(tag);
        if (attribute == null || attribute.getVM() < count) {
            return null;
        }
        try {
            double[] values = attribute.getDoubleValues();
            if (values == null || values.length < count) {
                return null;
            }
            double[] result = Arrays.copyOf(values, count);
            return Arrays.stream(result).allMatch(Double::isFinite) ? result : null;
        } catch (DicomException | NumberFormatException e) {
            return null;
        }
    }
}
