package org.lungcad.dicom.net;

/** The DIMSE status codes the node sends and reads, in one place (PS3.4 Table GG.4-1, PS3.7 Annex C). */
public final class DimseStatus {

    public static final int SUCCESS = 0x0000;
    /** Refused: Out of Resources (disk full, I/O failure, cannot queue): the sender may retry later. */
    public static final int OUT_OF_RESOURCES = 0xA700;
    /** Error: Data Set does not match SOP Class (a required UID is absent or inconsistent). */
    public static final int DATA_SET_DOES_NOT_MATCH_SOP_CLASS = 0xA900;
    /** Error: Cannot understand (not parseable, malformed UID, no data set). */
    public static final int CANNOT_UNDERSTAND = 0xC000;
    /** Error Comment (0000,0902) is LO: at most 64 characters. */
    public static final int ERROR_COMMENT_MAX_LENGTH = 64;

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
