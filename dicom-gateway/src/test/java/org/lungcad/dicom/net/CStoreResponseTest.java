package org.lungcad.dicom.net;

import static org.assertj.core.api.Assertions.assertThat;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.network.CStoreResponseCommandMessage;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The C-STORE-RSP command set as the sender reads it: group length, status, UIDs, and the Error Comment. */
class CStoreResponseTest {

    private static final String SOP = "1.2.826.0.1.3680043.8.498.42";

    @Test
    void aSuccessIsByteForByteWhatPixelMedWrites() throws Exception {
        byte[] ours = CStoreResponse.encode(SOPClass.CTImageStorage, SOP, 7, DimseStatus.SUCCESS, null);
        byte[] pixelmed = new CStoreResponseCommandMessage(SOPClass.CTImageStorage, SOP, 7, DimseStatus.SUCCESS)
                .getBytes();

        assertThat(ours).isEqualTo(pixelmed);
    }

    @Test
    void aFailureCarriesItsErrorCommentAndTheGroupLengthCountsIt() throws Exception {
        byte[] bytes = CStoreResponse.encode(SOPClass.CTImageStorage, SOP, 9,
                DimseStatus.DATA_SET_DOES_NOT_MATCH_SOP_CLASS, "Study Instance UID is missing");

        AttributeList command = read(bytes);
        assertThat(Attribute.getSingleIntegerValueOrDefault(command, TagFromName.Status, -1)).isEqualTo(0xA900);
        assertThat(Attribute.getSingleIntegerValueOrDefault(command, TagFromName.CommandField, -1)).isEqualTo(0x8001);
        assertThat(Attribute.getSingleIntegerValueOrDefault(command, TagFromName.MessageIDBeingRespondedTo, -1))
                .isEqualTo(9);
        assertThat(Attribute.getSingleStringValueOrNull(command, TagFromName.ErrorComment))
                .isEqualTo("Study Instance UID is missing");
        assertThat(Attribute.getSingleStringValueOrNull(command, TagFromName.AffectedSOPInstanceUID)).isEqualTo(SOP);
        long groupLength = ByteBuffer.wrap(bytes, 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        assertThat(groupLength).isEqualTo(bytes.length - 12);
    }

    @Test
    void aLongOrMultiLineReasonBecomesOneLineOfAtMost64Characters() throws Exception {
        String reason = "cannot write received data: java.io.IOException: No space left on device\\nat line 2";
        AttributeList command = read(CStoreResponse.encode(SOPClass.CTImageStorage, SOP, 1,
                DimseStatus.OUT_OF_RESOURCES, reason));

        String comment = Attribute.getSingleStringValueOrNull(command, TagFromName.ErrorComment);
        assertThat(comment).hasSizeLessThanOrEqualTo(64).startsWith("cannot write received data").doesNotContain("\\\\")
                .doesNotContain("\\n");
    }

    private static AttributeList read(byte[] bytes) throws Exception {
        AttributeList list = new AttributeList();
        list.read(new DicomInputStream(new ByteArrayInputStream(bytes), TransferSyntax.ImplicitVRLittleEndian, false));
        return list;
    }
}
