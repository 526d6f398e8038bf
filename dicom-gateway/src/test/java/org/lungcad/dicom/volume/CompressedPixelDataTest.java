package org.lungcad.dicom.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.OtherByteAttributeMultipleCompressedFrames;
import com.pixelmed.dicom.TagFromName;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lungcad.dicom.series.QualificationRules;
import org.lungcad.dicom.testing.SeriesWriter;
import org.lungcad.dicom.testing.TestData;

/**
 * Compressed transfer syntaxes decode to exactly the HU of their uncompressed form. The other form is made
 * by an independent tool, GDCM's {@code gdcmconv} (Debian libgdcm-tools); the tests skip without it.
 */
class CompressedPixelDataTest {

    private static final String JPEG_2000_LOSSLESS = "1.2.840.10008.1.2.4.90";
    private static final String JPEG_LOSSLESS_SV1 = "1.2.840.10008.1.2.4.70";
    private static final String RLE_LOSSLESS = "1.2.840.10008.1.2.5";

    @TempDir
    Path temp;

    @Test
    void siemensJpeg2000DecodesToTheSameHuAsGdcmsDecompression() throws Exception {
        List<Path> shared = TestData.list(TestData.sharedFolder("ct-jpeg2000-siemens"));
        assertThat(shared).hasSize(20);
        // these anonymised files have empty SOP, study and series UIDs (no PACS would send that, and
        // gdcmconv refuses them): restore UIDs in copies that keep the JPEG 2000 fragments unchanged
        List<Path> compressed = new SeriesWriter(Files.createDirectories(temp.resolve("j2k")), false)
                .writeKeepingCompression(shared, (i, a) -> {
                    SeriesWriter.set(a, TagFromName.SOPClassUID, QualificationRules.CT_IMAGE_STORAGE);
                    SeriesWriter.set(a, TagFromName.SOPInstanceUID, TestData.value(a, TagFromName.MediaStorageSOPInstanceUID));
                    SeriesWriter.set(a, TagFromName.StudyInstanceUID, "2.25.1001");
                    SeriesWriter.set(a, TagFromName.SeriesInstanceUID, "2.25.1002");
                });
        for (int i = 0; i < shared.size(); i++) {
            assertThat(TestData.value(TestData.header(compressed.get(i)), TagFromName.TransferSyntaxUID)).isEqualTo(JPEG_2000_LOSSLESS);
            assertThat(fragments(compressed.get(i))).isDeepEqualTo(fragments(shared.get(i)));
        }
        List<Path> raw = convert(compressed, "--raw");

        CtVolume fromJpeg2000 = load(compressed);
        CtVolume fromRaw = load(raw);

        assertSameVoxels(fromJpeg2000, fromRaw);
        HuRange range = fromJpeg2000.huRange();
        assertThat(range.min()).isEqualTo(-1024f);
        assertThat(range.max()).isGreaterThan(500f);
        assertThat(fromJpeg2000.columns()).isEqualTo(512);
        assertThat(fromJpeg2000.slices()).isEqualTo(20);
        assertThat(fromJpeg2000.spacingZ()).isCloseTo(2.0, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void rleAndJpegLosslessDecodeToTheSameHuAsTheOriginal() throws Exception {
        List<Path> original = TestData.lidcSlicesByZ().subList(60, 63);
        CtVolume expected = load(original);

        List<Path> rle = convert(original, "--rle");
        List<Path> jpegLossless = convert(original, "--jpeg");
        assertThat(TestData.value(TestData.header(rle.get(0)), TagFromName.TransferSyntaxUID)).isEqualTo(RLE_LOSSLESS);
        assertThat(TestData.value(TestData.header(jpegLossless.get(0)), TagFromName.TransferSyntaxUID)).isEqualTo(JPEG_LOSSLESS_SV1);

        assertSameVoxels(load(rle), expected);
        assertSameVoxels(load(jpegLossless), expected);
    }

    private static byte[][] fragments(Path file) throws Exception {
        AttributeList list = new AttributeList();
        list.setDecompressPixelData(false);
        list.read(file.toFile());
        return ((OtherByteAttributeMultipleCompressedFrames) list.getPixelData()).getFrames();
    }

    private static CtVolume load(List<Path> files) throws VolumeLoadException {
        return new CtVolumeLoader().load(CtVolumeLoaderTest.qualify(files, CtVolumeLoaderTest.permissive()));
    }

    private static void assertSameVoxels(CtVolume actual, CtVolume expected) {
        assertThat(actual.sopInstanceUids()).isEqualTo(expected.sopInstanceUids());
        assertThat(actual.hu()).hasSameSizeAs(expected.hu());
        int mismatch = Arrays.mismatch(actual.hu(), expected.hu());
        assertThat(mismatch).as(() -> "first differing voxel " + mismatch + ": " + actual.hu()[mismatch]
                + " HU, expected " + expected.hu()[mismatch]).isEqualTo(-1);
    }

    private List<Path> convert(List<Path> files, String option) throws IOException, InterruptedException {
        String gdcmconv = executable("gdcmconv");
        assumeTrue(gdcmconv != null, "gdcmconv (Debian package libgdcm-tools) is not installed: skipping");
        Path folder = Files.createDirectories(temp.resolve(option.replace("-", "")));
        List<Path> converted = new ArrayList<>();
        for (Path file : files) {
            Path out = folder.resolve(file.getFileName().toString());
            Process process = new ProcessBuilder(gdcmconv, option, file.toString(), out.toString())
                    .redirectErrorStream(true).redirectOutput(temp.resolve("gdcmconv.log").toFile()).start();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as("gdcmconv " + option + " " + file).isZero();
            converted.add(out);
        }
        return converted;
    }

    private static String executable(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}
