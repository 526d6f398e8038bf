package org.lungcad.dicom.spool;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.TagFromName;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.lungcad.dicom.net.DimseStatus;
import org.lungcad.dicom.net.StoreRefusedException;
import org.lungcad.dicom.series.ReceivedInstance;
import java.util.regex.Pattern;

/**
 * The attributes needed to file and route an instance, read from its meta header and data set (no pixel data).
 * Also used to group DICOM files read in place (the offline tools), where a Part 10 meta header is optional.
 */
public record KeyAttributes(
        String studyInstanceUid,
        String seriesInstanceUid,
        String sopInstanceUid,
        String sopClassUid,
        String modality,
        String transferSyntaxUid) {

    private static final Pattern UID = Pattern.compile("^[0-9]+(\\.[0-9]+)*$");
    private static final int MAX_UID_LENGTH = 64;

    /**
     * Reads a Part 10 file up to, not including, Pixel Data and validates the UIDs that become file names.
     *
     * @throws StoreRefusedException with the status the sender should get when the instance is not acceptable
     */
    public static KeyAttributes read(Path file) throws StoreRefusedException {
        return read(file, true);
    }

    /** As {@link #read(Path)}; without {@code requireMetaHeader} a bare data set (a disk dump) is accepted too. */
    public static KeyAttributes read(Path file, boolean requireMetaHeader) throws StoreRefusedException {
        AttributeList list = new AttributeList();
        String transferSyntaxUid;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file));
             DicomInputStream din = new DicomInputStream(in)) {
            if (requireMetaHeader && !din.haveMetaHeader()) {
                throw new StoreRefusedException(DimseStatus.CANNOT_UNDERSTAND, "no DICOM file meta information");
            }
            list.read(din, TagFromName.PixelData);
            transferSyntaxUid = din.getTransferSyntaxToReadDataSet() == null
                    ? null : din.getTransferSyntaxToReadDataSet().getUID();
        } catch (IOException | DicomException | RuntimeException e) {
            // PixelMed reports malformed input as IOException, DicomException or unchecked exceptions alike
            throw new StoreRefusedException(DimseStatus.CANNOT_UNDERSTAND, "cannot parse DICOM data set: " + e.getMessage(), e);
        }
        String sopInstanceUid = requiredUid(list, TagFromName.SOPInstanceUID, "SOP Instance UID");
        String sopClassUid = requiredUid(list, TagFromName.SOPClassUID, "SOP Class UID");
        String studyUid = requiredUid(list, TagFromName.StudyInstanceUID, "Study Instance UID");
        String seriesUid = requiredUid(list, TagFromName.SeriesInstanceUID, "Series Instance UID");
        // the meta header was written from the C-STORE command: a data set that disagrees was mislabelled
        String metaSopInstanceUid = value(list, TagFromName.MediaStorageSOPInstanceUID);
        if (metaSopInstanceUid != null && !metaSopInstanceUid.equals(sopInstanceUid)) {
            throw new StoreRefusedException(DimseStatus.DATA_SET_DOES_NOT_MATCH_SOP_CLASS,
                    "SOP Instance UID in data set differs from the meta header / command");
        }
        String metaSopClassUid = value(list, TagFromName.MediaStorageSOPClassUID);
        if (metaSopClassUid != null && !metaSopClassUid.equals(sopClassUid)) {
            throw new StoreRefusedException(DimseStatus.DATA_SET_DOES_NOT_MATCH_SOP_CLASS,
                    "SOP Class UID in data set differs from the meta header / command");
        }
        String metaTransferSyntax = value(list, TagFromName.TransferSyntaxUID);
        return new KeyAttributes(studyUid, seriesUid, sopInstanceUid, sopClassUid,
                value(list, TagFromName.Modality),
                metaTransferSyntax != null ? metaTransferSyntax : transferSyntaxUid);
    }

    /** The instance as the rest of the gateway sees it, stored at {@code file}. */
    public ReceivedInstance toReceivedInstance(Path file, String callingAeTitle, Instant receivedAt) {
        return new ReceivedInstance(file, studyInstanceUid, seriesInstanceUid, sopInstanceUid, sopClassUid, modality,
                transferSyntaxUid, callingAeTitle, receivedAt);
    }

    static boolean isValidUid(String uid) {
        return uid != null && uid.length() <= MAX_UID_LENGTH && UID.matcher(uid).matches();
    }

    private static String requiredUid(AttributeList list, AttributeTag tag, String name) throws StoreRefusedException {
        String uid = value(list, tag);
        if (uid == null) {
            throw new StoreRefusedException(DimseStatus.DATA_SET_DOES_NOT_MATCH_SOP_CLASS, name + " is missing");
        }
        if (!isValidUid(uid)) {
            throw new StoreRefusedException(DimseStatus.CANNOT_UNDERSTAND, name + " is not a valid UID");
        }
        return uid;
    }

    private static String value(AttributeList list, AttributeTag tag) {
        String v = Attribute.getSingleStringValueOrNull(list, tag);
        if (v == null) {
            return null;
        }
        v = v.trim();
        return v.isEmpty() ? null : v;
    }
}
