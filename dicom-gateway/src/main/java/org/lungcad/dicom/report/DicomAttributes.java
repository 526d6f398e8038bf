package org.lungcad.dicom.report;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeFactory;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** Small helpers to set attributes on a PixelMed list by tag, with the VR from PixelMed's dictionary. */
final class DicomAttributes {

    static final DateTimeFormatter DA = DateTimeFormatter.ofPattern("yyyyMMdd");
    static final DateTimeFormatter TM = DateTimeFormatter.ofPattern("HHmmss");

    private DicomAttributes() {
    }

    static void put(AttributeList list, AttributeTag tag, String... values) throws DicomException {
        Attribute attribute = AttributeFactory.newAttribute(tag);
        for (String value : values) {
            attribute.addValue(value);
        }
        list.put(attribute);
    }

    static void put(AttributeList list, AttributeTag tag, int value) throws DicomException {
        Attribute attribute = AttributeFactory.newAttribute(tag);
        attribute.addValue(value);
        list.put(attribute);
    }

    static void putEmpty(AttributeList list, AttributeTag tag) throws DicomException {
        list.put(AttributeFactory.newAttribute(tag));
    }

    static void putEmptySequence(AttributeList list, AttributeTag tag) {
        list.put(new SequenceAttribute(tag));
    }

    static void putDate(AttributeList list, AttributeTag tag, LocalDateTime when) throws DicomException {
        put(list, tag, DA.format(when));
    }

    static void putTime(AttributeList list, AttributeTag tag, LocalDateTime when) throws DicomException {
        put(list, tag, TM.format(when));
    }

    /** A sequence item with Referenced SOP Class and Instance UIDs. */
    static AttributeList sopReference(String sopClassUid, String sopInstanceUid) throws DicomException {
        AttributeList item = new AttributeList();
        put(item, TagFromName.ReferencedSOPClassUID, sopClassUid);
        put(item, TagFromName.ReferencedSOPInstanceUID, sopInstanceUid);
        return item;
    }

    /** A one-item code sequence. */
    static SequenceAttribute codeSequence(AttributeTag tag, Code code) {
        SequenceAttribute sequence = new SequenceAttribute(tag);
        sequence.addItem(code.item().getAttributeList());
        return sequence;
    }
}
