package org.lungcad.dicom.volume;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.TagFromName;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lungcad.dicom.series.QualifiedSeries;
import org.lungcad.dicom.series.ReceivedInstance;
import org.lungcad.dicom.series.SeriesHeader;
import org.lungcad.dicom.series.SkipReason;
import org.lungcad.dicom.series.Vector3;

/**
 * Loads a qualified series into a {@link CtVolume}, slice by slice into one float array so that only one
 * slice's pixel data is in memory besides the volume. PixelMed's {@code AttributeList} decompresses while
 * reading (RLE itself, JPEG lossless through pixelmed_imageio, JPEG 2000 through jai-imageio-jpeg2000).
 * Each slice is checked again against the qualified geometry: the files are read anew and must agree.
 * Thread-safe (stateless apart from its limit).
 */
public final class CtVolumeLoader {

    /** Direction cosines may differ by this much between slices (DS rounding). */
    private static final double ORIENTATION_TOLERANCE = 1e-3;

    private final long maxVoxels;

    public CtVolumeLoader() {
        this(Integer.MAX_VALUE - 8L);
    }

    /** @param maxVoxels refuse volumes larger than this (memory is 4 bytes per voxel) */
    public CtVolumeLoader(long maxVoxels) {
        if (maxVoxels <= 0 || maxVoxels > Integer.MAX_VALUE - 8L) {
            throw new IllegalArgumentException("maxVoxels must be in 1.." + (Integer.MAX_VALUE - 8L));
        }
        this.maxVoxels = maxVoxels;
    }

    public CtVolume load(QualifiedSeries series) throws VolumeLoadException {
        SeriesHeader header = series.header();
        int columns = header.columns();
        int rows = header.rows();
        List<ReceivedInstance> slices = series.slices();
        long voxels = (long) columns * rows * slices.size();
        if (voxels > maxVoxels) {
            throw new VolumeLoadException(SkipReason.VOLUME_TOO_LARGE, String.format(Locale.ROOT,
                    "%d×%d×%d = %.1f M voxels (%d MB as HU floats) exceed this node's volume limit of %.1f M voxels",
                    columns, rows, slices.size(), voxels / 1e6, voxels * Float.BYTES >> 20, maxVoxels / 1e6));
        }
        float[] hu = new float[(int) voxels];
        int sliceSize = columns * rows;
        Vector3 origin = null;
        List<String> sopInstanceUids = new ArrayList<>(slices.size());
        for (int k = 0; k < slices.size(); k++) {
            ReceivedInstance instance = slices.get(k);
            String file = String.valueOf(instance.file().getFileName());
            AttributeList list = read(instance, file);
            checkSlice(list, header, file);
            Vector3 position = InstanceGeometry.position(list, file);
            if (origin == null) {
                origin = position;
            } else {
                InstanceGeometry.checkPosition(header, origin, position, k, file);
            }
            HuSlice conversion = HuSlice.of(list, file);
            Attribute pixelData = list.getPixelData();
            if (pixelData == null) {
                throw new VolumeLoadException(SkipReason.UNREADABLE, file + ": the image has no pixel data");
            }
            try {
                if (Attribute.getSingleIntegerValueOrDefault(list, TagFromName.BitsAllocated, 16) == 16) {
                    short[] stored = pixelData.getShortValues();
                    checkLength(stored.length, sliceSize, file);
                    conversion.convert(stored, hu, k * sliceSize, sliceSize);
                } else {
                    byte[] stored = pixelData.getByteValues();
                    checkLength(stored.length, sliceSize, file);
                    conversion.convert(stored, hu, k * sliceSize, sliceSize);
                }
            } catch (DicomException e) {
                throw new VolumeLoadException(SkipReason.UNREADABLE, file + ": pixel data could not be decoded: "
                        + e.getMessage(), e);
            }
            sopInstanceUids.add(instance.sopInstanceUid());
        }
        return new CtVolume(columns, rows, slices.size(),
                header.columnSpacingMm(), header.rowSpacingMm(), header.sliceSpacingMm(),
                origin, header.rowDirection(), header.columnDirection(), header.sliceDirection(),
                hu, sopInstanceUids, header.frameOfReferenceUid(), header);
    }

    private static AttributeList read(ReceivedInstance instance, String file) throws VolumeLoadException {
        AttributeList list = new AttributeList();
        try {
            list.read(instance.file().toFile());
        } catch (IOException | DicomException | RuntimeException e) {
            // RuntimeException: a codec failing inside ImageIO on corrupt compressed data
            throw new VolumeLoadException(SkipReason.UNREADABLE, file + " could not be read or decompressed: "
                    + e.getMessage(), e);
        }
        String sopInstanceUid = Attribute.getSingleStringValueOrEmptyString(list, TagFromName.SOPInstanceUID).trim();
        if (!sopInstanceUid.equals(instance.sopInstanceUid())) {
            throw new VolumeLoadException(SkipReason.UNREADABLE, file + " holds SOP instance " + sopInstanceUid
                    + ", not the expected " + instance.sopInstanceUid());
        }
        return list;
    }

    private static void checkSlice(AttributeList list, SeriesHeader header, String file) throws VolumeLoadException {
        int rows = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.Rows, 0);
        int columns = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.Columns, 0);
        if (rows != header.rows() || columns != header.columns()) {
            throw new VolumeLoadException(SkipReason.INCONSISTENT_IMAGE_SIZE, String.format(Locale.ROOT,
                    "%s is %d×%d (rows×columns) where the series is %d×%d", file, rows, columns, header.rows(),
                    header.columns()));
        }
        double[] iop = InstanceGeometry.orientation(list, file);
        double[] row = header.rowDirection().toArray();
        double[] column = header.columnDirection().toArray();
        for (int a = 0; a < 3; a++) {
            if (Math.abs(iop[a] - row[a]) > ORIENTATION_TOLERANCE || Math.abs(iop[a + 3] - column[a]) > ORIENTATION_TOLERANCE) {
                throw new VolumeLoadException(SkipReason.INCONSISTENT_ORIENTATION,
                        file + " has a different ImageOrientationPatient than the series");
            }
        }
    }

    private static void checkLength(int length, int sliceSize, String file) throws VolumeLoadException {
        if (length < sliceSize) {
            throw new VolumeLoadException(SkipReason.UNREADABLE, String.format(Locale.ROOT,
                    "%s: pixel data holds %d values, %d expected", file, length, sliceSize));
        }
    }
}
