package org.lungcad.dicom.spool;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lungcad.dicom.net.DimseStatus;
import org.lungcad.dicom.net.StoreRefusedException;
import org.lungcad.dicom.series.ReceivedInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InstanceSpoolTest {

    private static final String STUDY = "1.2.826.0.1.3680043.8.498.1";
    private static final String SERIES = "1.2.826.0.1.3680043.8.498.1.2";

    @TempDir
    Path temp;

    @Test
    void spoolMovesTheFileToStudySeriesInstancePathAndReportsKeyAttributes() throws Exception {
        InstanceSpool spool = new InstanceSpool(temp.resolve("spool"));
        Path received = TestDicom.write(temp.resolve("in.dcm"), STUDY, SERIES, SERIES + ".3");
        Instant at = Instant.parse("2026-01-02T03:04:05Z");

        ReceivedInstance instance = spool.store(received, "PACS", at);

        Path expected = spool.directory().resolve(STUDY).resolve(SERIES).resolve(SERIES + ".3.dcm");
        assertThat(instance.file()).isEqualTo(expected);
        assertThat(expected).isRegularFile();
        assertThat(received).doesNotExist();
        assertThat(instance.studyInstanceUid()).isEqualTo(STUDY);
        assertThat(instance.seriesInstanceUid()).isEqualTo(SERIES);
        assertThat(instance.sopInstanceUid()).isEqualTo(SERIES + ".3");
        assertThat(instance.sopClassUid()).isEqualTo("1.2.840.10008.5.1.4.1.1.2");
        assertThat(instance.modality()).isEqualTo("CT");
        assertThat(instance.transferSyntaxUid()).isEqualTo("1.2.840.10008.1.2.1");
        assertThat(instance.callingAeTitle()).isEqualTo("PACS");
        assertThat(instance.receivedAt()).isEqualTo(at);
        try (var leftovers = Files.list(expected.getParent())) {
            assertThat(leftovers).containsExactly(expected);
        }
    }

    @Test
    void resendOfTheSameSopInstanceReplacesTheFile() throws Exception {
        InstanceSpool spool = new InstanceSpool(temp.resolve("spool"));
        spool.store(TestDicom.write(temp.resolve("a.dcm"), STUDY, SERIES, SERIES + ".1"), "PACS", Instant.now());
        spool.store(TestDicom.write(temp.resolve("b.dcm"), STUDY, SERIES, SERIES + ".1"), "PACS", Instant.now());

        assertThat(spool.scan()).hasSize(1);
    }

    @Test
    void scanReturnsEverySpooledInstance() throws Exception {
        InstanceSpool spool = new InstanceSpool(temp.resolve("spool"));
        for (int i = 1; i <= 3; i++) {
            spool.store(TestDicom.write(temp.resolve(i + ".dcm"), STUDY, SERIES, SERIES + "." + i), "PACS", Instant.now());
        }
        spool.store(TestDicom.write(temp.resolve("other.dcm"), STUDY, SERIES + "9", SERIES + "9.1"), "PACS", Instant.now());

        List<ReceivedInstance> found = new InstanceSpool(temp.resolve("spool")).scan();

        assertThat(found).extracting(ReceivedInstance::sopInstanceUid)
                .containsExactlyInAnyOrder(SERIES + ".1", SERIES + ".2", SERIES + ".3", SERIES + "9.1");
        assertThat(found).allSatisfy(i -> assertThat(i.file()).isRegularFile());
    }

    @Test
    void scanSeriesListsOneSeriesAndLeavesReceptionsInProgressAlone() throws Exception {
        InstanceSpool spool = new InstanceSpool(temp.resolve("spool"));
        for (int i = 1; i <= 2; i++) {
            spool.store(TestDicom.write(temp.resolve(i + ".dcm"), STUDY, SERIES, SERIES + "." + i), "PACS", Instant.now());
        }
        spool.store(TestDicom.write(temp.resolve("other.dcm"), STUDY, SERIES + "9", SERIES + "9.1"), "PACS", Instant.now());
        Path inProgress = spool.directory().resolve(STUDY).resolve(SERIES).resolve("." + SERIES + ".3.abc.part");
        Files.writeString(inProgress, "being renamed right now");

        List<ReceivedInstance> series = spool.scanSeries(STUDY, SERIES);

        assertThat(series).extracting(ReceivedInstance::sopInstanceUid).containsExactly(SERIES + ".1", SERIES + ".2");
        assertThat(inProgress).exists();
        assertThat(spool.scanSeries(STUDY, "1.2.3.404")).isEmpty();
        assertThatThrownBy(() -> spool.scanSeries(STUDY, "../" + SERIES)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void scanRemovesTemporaryLeftoversOfInterruptedReceptions() throws Exception {
        InstanceSpool spool = new InstanceSpool(temp.resolve("spool"));
        ReceivedInstance kept = spool.store(TestDicom.write(temp.resolve("a.dcm"), STUDY, SERIES, SERIES + ".1"),
                "PACS", Instant.now());
        Path incomingLeftover = spool.newIncomingFile();
        Files.writeString(incomingLeftover, "half a data set");
        Path renameLeftover = kept.file().resolveSibling("." + SERIES + ".2.abc.part");
        Files.writeString(renameLeftover, "half a rename");

        assertThat(spool.scan()).extracting(ReceivedInstance::file).containsExactly(kept.file());
        assertThat(incomingLeftover).doesNotExist();
        assertThat(renameLeftover).doesNotExist();
    }

    @Test
    void scanQuarantinesAFileThatCannotBeParsed() throws Exception {
        InstanceSpool spool = new InstanceSpool(temp.resolve("spool"));
        Path corrupt = spool.directory().resolve(STUDY).resolve(SERIES).resolve(SERIES + ".7.dcm");
        Files.createDirectories(corrupt.getParent());
        Files.write(corrupt, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        spool.store(TestDicom.write(temp.resolve("a.dcm"), STUDY, SERIES, SERIES + ".1"), "PACS", Instant.now());

        List<ReceivedInstance> found = spool.scan();

        assertThat(found).extracting(ReceivedInstance::sopInstanceUid).containsExactly(SERIES + ".1");
        assertThat(corrupt).doesNotExist();
        try (var quarantined = Files.list(spool.directory().resolve("quarantine"))) {
            assertThat(quarantined).singleElement()
                    .satisfies(p -> assertThat(p.getFileName().toString()).endsWith(SERIES + ".7.dcm"));
        }
    }

    @Test
    void missingUidIsRefusedWithDataSetDoesNotMatchSopClass() throws Exception {
        InstanceSpool spool = new InstanceSpool(temp.resolve("spool"));
        Path noSeries = TestDicom.write(temp.resolve("a.dcm"), STUDY, null, SERIES + ".1");

        assertThatThrownBy(() -> spool.store(noSeries, "PACS", Instant.now()))
                .isInstanceOfSatisfying(StoreRefusedException.class,
                        e -> assertThat(e.status()).isEqualTo(DimseStatus.DATA_SET_DOES_NOT_MATCH_SOP_CLASS))
                .hasMessageContaining("Series Instance UID");
        assertThat(noSeries).exists();
    }

    @Test
    void malformedUidIsRefusedWithCannotUnderstand() throws Exception {
        InstanceSpool spool = new InstanceSpool(temp.resolve("spool"));
        Path badStudy = TestDicom.write(temp.resolve("a.dcm"), "1.2.3.4.5.6.7.8.9.10.11.12.13.14.15.16.17.18.19.20.21.22.23.24.25.26.27.28.29.30.31",
                SERIES, SERIES + ".1");
        Path traversal = TestDicom.write(temp.resolve("b.dcm"), STUDY, "../../etc", SERIES + ".2");

        for (Path file : List.of(badStudy, traversal)) {
            assertThatThrownBy(() -> spool.store(file, "PACS", Instant.now()))
                    .isInstanceOfSatisfying(StoreRefusedException.class,
                            e -> assertThat(e.status()).isEqualTo(DimseStatus.CANNOT_UNDERSTAND));
        }
    }

    @Test
    void unparseableFileIsRefusedWithCannotUnderstand() throws Exception {
        InstanceSpool spool = new InstanceSpool(temp.resolve("spool"));
        Path garbage = Files.writeString(temp.resolve("x.dcm"), "this is not DICOM at all, not even close".repeat(10));

        assertThatThrownBy(() -> spool.store(garbage, "PACS", Instant.now()))
                .isInstanceOfSatisfying(StoreRefusedException.class,
                        e -> assertThat(e.status()).isEqualTo(DimseStatus.CANNOT_UNDERSTAND));
    }

    @Test
    void anIncompleteInstanceIsRefusedAndNotSpooled() throws Exception {
        InstanceSpool spool = new InstanceSpool(temp.resolve("spool"));
        byte[] slice = Files.readAllBytes(org.lungcad.dicom.testing.TestData.lidcSlicesByZ().get(0));
        // cut in its pixel data, and cut exactly where an element ends (a well-formed data set without pixels)
        Path inPixels = Files.write(temp.resolve("a.part"), java.util.Arrays.copyOf(slice, 400_000));
        // Pixel Data is the last element: 12 bytes of header and 512 x 512 x 2 of values
        Path atBoundary = Files.write(temp.resolve("b.part"), java.util.Arrays.copyOf(slice, slice.length - 524_300));

        assertThatThrownBy(() -> spool.store(inPixels, "PACS", Instant.now()))
                .isInstanceOfSatisfying(StoreRefusedException.class,
                        e -> assertThat(e.status()).isEqualTo(DimseStatus.CANNOT_UNDERSTAND))
                .hasMessageContaining("truncated in (7FE0,0010)");
        assertThatThrownBy(() -> spool.store(atBoundary, "PACS", Instant.now()))
                .isInstanceOfSatisfying(StoreRefusedException.class,
                        e -> assertThat(e.status()).isEqualTo(DimseStatus.DATA_SET_DOES_NOT_MATCH_SOP_CLASS))
                .hasMessageContaining("without Pixel Data");
        assertThat(spool.scan()).isEmpty();
    }

    @Test
    void belowItsFreeSpaceFloorTheSpoolRefusesWithOutOfResourcesAndTakesInstancesWhenSpaceReturns() throws Exception {
        Path dir = temp.resolve("spool");
        long free = new InstanceSpool(dir).usableSpace();
        assertThat(free).isPositive();
        // a floor above what the disk has free: as a full disk looks to the spool
        InstanceSpool full = new InstanceSpool(dir, free * 2);
        assertThat(full.hasSpace()).isFalse();
        assertThatThrownBy(() -> full.store(TestDicom.write(temp.resolve("a.dcm"), STUDY, SERIES, SERIES + ".1"),
                "PACS", Instant.now()))
                .isInstanceOfSatisfying(StoreRefusedException.class,
                        e -> assertThat(e.status()).isEqualTo(DimseStatus.OUT_OF_RESOURCES))
                .hasMessageStartingWith("storage below its floor: ");
        assertThat(full.scan()).isEmpty();
        // space "returns" (a floor the disk meets): the same folder takes the instance
        InstanceSpool roomy = new InstanceSpool(dir, 1 << 20);
        assertThat(roomy.hasSpace()).isTrue();
        assertThat(roomy.store(TestDicom.write(temp.resolve("b.dcm"), STUDY, SERIES, SERIES + ".1"), "PACS",
                Instant.now()).sopInstanceUid()).isEqualTo(SERIES + ".1");
    }

    @Test
    void unwritableTargetIsOutOfResources() throws Exception {
        InstanceSpool spool = new InstanceSpool(temp.resolve("spool"));
        // a plain file where the study folder must go: works even when tests run as root
        Files.createDirectories(spool.directory());
        Files.writeString(spool.directory().resolve(STUDY), "in the way");

        assertThatThrownBy(() -> spool.store(TestDicom.write(temp.resolve("a.dcm"), STUDY, SERIES, SERIES + ".1"),
                "PACS", Instant.now()))
                .isInstanceOfSatisfying(StoreRefusedException.class,
                        e -> assertThat(e.status()).isEqualTo(DimseStatus.OUT_OF_RESOURCES));
    }

    @Test
    void deleteSeriesRemovesItsFolderAndTheEmptyStudyFolder() throws Exception {
        InstanceSpool spool = new InstanceSpool(temp.resolve("spool"));
        spool.store(TestDicom.write(temp.resolve("a.dcm"), STUDY, SERIES, SERIES + ".1"), "PACS", Instant.now());
        spool.store(TestDicom.write(temp.resolve("b.dcm"), STUDY, SERIES + "9", SERIES + "9.1"), "PACS", Instant.now());

        spool.deleteSeries(STUDY, SERIES);
        assertThat(spool.scan()).extracting(ReceivedInstance::seriesInstanceUid).containsExactly(SERIES + "9");

        spool.deleteSeries(STUDY, SERIES + "9");
        assertThat(spool.directory().resolve(STUDY)).doesNotExist();
        assertThatThrownBy(() -> spool.deleteSeries(STUDY, "..")).isInstanceOf(IllegalArgumentException.class);
    }
}
