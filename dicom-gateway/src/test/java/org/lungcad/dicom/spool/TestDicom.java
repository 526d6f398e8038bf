package org.lungcad.dicom.spool;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.CodeStringAttribute;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.dicom.UniqueIdentifierAttribute;
import com.pixelmed.dicom.UnsignedShortAttribute;

import java.io.IOException;
import java.nio.file.Path;

/** Small synthetic DICOM files for tests that need no real image. */
public final class TestDicom {

    private TestDicom() {
    }

    /**
     * A CT Image Storage instance of 2 x 2 pixels and no geometry (a series of them is not analysable); a null UID is
     * left out.
     */
    public static Path write(Path file, String studyUid, String seriesUid, String sopInstanceUid)
            throws IOException, DicomException {
        AttributeList list = new AttributeList();
        put(list, TagFromName.SOPClassUID, SOPClass.CTImageStorage);
        put(list, TagFromName.SOPInstanceUID, sopInstanceUid);
        put(list, TagFromName.StudyInstanceUID, studyUid);
        put(list, TagFromName.SeriesInstanceUID, seriesUid);
        CodeStringAttribute modality = new CodeStringAttribute(TagFromName.Modality);
        modality.addValue("CT");
        list.put(modality);
        for (AttributeTag tag : new AttributeTag[] {TagFromName.Rows, TagFromName.Columns}) {
            unsigned(list, tag, 2);
        }
        unsigned(list, TagFromName.SamplesPerPixel, 1);
        unsigned(list, TagFromName.BitsAllocated, 16);
        unsigned(list, TagFromName.BitsStored, 12);
        unsigned(list, TagFromName.HighBit, 11);
        unsigned(list, TagFromName.PixelRepresentation, 0);
        CodeStringAttribute photometric = new CodeStringAttribute(TagFromName.PhotometricInterpretation);
        photometric.addValue("MONOCHROME2");
        list.put(photometric);
        OtherWordAttribute pixels = new OtherWordAttribute(TagFromName.PixelData);
        pixels.setValues(new short[] {0, 1, 2, 3});
        list.put(pixels);
        FileMetaInformation.addFileMetaInformation(list, TransferSyntax.ExplicitVRLittleEndian, "TEST");
        list.write(file.toFile(), TransferSyntax.ExplicitVRLittleEndian, true, true);
        return file;
    }

    private static void unsigned(AttributeList list, AttributeTag tag, int value) throws DicomException {
        UnsignedShortAttribute a = new UnsignedShortAttribute(tag);
        a.addValue(value);
        list.put(a);
    }

    private static void put(AttributeList list, AttributeTag tag, String uid) throws DicomException {
        if (uid != null) {
            UniqueIdentifierAttribute a = new UniqueIdentifierAttribute(tag);
            a.addValue(uid);
            list.put(a);
        }
    }
}
