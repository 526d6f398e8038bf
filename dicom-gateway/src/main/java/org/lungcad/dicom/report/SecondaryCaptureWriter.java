package org.lungcad.dicom.report;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.OtherByteAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import org.lungcad.dicom.series.ReceivedInstance;

/**
 * One rendered image as a single-frame Secondary Capture Image (1.2.840.10008.5.1.4.1.1.7), RGB, 8 bits. Single
 * frame rather than Multi-frame True Color SC: every PACS and viewer stores and shows it, and each key image is its
 * own instance a radiologist can open, sort and compare next to the CT.
 */
final class SecondaryCaptureWriter {

    static final String SECONDARY_CAPTURE_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.7";
    static final String SERIES_DESCRIPTION = "LungCAD nodule marks (not for diagnosis)";
    private static final Code SOURCE_IMAGE_PURPOSE = new Code("121322", "DCM",
            "Source image for image processing operation");

    private SecondaryCaptureWriter() {
    }

    /**
     * @param sources        the CT slices the image was derived from (empty for a summary of no findings)
     * @param patientOrientation Patient Orientation of the rendered image (row\column direction letters)
     */
    static WrittenInstance write(BufferedImage image, ReportRequest request, SourceStudy source, String sopInstanceUid,
                                 int instanceNumber, List<ReceivedInstance> sources, String derivation,
                                 String[] patientOrientation, Path file) throws IOException {
        try {
            AttributeList list = build(image, request, source, sopInstanceUid, instanceNumber, sources, derivation,
                    patientOrientation);
            OutputStamp.write(list, file);
        } catch (DicomException e) {
            throw new IOException("cannot build Secondary Capture " + file.getFileName() + ": " + e.getMessage(), e);
        }
        return new WrittenInstance(file, SECONDARY_CAPTURE_IMAGE_STORAGE, sopInstanceUid,
                request.overlaySeries().seriesInstanceUid());
    }

    private static AttributeList build(BufferedImage image, ReportRequest request, SourceStudy source,
                                       String sopInstanceUid, int instanceNumber, List<ReceivedInstance> sources,
                                       String derivation, String[] patientOrientation) throws DicomException {
        LocalDateTime created = request.contentDateTime();
        AttributeList list = new AttributeList();
        source.copyPatientAndStudy(list);
        OutputStamp.series(list, "OT", request.overlaySeries(), SERIES_DESCRIPTION, created);
        DicomAttributes.put(list, TagFromName.BodyPartExamined, "CHEST");
        OutputStamp.equipment(list, request.algorithm());
        OutputStamp.sop(list, SECONDARY_CAPTURE_IMAGE_STORAGE, sopInstanceUid, instanceNumber, created);

        // SC Equipment: a workstation drew it
        DicomAttributes.put(list, TagFromName.ConversionType, "WSD");
        DicomAttributes.put(list, TagFromName.SecondaryCaptureDeviceManufacturer, OutputStamp.MANUFACTURER);
        DicomAttributes.put(list, TagFromName.SecondaryCaptureDeviceManufacturerModelName,
                OutputStamp.ascii(request.algorithm().name(), 64));
        DicomAttributes.put(list, TagFromName.SecondaryCaptureDeviceSoftwareVersions,
                OutputStamp.ascii(request.algorithm().version(), 64));
        // General Image and SC Image
        DicomAttributes.put(list, TagFromName.ImageType, "DERIVED", "SECONDARY");
        DicomAttributes.put(list, TagFromName.PatientOrientation, patientOrientation);
        DicomAttributes.putDate(list, TagFromName.ContentDate, created);
        DicomAttributes.putTime(list, TagFromName.ContentTime, created);
        DicomAttributes.putDate(list, TagFromName.DateOfSecondaryCapture, created);
        DicomAttributes.putTime(list, TagFromName.TimeOfSecondaryCapture, created);
        DicomAttributes.put(list, TagFromName.DerivationDescription, OutputStamp.ascii(derivation, 1024));
        DicomAttributes.put(list, TagFromName.BurnedInAnnotation, "YES");
        DicomAttributes.put(list, TagFromName.RecognizableVisualFeatures, "NO");
        DicomAttributes.put(list, TagFromName.LossyImageCompression, "00");
        if (!sources.isEmpty()) {
            SequenceAttribute sourceImages = new SequenceAttribute(TagFromName.SourceImageSequence);
            for (ReceivedInstance slice : sources) {
                AttributeList item = DicomAttributes.sopReference(slice.sopClassUid(), slice.sopInstanceUid());
                item.put(DicomAttributes.codeSequence(TagFromName.PurposeOfReferenceCodeSequence, SOURCE_IMAGE_PURPOSE));
                sourceImages.addItem(item);
            }
            list.put(sourceImages);
        }
        putPixels(list, image);
        return list;
    }

    /** Image Pixel module: RGB, colour-by-pixel, 8 bits unsigned. */
    private static void putPixels(AttributeList list, BufferedImage image) throws DicomException {
        int columns = image.getWidth();
        int rows = image.getHeight();
        DicomAttributes.put(list, TagFromName.SamplesPerPixel, 3);
        DicomAttributes.put(list, TagFromName.PhotometricInterpretation, "RGB");
        DicomAttributes.put(list, TagFromName.PlanarConfiguration, 0);
        DicomAttributes.put(list, TagFromName.Rows, rows);
        DicomAttributes.put(list, TagFromName.Columns, columns);
        DicomAttributes.put(list, TagFromName.BitsAllocated, 8);
        DicomAttributes.put(list, TagFromName.BitsStored, 8);
        DicomAttributes.put(list, TagFromName.HighBit, 7);
        DicomAttributes.put(list, TagFromName.PixelRepresentation, 0);
        byte[] rgb = new byte[columns * rows * 3 + (columns * rows * 3) % 2];
        int n = 0;
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < columns; x++) {
                int pixel = image.getRGB(x, y);
                rgb[n++] = (byte) (pixel >> 16);
                rgb[n++] = (byte) (pixel >> 8);
                rgb[n++] = (byte) pixel;
            }
        }
        OtherByteAttribute pixelData = new OtherByteAttribute(TagFromName.PixelData);
        pixelData.setValues(rgb);
        list.put(pixelData);
    }
}
