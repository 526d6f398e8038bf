package org.lungcad.dicom.net;

import com.pixelmed.network.DicomNetworkException;

/** A requester broke PS3.7/PS3.8 on an established association; the association is answered with A-ABORT. */
final class ProtocolViolation extends DicomNetworkException {

    ProtocolViolation(String message) {
        super(message);
    }
}
