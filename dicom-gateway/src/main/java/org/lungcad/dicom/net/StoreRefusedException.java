package org.lungcad.dicom.net;

/**
 * A received instance the node does not keep: the C-STORE failure status the sender gets instead of success, and
 * the reason, which goes back as the response's Error Comment (0000,0902). The reason names UIDs and causes only,
 * never patient data, because the sender's logs and ours both show it.
 */
public class StoreRefusedException extends Exception {

    private final int status;

    public StoreRefusedException(int status, String reason) {
        super(reason);
        this.status = requireFailure(status);
    }

    public StoreRefusedException(int status, String reason, Throwable cause) {
        super(reason, cause);
        this.status = requireFailure(status);
    }

    /** The C-STORE response status. */
    public int status() {
        return status;
    }

    /** A reason as an Error Comment value: one line, no backslash (LO), at most 64 characters. */
    static String errorComment(String reason) {
        String oneLine = (reason == null ? "" : reason).replaceAll("[\\p{Cntrl}\\\\]+", " ").trim();
        return oneLine.length() <= DimseStatus.ERROR_COMMENT_MAX_LENGTH ? oneLine
                : oneLine.substring(0, DimseStatus.ERROR_COMMENT_MAX_LENGTH - 1) + "…";
    }

    private static int requireFailure(int status) {
        if (DimseStatus.isSuccessOrWarning(status)) {
            throw new IllegalArgumentException("a refusal needs a failure status, not " + DimseStatus.toHex(status));
        }
        return status;
    }
}
