package org.lungcad.dicom.net;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.network.CompositeResponseHandler;

/**
 * Captures the Status and Error Comment of a C-STORE-RSP or C-ECHO-RSP. PixelMed's own handlers in
 * {@code StorageSOPClassSCU} and {@code VerificationSOPClassSCU} keep only a success flag; a retry layer needs the
 * status itself, and whoever reads a failure needs the destination's reason.
 */
final class DimseResponseReceiver extends CompositeResponseHandler {

    private String errorComment = "";

    DimseResponseReceiver() {
        status = StoreResult.NO_RESPONSE;
    }

    @Override
    protected void evaluateStatusAndSetSuccess(AttributeList list) {
        status = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.Status, 0xFFFF);
        success = DimseStatus.isSuccessOrWarning(status);
        errorComment = Attribute.getSingleStringValueOrEmptyString(list, TagFromName.ErrorComment).trim();
    }

    /** The destination's Error Comment (0000,0902), empty when it sent none. */
    String errorComment() {
        return errorComment;
    }
}
