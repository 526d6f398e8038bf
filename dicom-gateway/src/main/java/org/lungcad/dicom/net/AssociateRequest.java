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
 * @param calledAeTitle  the AE title the requester asked for, trimmed
 * @param callingAeTitle the requester's own AE title, trimmed
 * @param pdu            the complete PDU, header included, to be replayed to PixelMed on acceptance
 */
record AssociateRequest(String calledAeTitle, String callingAeTitle, byte[] pdu) {

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
            throw new IOException("expected A-ASSOCIATE-RQ PDU, got PDU type 0x" + Integer.toHexString(type));
        }
        if (length < FIXED_FIELDS_LENGTH || length > MAX_PDU_LENGTH) {
            throw new IOException("implausible A-ASSOCIATE-RQ length " + length);
        }
        byte[] pdu = new byte[HEADER_LENGTH + (int) length];
        System.arraycopy(header, 0, pdu, 0, HEADER_LENGTH);
        data.readFully(pdu, HEADER_LENGTH, (int) length);
        return new AssociateRequest(aeTitle(pdu, HEADER_LENGTH + 4), aeTitle(pdu, HEADER_LENGTH + 20), pdu);
    }

    private static String aeTitle(byte[] pdu, int offset) {
        return new String(pdu, offset, 16, StandardCharsets.US_ASCII).strip();
    }
}
