package org.lungcad.dicom.spool;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.CodeStringAttribute;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.dicom.UniqueIdentifierAttribute;

import java.io.IOException;
import java.nio.file.Path;

/** Small synthetic DICOM files for tests that need no real image. */
public final class TestDicom {

    private TestDicom() {
    }

    /** A CT Image Storage header-only instance; a null UID is left out. */
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
        FileMetaInformation.addFileMetaInformation(list, TransferSyntax.ExplicitVRLittleEndian, "TEST");
        list.write(file.toFile(), TransferSyntax.ExplicitVRLittleEndian, true, true);
        return file;
    }

    private static void put(AttributeList list, AttributeTag tag, String uid) throws DicomException {
        if (uid != null) {
            UniqueIdentifierAttribute a = new UniqueIdentifierAttribute(tag);
            a.addValue(uid);
            list.put(a);
        }
    }
}
