package org.lungcad.dicom.report;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * UIDs under the project's root {@code 2.25.<UUID as decimal>} (PS3.5 B.2), never PixelMed's default root.
 * Name-based UIDs let a caller derive the same UID again for the same input (a resend reuses it).
 */
public final class DicomUids {

    private static final Pattern UID = Pattern.compile("(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))*");

    private DicomUids() {
    }

    /** A new random UID. */
    public static String random() {
        return of(UUID.randomUUID());
    }

    /** The same UID for the same name, e.g. a job key plus "sr" or "sc-3". */
    public static String fromName(String name) {
        Objects.requireNonNull(name, "name");
        return of(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
    }

    public static String of(UUID uuid) {
        ByteBuffer bytes = ByteBuffer.allocate(16);
        bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return "2.25." + new BigInteger(1, bytes.array());
    }

    /** Rejects what a peer would reject: empty, longer than 64 characters, or not dotted decimal. */
    public static String requireValid(String uid, String what) {
        Objects.requireNonNull(uid, what);
        if (uid.length() > 64 || !UID.matcher(uid).matches()) {
            throw new IllegalArgumentException(what + " is not a valid UID: " + uid);
        }
        return uid;
    }
}
