package org.lungcad.dicom.net;

/** DIMSE response status classes for C-STORE (PS3.4 Table GG.4-1, PS3.7 Annex C). */
public final class DimseStatus {

    public static final int SUCCESS = 0x0000;

    private DimseStatus() {
    }

    /** Warnings B000 (coercion), B006 (elements discarded), B007 (data set does not match SOP class) store the instance. */
    public static boolean isWarning(int status) {
        return status == 0xB000 || status == 0xB006 || status == 0xB007;
    }

    public static boolean isSuccessOrWarning(int status) {
        return status == SUCCESS || isWarning(status);
    }

    /** "0xA700" style, for messages. */
    public static String toHex(int status) {
        return status < 0 ? "none" : String.format("0x%04X", status);
    }
}
