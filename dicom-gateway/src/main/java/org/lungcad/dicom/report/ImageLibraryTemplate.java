package org.lungcad.dicom.report;

import com.pixelmed.dicom.ContentItem;
import com.pixelmed.dicom.DicomException;
import org.lungcad.dicom.series.ReceivedInstance;
import org.lungcad.dicom.volume.CtVolume;

/**
 * TID 1600 Image Library: one group for the CT series, its shared descriptors (TID 1602) once at group level,
 * then one IMAGE entry (TID 1601) per slice used.
 */
final class ImageLibraryTemplate {

    private ImageLibraryTemplate() {
    }

    static void add(SrTree tree, ContentItem root, SourceStudy source, CtVolume volume) throws DicomException {
        ContentItem library = tree.container(root, SrCodes.IMAGE_LIBRARY);
        ContentItem group = tree.container(library, SrCodes.IMAGE_LIBRARY_GROUP);
        tree.code(group, SrTree.HAS_ACQ_CONTEXT, SrCodes.MODALITY, SrCodes.COMPUTED_TOMOGRAPHY);
        tree.code(group, SrTree.HAS_ACQ_CONTEXT, SrCodes.TARGET_REGION, SrCodes.CHEST);
        if (source.studyDate().matches("\\d{8}")) {
            tree.date(group, SrTree.HAS_ACQ_CONTEXT, SrCodes.STUDY_DATE, source.studyDate());
        }
        tree.uid(group, SrTree.HAS_ACQ_CONTEXT, SrCodes.FRAME_OF_REFERENCE_UID, volume.frameOfReferenceUid());
        tree.num(group, SrTree.HAS_ACQ_CONTEXT, SrCodes.PIXEL_DATA_ROWS, volume.rows(), 0, SrCodes.PIXELS);
        tree.num(group, SrTree.HAS_ACQ_CONTEXT, SrCodes.PIXEL_DATA_COLUMNS, volume.columns(), 0, SrCodes.PIXELS);
        for (ReceivedInstance slice : source.slices()) {
            tree.image(group, SrTree.CONTAINS, slice.sopClassUid(), slice.sopInstanceUid());
        }
    }
}
