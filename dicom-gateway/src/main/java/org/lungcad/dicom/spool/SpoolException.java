package org.lungcad.dicom.spool;

/**
 * An instance that could not be spooled, carrying the DIMSE status (PS3.4 Annex GG, C-STORE) that the
 * Storage SCP returns to the sender instead of success.
 */
public class SpoolException extends Exception {

    /** Refused: Out of Resources (disk full, I/O failure): the sender may retry later. */
    public static final int OUT_OF_RESOURCES = 0xA700;
    /** Error: Data Set does not match SOP Class (a required UID is absent or inconsistent). */
    public static final int DATA_SET_DOES_NOT_MATCH_SOP_CLASS = 0xA900;
    /** Error: Cannot understand (not parseable, malformed UID). */
    public static final int CANNOT_UNDERSTAND = 0xC000;

    private final int dimseStatus;

    public SpoolException(int dimseStatus, String message) {
        super(message);
        this.dimseStatus = dimseStatus;
    }

    public SpoolException(int dimseStatus, String message, Throwable cause) {
        super(message, cause);
        this.dimseStatus = dimseStatus;
    }

    public int dimseStatus() {
        return dimseStatus;
    }
}
