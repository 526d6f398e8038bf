package org.lungcad.dicom.net;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/** The shared real CT data (../shared/data from the repository); tests that need it skip when it is absent. */
final class SharedData {

    static final String J2K_STUDY_UID = "2.25.176218043447925104938744125347185960301";
    static final String J2K_SERIES_UID = "2.25.269431963815207405391126946702287652345";

    private SharedData() {
    }

    static Path root() {
        return Path.of(System.getProperty("lungcad.shared.data", "../../shared/data"));
    }

    /** The first {@code count} slices of LIDC-IDRI-0001 (uncompressed, Explicit VR LE). */
    static List<Path> lidcSlices(int count) throws IOException {
        return files(root().resolve("lidc-idri-0001/series"), count);
    }

    /** The 20 Siemens CT slices stored as JPEG 2000 lossless (1.2.840.10008.1.2.4.90). */
    static List<Path> jpeg2000Slices() throws IOException {
        return files(root().resolve("ct-jpeg2000-siemens"), Integer.MAX_VALUE);
    }

    /**
     * Copies of the JPEG 2000 slices with SOP Class, SOP Instance, Study and Series UIDs in the data set. The
     * shared files are anonymised down to empty values there (only the meta header has the SOP UIDs): storescu
     * will not send them and the spool cannot file them. dcmodify fills them in and leaves the compressed pixel
     * data alone.
     */
    static List<Path> jpeg2000SlicesWithUids(Path folder) throws Exception {
        List<Path> originals = jpeg2000Slices();
        Dcmtk.assumeInstalled("dcmodify");
        Files.createDirectories(folder);
        List<Path> copies = new java.util.ArrayList<>();
        for (Path original : originals) {
            AttributeList meta = new AttributeList();
            meta.readOnlyMetaInformationHeader(original.toFile());
            Path copy = Files.copy(original, folder.resolve(original.getFileName()));
            copy.toFile().setWritable(true);
            Dcmtk.Result modify = Dcmtk.run(Duration.ofSeconds(30), "dcmodify", "-nb",
                    "-i", "(0008,0016)=" + Attribute.getSingleStringValueOrNull(meta, TagFromName.MediaStorageSOPClassUID),
                    "-i", "(0008,0018)=" + Attribute.getSingleStringValueOrNull(meta, TagFromName.MediaStorageSOPInstanceUID),
                    "-i", "(0020,000D)=" + J2K_STUDY_UID,
                    "-i", "(0020,000E)=" + J2K_SERIES_UID,
                    copy.toString());
            if (modify.exitCode() != 0) {
                throw new IllegalStateException("dcmodify failed: " + modify.output());
            }
            copies.add(copy);
        }
        return copies;
    }

    private static List<Path> files(Path folder, int count) throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(folder),
                "shared test data not found at " + folder.toAbsolutePath() + " (set -Dlungcad.shared.data): test skipped");
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(Files::isRegularFile).sorted().limit(count).toList();
        }
    }
}
