package org.lungcad.dicom.net;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The A-ASSOCIATE-RQ PDU (PS3.8 9.3.2) as read off the wire before PixelMed sees it, so that the AE titles
 * can be checked and the request answered with a proper A-ASSOCIATE-RJ: PixelMed's acceptor only checks the
 * called AE title and has no hook for the calling AE title or a connection limit.
 *
 * @param calledAeTitle  the AE title the requester asked for, trimmed, printable (see {@link #printable})
 * @param callingAeTitle the requester's own AE title, trimmed, printable
 * @param aeTitlesValid  both titles use only the characters VR AE allows (PS3.5 6.2: no control characters, no
 *                       backslash)
 * @param pdu            the complete PDU, header included, to be replayed to PixelMed on acceptance
 */
record AssociateRequest(String calledAeTitle, String callingAeTitle, boolean aeTitlesValid, byte[] pdu) {

    private static final int A_ASSOCIATE_RQ = 0x01;
    private static final int HEADER_LENGTH = 6;
    /** Protocol version (2), reserved (2), called AE (16), calling AE (16), reserved (32). */
    private static final int FIXED_FIELDS_LENGTH = 68;
    /** Generous bound: real requests are a few kB even with a hundred presentation contexts. */
    private static final int MAX_PDU_LENGTH = 1 << 20;

    static AssociateRequest read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] header = new byte[HEADER_LENGTH];
        try {
            data.readFully(header);
        } catch (EOFException e) {
            throw new IOException("connection closed before an A-ASSOCIATE-RQ was received", e);
        }
        int type = header[0] & 0xFF;
        long length = ((header[2] & 0xFFL) << 24) | ((header[3] & 0xFF) << 16) | ((header[4] & 0xFF) << 8) | (header[5] & 0xFF);
        if (type != A_ASSOCIATE_RQ) {
            // PS3.8 9.3.8: 1 unrecognized PDU, 2 unexpected PDU (a PDU type that exists, but not now)
            throw new MalformedPdu("expected A-ASSOCIATE-RQ PDU, got PDU type 0x" + Integer.toHexString(type),
                    type >= 0x01 && type <= 0x07 ? 2 : 1);
        }
        if (length < FIXED_FIELDS_LENGTH || length > MAX_PDU_LENGTH) {
            throw new MalformedPdu("implausible A-ASSOCIATE-RQ length " + length, 6);
        }
        byte[] pdu = new byte[HEADER_LENGTH + (int) length];
        System.arraycopy(header, 0, pdu, 0, HEADER_LENGTH);
        data.readFully(pdu, HEADER_LENGTH, (int) length);
        String called = rawAeTitle(pdu, HEADER_LENGTH + 4);
        String calling = rawAeTitle(pdu, HEADER_LENGTH + 20);
        return new AssociateRequest(printable(called), printable(calling),
                isValidAeTitle(called) && isValidAeTitle(calling), pdu);
    }

    /** A connection that sent something other than an A-ASSOCIATE-RQ: answered with A-ABORT, then closed. */
    static final class MalformedPdu extends IOException {
        private final int abortReason;

        MalformedPdu(String message, int abortReason) {
            super(message);
            this.abortReason = abortReason;
        }

        /** A-ABORT from the service provider (source 2) with this reason (PS3.8 Table 9-26). */
        byte[] abortPdu() {
            return providerAbortPdu(abortReason);
        }
    }

    /** A-ABORT PDU from the service provider (source 2) with a PS3.8 Table 9-26 reason (0: not specified). */
    static byte[] providerAbortPdu(int reason) {
        return new byte[] {0x07, 0, 0, 0, 0, 4, 0, 0, 2, (byte) reason};
    }

    /**
     * ISO 8859-1: every byte stays one character, so nothing a requester sends is lost before the check. Trailing
     * NULs are padding some implementations use instead of spaces.
     */
    private static String rawAeTitle(byte[] pdu, int offset) {
        String title = new String(pdu, offset, 16, StandardCharsets.ISO_8859_1);
        int end = title.length();
        while (end > 0 && (title.charAt(end - 1) == 0 || title.charAt(end - 1) == ' ')) {
            end--;
        }
        return title.substring(0, end).stripLeading();
    }

    private static boolean isValidAeTitle(String title) {
        return title.chars().allMatch(StorageScpConfig::isAeCharacter);
    }

    /**
     * The title with every character outside printable ASCII, and the backslash, written as {@code \xNN}: what
     * the logs and the association events carry, so that a title cannot forge log lines.
     */
    static String printable(String title) {
        StringBuilder s = new StringBuilder(title.length());
        for (char c : title.toCharArray()) {
            if (StorageScpConfig.isAeCharacter(c)) {
                s.append(c);
            } else {
                s.append(String.format(java.util.Locale.ROOT, "\\x%02X", (int) c));
            }
        }
        return s.toString();
    }
}
