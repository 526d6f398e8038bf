package org.lungcad.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.TagFromName;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Synthetic data can never pass for a patient's: {@code synthesize} on a real CT (LIDC-IDRI-0001, skipped without the
 * shared data) and on the phantom writes a DERIVED "SYNTHETIC" series of a new made-up patient and a new study, and
 * none of the source's patient ID, name, accession number, Study Instance UID or frame of reference is in any file.
 */
class SynthesizeIdentityTest {

    static final Path LIDC = CliRun.SHARED.resolve("lidc-idri-0001").resolve("series");
    static final List<AttributeTag> IDENTIFYING = List.of(TagFromName.PatientName, TagFromName.PatientID,
            TagFromName.AccessionNumber, TagFromName.StudyInstanceUID, TagFromName.FrameOfReferenceUID);

    @TempDir
    Path work;

    @Test
    void aRealCtBecomesANewSyntheticPatientAndStudy() throws Exception {
        assumeTrue(Files.isDirectory(LIDC), "shared data absent at " + LIDC.toAbsolutePath()
                + " (set -Dlungcad.shared.data): skipped");
        AttributeList source = header(firstFile(LIDC));
        List<String> sourceValues = IDENTIFYING.stream().map(tag -> text(source, tag)).filter(v -> !v.isEmpty()).toList();
        // LIDC-IDRI-0001 is de-identified but keeps a patient ID, an accession number, a study and a frame of reference
        assertThat(sourceValues).hasSize(4).contains("LIDC-IDRI-0001");

        CliRun run = CliRun.of("synthesize", "--input", LIDC.toString(), "--output", work.toString(), "--nodules", "2",
                "--seed", "3", "--sizes", "8");
        assertThat(run.exitCode()).isZero();

        List<Path> files = written(work.resolve("dicom"));
        assertThat(files).hasSize(133);
        Set<String> studies = assertSynthetic(files, sourceValues);
        assertThat(studies).hasSize(1).doesNotContain(text(source, TagFromName.StudyInstanceUID));
        assertThat(Files.readString(work.resolve("ground-truth.csv"))).doesNotContain("LIDC-IDRI-0001");
    }

    @Test
    void phantomSeriesAreSyntheticPatientsAndNewStudiesEachTime() throws Exception {
        Set<String> studies = new HashSet<>();
        for (String folder : List.of("a", "b")) {
            CliRun run = CliRun.of("synthesize", "--phantom-size", "SMALL", "--nodules", "1", "--seed", "4",
                    "--output", work.resolve(folder).toString());
            assertThat(run.exitCode()).isZero();
            studies.addAll(assertSynthetic(written(work.resolve(folder).resolve("dicom")), List.of()));
        }
        assertThat(studies).as("the same seed twice still makes two studies").hasSize(2);
    }

    /** Every file: the synthetic patient, DERIVED, SYNTHETIC, none of {@code sourceValues}; returns the studies. */
    private static Set<String> assertSynthetic(List<Path> files, List<String> sourceValues) throws Exception {
        Set<String> studies = new HashSet<>();
        for (Path file : files) {
            AttributeList list = header(file);
            assertThat(text(list, TagFromName.PatientName)).isEqualTo("SYNTHETIC^LUNGCAD");
            assertThat(text(list, TagFromName.PatientID)).startsWith("SYN-");
            assertThat(text(list, TagFromName.PatientBirthDate)).isEmpty();
            assertThat(text(list, TagFromName.AccessionNumber)).isEmpty();
            assertThat(text(list, TagFromName.PatientIdentityRemoved)).isEqualTo("YES");
            assertThat(Attribute.getStringValues(list, TagFromName.ImageType)).startsWith("DERIVED");
            assertThat(text(list, TagFromName.SeriesDescription).toUpperCase(Locale.ROOT)).contains("SYNTHETIC");
            for (AttributeTag tag : IDENTIFYING) {
                assertThat(text(list, tag)).as("%s of %s", tag, file.getFileName()).isNotIn(sourceValues);
            }
            String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            for (String value : sourceValues) {
                assertThat(bytes).as("%s in the bytes of %s", value, file.getFileName()).doesNotContain(value);
            }
            studies.add(text(list, TagFromName.StudyInstanceUID));
        }
        return studies;
    }

    private static List<Path> written(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.toString().endsWith(".dcm")).sorted().toList();
        }
    }

    private static Path firstFile(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(Files::isRegularFile).sorted().findFirst().orElseThrow();
        }
    }

    private static AttributeList header(Path file) throws Exception {
        AttributeList list = new AttributeList();
        list.read(file.toFile());
        return list;
    }

    private static String text(AttributeList list, AttributeTag tag) {
        return Attribute.getSingleStringValueOrEmptyString(list, tag).trim();
    }
}
