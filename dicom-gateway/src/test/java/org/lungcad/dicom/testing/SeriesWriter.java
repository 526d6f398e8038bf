package org.lungcad.dicom.testing;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeFactory;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Writes modified copies of real slices with PixelMed, to make inputs that break one rule at a time.
 * Header-only copies (no PixelData) are enough for qualification, which never reads pixels, and are fast.
 */
public final class SeriesWriter {

    /** Changes the attributes of the copy of source slice {@code index} (position in the source list). */
    @FunctionalInterface
    public interface Modification {
        void apply(int index, AttributeList list) throws DicomException;
    }

    private final Path folder;
    private final boolean withPixelData;

    public SeriesWriter(Path folder, boolean withPixelData) {
        this.folder = folder;
        this.withPixelData = withPixelData;
    }

    /** Copies every source file, modified, in source order. */
    public List<Path> write(List<Path> sources, Modification modification) {
        List<Path> written = new ArrayList<>(sources.size());
        for (int index = 0; index < sources.size(); index++) {
            AttributeList list = TestData.read(sources.get(index), !withPixelData);
            try {
                modification.apply(index, list);
            } catch (DicomException e) {
                throw new IllegalStateException(e);
            }
            written.add(write(list, String.format("%04d.dcm", index)));
        }
        return written;
    }

    /**
     * Copies every source file, modified, keeping compressed pixel data as it is (the fragments are written
     * back unchanged, in the source's transfer syntax).
     */
    public List<Path> writeKeepingCompression(List<Path> sources, Modification modification) {
        List<Path> written = new ArrayList<>(sources.size());
        for (int index = 0; index < sources.size(); index++) {
            AttributeList list = new AttributeList();
            list.setDecompressPixelData(false);
            try {
                list.read(sources.get(index).toFile());
                String transferSyntax = TestData.value(list, TagFromName.TransferSyntaxUID);
                modification.apply(index, list);
                written.add(write(list, String.format("%04d.dcm", index), transferSyntax));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (DicomException e) {
                throw new IllegalStateException(e);
            }
        }
        return written;
    }

    public Path write(AttributeList list, String name) {
        return write(list, name, TransferSyntax.ExplicitVRLittleEndian);
    }

    private Path write(AttributeList list, String name, String transferSyntax) {
        Path file = folder.resolve(name);
        try {
            // regenerate the meta header: the SOP class or instance may have been changed
            list.removeGroupLengthAttributes();
            list.removeMetaInformationHeaderAttributes();
            FileMetaInformation.addFileMetaInformation(list, transferSyntax, "LUNGCAD_TEST");
            list.write(file.toFile(), transferSyntax, true, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (DicomException e) {
            throw new IllegalStateException(e);
        }
        return file;
    }

    public static void set(AttributeList list, AttributeTag tag, String... values) throws DicomException {
        Attribute attribute = list.get(tag);
        if (attribute == null) {
            attribute = AttributeFactory.newAttribute(tag);
            list.put(attribute);
        }
        attribute.removeValues();
        for (String value : values) {
            attribute.addValue(value);
        }
    }

    public static void setPosition(AttributeList list, double x, double y, double z) throws DicomException {
        set(list, TagFromName.ImagePositionPatient, Double.toString(x), Double.toString(y), Double.toString(z));
    }

    /** A new SOP Instance UID, so that the copy is a different instance. */
    public static void newSopInstanceUid(AttributeList list) throws DicomException {
        UUID u = UUID.randomUUID();
        String uid = "2.25." + new BigInteger(1, ByteBuffer.allocate(16)
                .putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array());
        set(list, TagFromName.SOPInstanceUID, uid);
    }
}
