package org.lungcad.dicom.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Set;
import org.lungcad.dicom.net.DimseStatus;
import org.lungcad.dicom.net.StoreRefusedException;

/**
 * Checks that a received Part 10 file holds its whole data set before the sender is told Success: every element's
 * value, every sequence item and every pixel data fragment ends inside the file, and pixel data is encapsulated
 * exactly when the transfer syntax is a compressed one.
 *
 * <p>Hand-written because PixelMed cannot be asked: its {@code AttributeList.read} logs a value cut short and returns
 * the attributes read so far, so a file cut in its pixel data reads as an image without pixels. This walks the
 * element headers only (tags and lengths; values are skipped by position), so a 500-frame image costs no more memory
 * than a single slice.
 */
final class DataSetCompleteness {

    private static final String IMPLICIT_LITTLE = "1.2.840.10008.1.2";
    private static final String EXPLICIT_LITTLE = "1.2.840.10008.1.2.1";
    private static final String EXPLICIT_BIG = "1.2.840.10008.1.2.2";
    /** Deflated data sets cannot be walked without inflating them; PixelMed reads them when the series is loaded. */
    private static final Set<String> DEFLATED = Set.of("1.2.840.10008.1.2.1.99", "1.2.840.10008.1.2.4.95");
    /** VRs with a 2-byte reserved field and a 4-byte length in explicit VR encoding (PS3.5 7.1.2). */
    private static final Set<String> LONG_VRS = Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN",
            "UR", "UT", "UV");
    private static final int PIXEL_DATA = 0x7FE00010;
    private static final int ITEM = 0xFFFEE000;
    private static final int ITEM_DELIMITER = 0xFFFEE00D;
    private static final int SEQUENCE_DELIMITER = 0xFFFEE0DD;
    private static final long UNDEFINED = 0xFFFFFFFFL;
    private static final int PREAMBLE_AND_MAGIC = 132;
    /** Nesting deeper than this is not a real data set but an attack on the stack. */
    private static final int MAX_DEPTH = 32;

    private final FileChannel channel;
    private final long size;
    private final ByteBuffer header = ByteBuffer.allocate(12);
    /** The meta header's byte order until it has been walked, then the data set's. */
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;
    private boolean explicitVr = true;
    private boolean pixelData;

    private DataSetCompleteness(FileChannel channel) throws IOException {
        this.channel = channel;
        this.size = channel.size();
    }

    /**
     * @param transferSyntaxUid the meta header's transfer syntax
     * @return whether the data set has top-level Pixel Data (true for deflated data sets, which are not walked)
     * @throws StoreRefusedException (Cannot Understand) naming the element that is cut short or mis-encoded, in
     *                               words that fit an Error Comment (64 characters)
     */
    static boolean check(Path file, String transferSyntaxUid) throws StoreRefusedException {
        if (transferSyntaxUid == null || DEFLATED.contains(transferSyntaxUid)) {
            return true;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            DataSetCompleteness walker = new DataSetCompleteness(channel);
            walker.walk(transferSyntaxUid);
            return walker.pixelData;
        } catch (IOException e) {
            throw new StoreRefusedException(DimseStatus.OUT_OF_RESOURCES, "cannot read the received file: " + e, e);
        }
    }

    private void walk(String transferSyntaxUid) throws IOException, StoreRefusedException {
        long pos = PREAMBLE_AND_MAGIC;
        // the meta header: explicit VR little endian, group 0002
        while (pos + 8 <= size && group(pos) == 0x0002) {
            pos = element(pos, 0, false);
        }
        explicitVr = !transferSyntaxUid.equals(IMPLICIT_LITTLE);
        order = transferSyntaxUid.equals(EXPLICIT_BIG) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        boolean encapsulated = !Set.of(IMPLICIT_LITTLE, EXPLICIT_LITTLE, EXPLICIT_BIG).contains(transferSyntaxUid);
        while (pos < size) {
            pos = element(pos, 0, encapsulated);
        }
    }

    /** Checks one element (and what it contains) starting at {@code pos}; returns the position after it. */
    private long element(long pos, int depth, boolean encapsulated) throws IOException, StoreRefusedException {
        read(pos, 8, "an element header");
        int tag = tag();
        long length;
        long value;
        String vr = "";
        if (explicitVr && (tag >>> 16) != 0xFFFE) {
            vr = new String(new byte[] {header.get(4), header.get(5)}, StandardCharsets.US_ASCII);
            if (LONG_VRS.contains(vr)) {
                read(pos, 12, "the header of " + name(tag));
                length = header.getInt(8) & UNDEFINED;
                value = pos + 12;
            } else {
                length = header.getShort(6) & 0xFFFFL;
                value = pos + 8;
            }
        } else {
            length = header.getInt(4) & UNDEFINED;
            value = pos + 8;
        }
        if (tag == PIXEL_DATA && depth == 0) {
            pixelData = true;
        }
        if (tag == PIXEL_DATA && encapsulated != (length == UNDEFINED)) {
            throw refuse(encapsulated
                    ? "native pixel data under a compressed transfer syntax"
                    : "encapsulated pixel data under a native transfer syntax");
        }
        if (length != UNDEFINED) {
            if (value + length > size) {
                throw refuse("truncated in " + name(tag) + ": " + (size - value) + " of " + length + " bytes");
            }
            return value + length;
        }
        if (depth >= MAX_DEPTH) {
            throw refuse("sequences nested more than " + MAX_DEPTH + " deep");
        }
        if (vr.equals("UN")) {
            // an undefined-length UN is a sequence encoded implicit VR little endian (PS3.5 6.2.2)
            boolean wasExplicit = explicitVr;
            ByteOrder wasOrder = order;
            explicitVr = false;
            order = ByteOrder.LITTLE_ENDIAN;
            try {
                return items(value, tag, depth + 1);
            } finally {
                explicitVr = wasExplicit;
                order = wasOrder;
            }
        }
        if (!explicitVr || vr.equals("SQ") || tag == PIXEL_DATA) {
            return items(value, tag, depth + 1);
        }
        throw refuse(name(tag) + " (" + vr + ") has an undefined length");
    }

    /** The items of an undefined-length sequence or the fragments of encapsulated pixel data, up to the delimiter. */
    private long items(long pos, int owner, int depth) throws IOException, StoreRefusedException {
        while (true) {
            read(pos, 8, "the items of " + name(owner));
            int tag = tag();
            long length = header.getInt(4) & UNDEFINED;
            pos += 8;
            if (tag == SEQUENCE_DELIMITER) {
                return pos;
            }
            if (tag != ITEM) {
                throw refuse(name(owner) + " holds " + name(tag) + " where an item was expected");
            }
            if (length == UNDEFINED) {
                // an item of undefined length: a nested data set up to its item delimiter
                while (true) {
                    read(pos, 8, "an item of " + name(owner));
                    if (tag() == ITEM_DELIMITER) {
                        pos += 8;
                        break;
                    }
                    pos = element(pos, depth, false);
                }
            } else if (pos + length > size) {
                throw refuse("truncated in an item of " + name(owner) + ": " + (size - pos) + " of " + length
                        + " bytes");
            } else {
                pos += length;
            }
        }
    }

    private int group(long pos) throws IOException, StoreRefusedException {
        read(pos, 8, "an element header");
        return tag() >>> 16;
    }

    private int tag() {
        return ((header.getShort(0) & 0xFFFF) << 16) | (header.getShort(2) & 0xFFFF);
    }

    /** Reads {@code n} bytes at {@code pos} into {@link #header}, in the current byte order. */
    private void read(long pos, int n, String what) throws IOException, StoreRefusedException {
        if (pos + n > size) {
            throw refuse("truncated in " + what + " at offset " + pos);
        }
        header.clear().limit(n);
        while (header.hasRemaining()) {
            if (channel.read(header, pos + header.position()) < 0) {
                throw refuse("truncated in " + what);
            }
        }
        header.order(order);
    }

    private static String name(int tag) {
        return String.format(Locale.ROOT, "(%04X,%04X)", tag >>> 16, tag & 0xFFFF);
    }

    private static StoreRefusedException refuse(String why) {
        return new StoreRefusedException(DimseStatus.CANNOT_UNDERSTAND, why);
    }
}
