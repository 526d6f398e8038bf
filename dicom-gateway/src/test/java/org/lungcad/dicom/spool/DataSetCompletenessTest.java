package org.lungcad.dicom.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lungcad.dicom.net.DimseStatus;
import org.lungcad.dicom.net.StoreRefusedException;
import org.lungcad.dicom.testing.TestData;

/** A received file is complete, and its pixel data encoded as its transfer syntax says, before Success. */
class DataSetCompletenessTest {

    @TempDir
    Path temp;

    @Test
    void everyRealInstanceOfTheSharedDataIsComplete() throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(TestData.sharedData())) {
            files = walk.filter(Files::isRegularFile).filter(DataSetCompletenessTest::isPart10).toList();
        }
        // LIDC (explicit VR), RICORD (JPEG Lossless), Siemens JPEG 2000, Philips, SEG and SR files with sequences
        assertThat(files).hasSizeGreaterThan(400);
        for (Path f : files) {
            String ts = transferSyntax(f);
            assertThatCode(() -> DataSetCompleteness.check(f, ts)).as(f.toString()).doesNotThrowAnyException();
        }
    }

    @Test
    void aSliceCutInItsPixelDataIsRefusedNamingTheElement() throws Exception {
        Path slice = TestData.lidcSlicesByZ().get(0);
        Path cut = cut(slice, 400_000);
        assertThatThrownBy(() -> DataSetCompleteness.check(cut, TransferSyntax.ExplicitVRLittleEndian))
                .isInstanceOfSatisfying(StoreRefusedException.class,
                        e -> assertThat(e.status()).isEqualTo(DimseStatus.CANNOT_UNDERSTAND))
                .hasMessage("truncated in (7FE0,0010): " + (400_000 - (Files.size(slice) - 524_288)) + " of 524288 bytes");
    }

    @Test
    void aSliceCutInItsHeaderIsRefused() throws Exception {
        // element (0018,0022) starts at 1000; cut 5 bytes into it
        Path cut = cut(TestData.lidcSlicesByZ().get(0), 1_005);
        assertThatThrownBy(() -> DataSetCompleteness.check(cut, TransferSyntax.ExplicitVRLittleEndian))
                .isInstanceOf(StoreRefusedException.class).hasMessageContaining("truncated in");
    }

    @Test
    void aSliceCutBetweenTwoElementsReadsAsCompleteButWithoutPixelData() throws Exception {
        Path cut = cut(TestData.lidcSlicesByZ().get(0), 1_000);
        assertThat(DataSetCompleteness.check(cut, TransferSyntax.ExplicitVRLittleEndian)).isFalse();
        assertThat(DataSetCompleteness.check(TestData.lidcSlicesByZ().get(0), TransferSyntax.ExplicitVRLittleEndian))
                .isTrue();
    }

    @Test
    void aCompressedSliceCutInAFragmentIsRefused() throws Exception {
        Path slice = TestData.list(TestData.sharedFolder("ricord-1a-419639-000082/series")).get(0);
        Path cut = cut(slice, (int) Files.size(slice) - 5_000);
        assertThatThrownBy(() -> DataSetCompleteness.check(cut, TransferSyntax.JPEGLossless))
                .isInstanceOf(StoreRefusedException.class)
                .hasMessageContaining("truncated in an item of (7FE0,0010)");
        // without its sequence delimiter: the last fragment is whole but the pixel data never ends
        Path noDelimiter = cut(slice, (int) Files.size(slice) - 8);
        assertThatThrownBy(() -> DataSetCompleteness.check(noDelimiter, TransferSyntax.JPEGLossless))
                .isInstanceOf(StoreRefusedException.class)
                .hasMessageContaining("truncated in the items of (7FE0,0010)");
    }

    @Test
    void uncompressedPixelDataLabelledJpegLosslessIsRefused() throws Exception {
        AttributeList list = new AttributeList();
        list.read(TestData.lidcSlicesByZ().get(0).toFile());
        FileMetaInformation.addFileMetaInformation(list, TransferSyntax.JPEGLossless, "TEST");
        Path mislabelled = temp.resolve("mislabelled.dcm");
        // the meta header says JPEG Lossless; the data set is written as it is, native pixels
        list.write(mislabelled.toFile(), TransferSyntax.ExplicitVRLittleEndian, true, true);
        assertThat(transferSyntax(mislabelled)).isEqualTo(TransferSyntax.JPEGLossless);
        assertThatThrownBy(() -> DataSetCompleteness.check(mislabelled, TransferSyntax.JPEGLossless))
                .isInstanceOf(StoreRefusedException.class)
                .hasMessage("native pixel data under a compressed transfer syntax");
    }

    @Test
    void implicitVrAndBigEndianDataSetsAreWalked() throws Exception {
        AttributeList list = new AttributeList();
        list.read(TestData.lidcSlicesByZ().get(0).toFile());
        for (String ts : List.of(TransferSyntax.ImplicitVRLittleEndian, TransferSyntax.ExplicitVRBigEndian)) {
            FileMetaInformation.addFileMetaInformation(list, ts, "TEST");
            Path file = temp.resolve(ts + ".dcm");
            list.write(file.toFile(), ts, true, true);
            assertThatCode(() -> DataSetCompleteness.check(file, ts)).as(ts).doesNotThrowAnyException();
            Path cut = cut(file, (int) Files.size(file) - 1);
            assertThatThrownBy(() -> DataSetCompleteness.check(cut, ts)).as(ts)
                    .hasMessageContaining("truncated in (7FE0,0010)");
        }
    }

    private Path cut(Path file, int length) throws Exception {
        byte[] b = Files.readAllBytes(file);
        return Files.write(temp.resolve("cut-" + length + "-" + file.getFileName()), Arrays.copyOf(b, length));
    }

    private static boolean isPart10(Path f) {
        try (var in = Files.newInputStream(f)) {
            byte[] b = in.readNBytes(132);
            return b.length == 132 && b[128] == 'D' && b[129] == 'I' && b[130] == 'C' && b[131] == 'M';
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static String transferSyntax(Path f) throws Exception {
        AttributeList meta = new AttributeList();
        meta.readOnlyMetaInformationHeader(f.toFile());
        return Attribute.getSingleStringValueOrNull(meta, TagFromName.TransferSyntaxUID);
    }
}
