package org.lungcad.dicom.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.TagFromName;
import org.junit.jupiter.api.Test;
import org.lungcad.dicom.series.SkipReason;
import org.lungcad.dicom.testing.SeriesWriter;

/** Stored value to HU: bits stored, high bit, sign, rescale and padding, on hand-made pixel modules. */
class HuSliceTest {

    @Test
    void signedTwelveBitsAreSignExtendedWhateverTheUnusedHighBitsHold() throws Exception {
        HuSlice slice = HuSlice.of(module(12, 11, 1, "1", "0", null), "test");
        short[] stored = {(short) 0x0FFF, (short) 0x07FF, (short) 0xF001, (short) 0x0800, 0};
        float[] hu = new float[5];
        slice.convert(stored, hu, 0, 5);
        // 0x0FFF is -1; 0xF001 has garbage above bit 11 and holds +1; 0x0800 is -2048, below air
        assertThat(hu).containsExactly(-1f, 2047f, 1f, -1024f, 0f);
    }

    @Test
    void unsignedValuesAreRescaled() throws Exception {
        HuSlice slice = HuSlice.of(module(12, 11, 0, "0.5", "-1024", null), "test");
        short[] stored = {(short) 0x0FFF, 2048, 0};
        float[] hu = new float[3];
        slice.convert(stored, hu, 0, 3);
        assertThat(hu).containsExactly(4095 * 0.5f - 1024, 0f, -1024f);
    }

    @Test
    void signedPaddingWrittenAsUnsignedIsMatched() throws Exception {
        // LIDC writes PixelPaddingValue as US 63536 with signed pixels: it means -2000
        HuSlice slice = HuSlice.of(module(16, 15, 1, "1", "0", "63536"), "test");
        short[] stored = {(short) -2000, (short) -1999, 100};
        float[] hu = new float[3];
        slice.convert(stored, hu, 0, 3);
        assertThat(hu).containsExactly(-1024f, -1024f, 100f);
    }

    @Test
    void colourOrOddBitsAreRejectedWithAReason() throws Exception {
        AttributeList rgb = module(8, 7, 0, "1", "0", null);
        SeriesWriter.set(rgb, TagFromName.SamplesPerPixel, "3");
        SeriesWriter.set(rgb, TagFromName.PhotometricInterpretation, "RGB");
        assertThatThrownBy(() -> HuSlice.of(rgb, "rgb.dcm"))
                .isInstanceOfSatisfying(VolumeLoadException.class,
                        e -> assertThat(e.reason()).isEqualTo(SkipReason.UNSUPPORTED_PIXEL_DATA))
                .hasMessageContaining("rgb.dcm").hasMessageContaining("3 sample(s)");
    }

    private static AttributeList module(int bitsStored, int highBit, int pixelRepresentation, String slope,
                                        String intercept, String padding) throws DicomException {
        AttributeList list = new AttributeList();
        SeriesWriter.set(list, TagFromName.SamplesPerPixel, "1");
        SeriesWriter.set(list, TagFromName.PhotometricInterpretation, "MONOCHROME2");
        SeriesWriter.set(list, TagFromName.BitsAllocated, bitsStored > 8 ? "16" : "8");
        SeriesWriter.set(list, TagFromName.BitsStored, Integer.toString(bitsStored));
        SeriesWriter.set(list, TagFromName.HighBit, Integer.toString(highBit));
        SeriesWriter.set(list, TagFromName.PixelRepresentation, Integer.toString(pixelRepresentation));
        SeriesWriter.set(list, TagFromName.RescaleSlope, slope);
        SeriesWriter.set(list, TagFromName.RescaleIntercept, intercept);
        if (padding != null) {
            SeriesWriter.set(list, new AttributeTag(0x0028, 0x0120), padding);
        }
        return list;
    }
}
