package org.lungcad.dicom.report;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.Normalizer;
import java.time.LocalDateTime;

/**
 * What every output carries: equipment (who made it: LungCAD and the algorithm's name and version), SOP and series
 * identity, and the file encoding. Shared by the SR and Secondary Capture writers so that they stamp the same way.
 */
final class OutputStamp {

    static final String MANUFACTURER = "LungCAD";
    /** Source AE title in the file meta information; the network layer sends under its own AE title. */
    private static final String SOURCE_AE = "LUNGCAD";

    private OutputStamp() {
    }

    static void equipment(AttributeList list, ReportAlgorithm algorithm) throws DicomException {
        DicomAttributes.put(list, TagFromName.Manufacturer, MANUFACTURER);
        DicomAttributes.put(list, TagFromName.ManufacturerModelName, ascii(algorithm.name(), 64));
        DicomAttributes.put(list, TagFromName.SoftwareVersions, ascii(algorithm.version(), 64));
    }

    static void sop(AttributeList list, String sopClassUid, String sopInstanceUid, int instanceNumber,
                    LocalDateTime created) throws DicomException {
        DicomAttributes.put(list, TagFromName.SOPClassUID, sopClassUid);
        DicomAttributes.put(list, TagFromName.SOPInstanceUID, sopInstanceUid);
        DicomAttributes.put(list, TagFromName.InstanceNumber, instanceNumber);
        DicomAttributes.putDate(list, TagFromName.InstanceCreationDate, created);
        DicomAttributes.putTime(list, TagFromName.InstanceCreationTime, created);
    }

    static void series(AttributeList list, String modality, OutputSeries series, String description,
                       LocalDateTime created) throws DicomException {
        DicomAttributes.put(list, TagFromName.Modality, modality);
        DicomAttributes.put(list, TagFromName.SeriesInstanceUID, series.seriesInstanceUid());
        DicomAttributes.put(list, TagFromName.SeriesNumber, series.seriesNumber());
        DicomAttributes.put(list, TagFromName.SeriesDescription, description);
        DicomAttributes.putDate(list, TagFromName.SeriesDate, created);
        DicomAttributes.putTime(list, TagFromName.SeriesTime, created);
    }

    /** Writes Part 10 (explicit VR little endian) to a temporary name and renames it, so no reader sees half a file. */
    static void write(AttributeList list, Path file) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".part");
        try {
            FileMetaInformation.addFileMetaInformation(list, TransferSyntax.ExplicitVRLittleEndian, SOURCE_AE);
            list.write(temporary.toFile(), TransferSyntax.ExplicitVRLittleEndian, true, true);
        } catch (DicomException e) {
            Files.deleteIfExists(temporary);
            throw new IOException("cannot encode " + file.getFileName() + ": " + e.getMessage(), e);
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Text for DICOM string values: the outputs declare no Specific Character Set of their own, so text is kept to
     * ASCII (which every character set contains): typographic signs become their ASCII spelling.
     */
    static String ascii(String text, int maxLength) {
        String s = text.replace("\u2265", ">=").replace("\u2264", "<=").replace("\u00d7", "x")
                .replace("\u00b7", "-").replace("\u2014", "-").replace("\u2013", "-").replace("\u00b3", "3")
                .replace("\u00b5", "u");
        s = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        s = s.replaceAll("[^\\x20-\\x7e]", "?");
        return s.length() <= maxLength ? s : s.substring(0, maxLength);
    }
}
