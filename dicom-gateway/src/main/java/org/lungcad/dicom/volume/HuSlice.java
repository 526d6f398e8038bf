package org.lungcad.dicom.volume;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.TagFromName;
import org.lungcad.dicom.series.SkipReason;

/**
 * Converts one slice's stored pixel values to Hounsfield units: extracts BitsStored bits at HighBit,
 * sign-extends when PixelRepresentation is 1, maps Pixel Padding to air, then applies the Rescale
 * Slope/Intercept of that slice. Values below {@link #AIR_HU} are outside the scan field of view (fill
 * values such as -2048 HU) and are clamped to air.
 */
final class HuSlice {

    /** Air; also what padding and outside-the-field-of-view pixels become. */
    static final float AIR_HU = -1024f;

    private final int bitsStored;
    private final int shift;
    private final int mask;
    private final boolean signed;
    private final double slope;
    private final double intercept;
    private final boolean hasPadding;
    private final int paddingLow;
    private final int paddingHigh;

    private HuSlice(int bitsStored, int highBit, boolean signed, double slope, double intercept,
                    Integer padding, Integer paddingLimit) {
        this.bitsStored = bitsStored;
        this.shift = highBit + 1 - bitsStored;
        this.mask = (int) ((1L << bitsStored) - 1);
        this.signed = signed;
        this.slope = slope;
        this.intercept = intercept;
        this.hasPadding = padding != null;
        // padding attributes are US or SS as written; bring them into the same domain as the pixels
        int low = padding == null ? 0 : stored(padding << shift);
        int high = paddingLimit == null ? low : stored(paddingLimit << shift);
        this.paddingLow = Math.min(low, high);
        this.paddingHigh = Math.max(low, high);
    }

    /** The pixel module of one decoded slice, checked for what a CT volume can hold. */
    static HuSlice of(AttributeList list, String file) throws VolumeLoadException {
        int samples = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.SamplesPerPixel, 1);
        String photometric = Attribute.getSingleStringValueOrEmptyString(list, TagFromName.PhotometricInterpretation).trim();
        int bitsAllocated = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.BitsAllocated, 0);
        int bitsStored = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.BitsStored, bitsAllocated);
        int highBit = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.HighBit, bitsStored - 1);
        boolean signed = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.PixelRepresentation, 0) == 1;
        if (samples != 1 || !(photometric.equals("MONOCHROME2") || photometric.equals("MONOCHROME1"))
                || !(bitsAllocated == 8 || bitsAllocated == 16)
                || bitsStored < 1 || bitsStored > bitsAllocated || highBit < bitsStored - 1 || highBit >= bitsAllocated) {
            throw new VolumeLoadException(SkipReason.UNSUPPORTED_PIXEL_DATA, String.format(java.util.Locale.ROOT,
                    "%s: pixel data with %d sample(s), %s, %d bits allocated, %d stored, high bit %d is not a CT image",
                    file, samples, photometric.isEmpty() ? "no photometric interpretation" : photometric,
                    bitsAllocated, bitsStored, highBit));
        }
        double slope = number(list, TagFromName.RescaleSlope, 1);
        double intercept = number(list, TagFromName.RescaleIntercept, 0);
        if (slope == 0) {
            throw new VolumeLoadException(SkipReason.UNSUPPORTED_PIXEL_DATA, file + ": RescaleSlope is 0");
        }
        return new HuSlice(bitsStored, highBit, signed, slope, intercept,
                integer(list, TagFromName.PixelPaddingValue), integer(list, TagFromName.PixelPaddingRangeLimit));
    }

    /** Converts the 16-bit stored values of one slice into {@code hu[offset .. offset + count)}. */
    void convert(short[] stored, float[] hu, int offset, int count) {
        for (int p = 0; p < count; p++) {
            hu[offset + p] = toHu(stored(stored[p] & 0xFFFF));
        }
    }

    /** Converts the 8-bit stored values of one slice into {@code hu[offset .. offset + count)}. */
    void convert(byte[] stored, float[] hu, int offset, int count) {
        for (int p = 0; p < count; p++) {
            hu[offset + p] = toHu(stored(stored[p] & 0xFF));
        }
    }

    private float toHu(int value) {
        if (hasPadding && value >= paddingLow && value <= paddingHigh) {
            return AIR_HU;
        }
        float hu = (float) (value * slope + intercept);
        return hu < AIR_HU ? AIR_HU : hu;
    }

    /** The value held in BitsStored bits at HighBit of a raw word, sign-extended when signed. */
    private int stored(int raw) {
        int v = (raw >>> shift) & mask;
        if (signed && (v & (1 << (bitsStored - 1))) != 0) {
            v -= 1 << bitsStored;
        }
        return v;
    }

    private static double number(AttributeList list, AttributeTag tag, double absent) {
        String s = Attribute.getSingleStringValueOrEmptyString(list, tag).trim();
        try {
            return s.isEmpty() ? absent : Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return absent;
        }
    }

    private static Integer integer(AttributeList list, AttributeTag tag) {
        Attribute attribute = list.get(tag);
        if (attribute == null || attribute.getVM() < 1) {
            return null;
        }
        try {
            return attribute.getIntegerValues()[0];
        } catch (DicomException e) {
            return null;
        }
    }
}
