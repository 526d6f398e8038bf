package org.lungcad.dicom.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.TagFromName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.lungcad.dicom.series.CompletedSeries;
import org.lungcad.dicom.series.ReceivedInstance;

/**
 * The shared real data (../shared/data, README there) and helpers to make test inputs from it. Tests that
 * need the data skip, with a message, when it is absent.
 */
public final class TestData {

    private TestData() {
    }

    /** The shared data folder: {@code -Dlungcad.shared.data=...}, or ../../shared/data from the module. */
    public static Path sharedData() {
        return Path.of(System.getProperty("lungcad.shared.data", "../../shared/data"));
    }

    /** A folder of the shared data, or the test is skipped. */
    public static Path sharedFolder(String relative) {
        Path folder = sharedData().resolve(relative);
        assumeTrue(Files.isDirectory(folder), "shared test data " + folder.toAbsolutePath().normalize()
                + " is absent: skipping (set -Dlungcad.shared.data to the shared data folder)");
        return folder;
    }

    /** A file of the shared data, or the test is skipped. */
    public static Path sharedFile(String relative) {
        Path file = sharedData().resolve(relative);
        assumeTrue(Files.isRegularFile(file), "shared test data " + file.toAbsolutePath().normalize()
                + " is absent: skipping (set -Dlungcad.shared.data to the shared data folder)");
        return file;
    }

    /** The 133 LIDC-IDRI-0001 slice files, sorted by ImagePositionPatient z (ascending), or skipped. */
    public static List<Path> lidcSlicesByZ() {
        Path folder = sharedFolder("lidc-idri-0001/series");
        List<Path> files = list(folder);
        List<Path> sorted = new ArrayList<>(files);
        sorted.sort(Comparator.comparingDouble(f -> position(f)[2]));
        return sorted;
    }

    public static List<Path> list(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The header of a file (reading stops at PixelData). */
    public static AttributeList header(Path file) {
        return read(file, true);
    }

    public static AttributeList read(Path file, boolean headerOnly) {
        AttributeList list = new AttributeList();
        try {
            if (headerOnly) {
                list.read(file.toFile(), TagFromName.PixelData);
            } else {
                list.read(file.toFile());
            }
            return list;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (DicomException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
    }

    public static double[] position(Path file) {
        try {
            return header(file).get(TagFromName.ImagePositionPatient).getDoubleValues();
        } catch (DicomException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A received instance for a file, with its key attributes read the way the spool does. */
    public static ReceivedInstance received(Path file) {
        AttributeList list = header(file);
        return new ReceivedInstance(file,
                value(list, TagFromName.StudyInstanceUID),
                value(list, TagFromName.SeriesInstanceUID),
                value(list, TagFromName.SOPInstanceUID),
                value(list, TagFromName.SOPClassUID),
                value(list, TagFromName.Modality),
                value(list, TagFromName.TransferSyntaxUID),
                "TEST_SCU",
                Instant.parse("2026-01-01T00:00:00Z"));
    }

    /** A completed series (generation 1) of the given files; study and series UIDs from the first. */
    public static CompletedSeries completed(List<Path> files) {
        List<ReceivedInstance> instances = files.stream().map(TestData::received).toList();
        return new CompletedSeries(instances.get(0).studyInstanceUid(), instances.get(0).seriesInstanceUid(),
                instances, 1, instances.get(0).receivedAt(), instances.get(0).receivedAt());
    }

    public static String value(AttributeList list, com.pixelmed.dicom.AttributeTag tag) {
        return Attribute.getSingleStringValueOrEmptyString(list, tag).trim();
    }
}
