package org.lungcad.dicom.net;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomOutputStream;
import com.pixelmed.dicom.LongStringAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.dicom.UniqueIdentifierAttribute;
import com.pixelmed.dicom.UnsignedShortAttribute;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The C-STORE-RSP command set (PS3.7 9.3.1.2), with Error Comment (0000,0902) on a failure: PixelMed's
 * {@code CStoreResponseCommandMessage} cannot carry one, and a PACS admin reading the sender's log needs the reason.
 */
final class CStoreResponse {

    private static final int C_STORE_RSP = 0x8001;
    /** Command Data Set Type: no data set follows the command. */
    private static final int NO_DATA_SET = 0x0101;

    private CStoreResponse() {
    }

    /** Implicit VR little endian, as every command set; {@code errorComment} is left out when null or blank. */
    static byte[] encode(String sopClassUid, String sopInstanceUid, int messageId, int status, String errorComment)
            throws DicomException, IOException {
        AttributeList command = new AttributeList();
        uid(command, TagFromName.AffectedSOPClassUID, sopClassUid);
        unsignedShort(command, TagFromName.CommandField, C_STORE_RSP);
        unsignedShort(command, TagFromName.MessageIDBeingRespondedTo, messageId);
        unsignedShort(command, TagFromName.CommandDataSetType, NO_DATA_SET);
        unsignedShort(command, TagFromName.Status, status);
        if (errorComment != null && !errorComment.isBlank()) {
            LongStringAttribute comment = new LongStringAttribute(TagFromName.ErrorComment);
            comment.addValue(StoreRefusedException.errorComment(errorComment));
            command.put(comment);
        }
        uid(command, TagFromName.AffectedSOPInstanceUID, sopInstanceUid);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        command.write(new DicomOutputStream(body, null, TransferSyntax.ImplicitVRLittleEndian));
        byte[] elements = body.toByteArray();
        // (0000,0000) Command Group Length: the bytes that follow it
        ByteBuffer out = ByteBuffer.allocate(12 + elements.length).order(ByteOrder.LITTLE_ENDIAN);
        out.putShort((short) 0).putShort((short) 0).putInt(4).putInt(elements.length).put(elements);
        return out.array();
    }

    private static void uid(AttributeList list, AttributeTag tag, String value) throws DicomException {
        UniqueIdentifierAttribute a = new UniqueIdentifierAttribute(tag);
        a.addValue(value == null ? "" : value);
        list.put(a);
    }

    private static void unsignedShort(AttributeList list, AttributeTag tag, int value)
            throws DicomException {
        UnsignedShortAttribute a = new UnsignedShortAttribute(tag);
        a.addValue(value);
        list.put(a);
    }
}
