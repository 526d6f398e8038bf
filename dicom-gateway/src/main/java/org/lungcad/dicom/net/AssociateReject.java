package org.lungcad.dicom.net;

/**
 * The A-ASSOCIATE-RJ reasons this SCP sends (PS3.8 Table 9-21), with the PDU bytes (PS3.8 9.3.4).
 * PixelMed has its own A-ASSOCIATE-RJ PDU class, but it is package-private.
 */
public enum AssociateReject {

    /** Rejected-permanent, service-user, called-AE-title-not-recognized. */
    CALLED_AE_TITLE_NOT_RECOGNIZED(1, 1, 7),
    /** Rejected-permanent, service-user, calling-AE-title-not-recognized. */
    CALLING_AE_TITLE_NOT_RECOGNIZED(1, 1, 3),
    /** Rejected-transient, service-provider (presentation), local-limit-exceeded. */
    LOCAL_LIMIT_EXCEEDED(2, 3, 2);

    private final int result;
    private final int source;
    private final int reason;

    AssociateReject(int result, int source, int reason) {
        this.result = result;
        this.source = source;
        this.reason = reason;
    }

    public int result() {
        return result;
    }

    public int source() {
        return source;
    }

    public int reason() {
        return reason;
    }

    /** PDU type 03, reserved, length 4, reserved, result, source, reason. */
    byte[] pdu() {
        return new byte[] {0x03, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, (byte) result, (byte) source, (byte) reason};
    }
}
