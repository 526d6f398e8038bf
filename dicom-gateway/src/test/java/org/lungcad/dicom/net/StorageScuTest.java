package org.lungcad.dicom.net;

import com.pixelmed.dicom.TransferSyntax;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lungcad.dicom.series.ReceivedInstance;
import org.lungcad.dicom.spool.InstanceSpool;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Storage SCU against dcmtk's storescp and against our own Storage SCP. */
class StorageScuTest {

    private static final String AE = "LUNGCAD";

    @TempDir
    Path temp;

    private final StorageScu scu = new StorageScu();
    private final List<ReceivedInstance> received = new CopyOnWriteArrayList<>();
    private Process storescp;
    private StorageScp scp;

    @AfterEach
    void stop() throws InterruptedException {
        if (scp != null) {
            scp.close();
        }
        if (storescp != null) {
            storescp.destroy();
            if (!storescp.waitFor(5, TimeUnit.SECONDS)) {
                storescp.destroyForcibly();
            }
        }
    }

    @Test
    void storesToDcmtkStorescpAndEveryFileArrives() throws Exception {
        List<Path> slices = SharedData.lidcSlices(5);
        Path received = Files.createDirectories(temp.resolve("storescp"));
        DicomNode storescpNode = startStorescp(received);

        StoreResult result = scu.store(storescpNode, AE, slices);

        assertThat(result.allSucceeded()).as(result.toString()).isTrue();
        assertThat(result.successCount()).isEqualTo(5);
        assertThat(result.outcomes()).extracting(StoreResult.InstanceOutcome::file).containsExactlyElementsOf(slices);
        assertThat(result.outcomes()).allSatisfy(o -> assertThat(o.status()).isZero());
        try (Stream<Path> files = Files.list(received)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(result.outcomes().stream()
                            .map(o -> "CT." + o.sopInstanceUid()).toList());
        }
    }

    @Test
    void echoesDcmtkStorescpAndOurScp() throws Exception {
        DicomNode storescpNode = startStorescp(Files.createDirectories(temp.resolve("storescp")));
        startScp(received::add);

        DicomNode ours = new DicomNode(AE, "127.0.0.1", scp.port());

        assertThatCode(() -> scu.echo(storescpNode, AE)).doesNotThrowAnyException();
        assertThatCode(() -> scu.echo(ours, "PACS")).doesNotThrowAnyException();
        // the same calls fail, naming the peer, once the peers are gone: echo is a real round trip
        storescp.destroy();
        assertThat(storescp.waitFor(10, TimeUnit.SECONDS)).isTrue();
        scp.close();
        assertThatThrownBy(() -> scu.echo(storescpNode, AE)).isInstanceOf(IOException.class).hasMessageContaining("DCMTK");
        assertThatThrownBy(() -> scu.echo(ours, "PACS")).isInstanceOf(IOException.class).hasMessageContaining(AE);
    }

    @Test
    void closedPortIsAnIOException() throws Exception {
        DicomNode nobody = new DicomNode("NOBODY", "127.0.0.1", freePort());
        List<Path> files = List.of(writeSmallInstance("1"));

        assertThatThrownBy(() -> scu.store(nobody, AE, files))
                .isInstanceOf(IOException.class).isNotInstanceOf(AssociationRejectedException.class)
                .hasMessageContaining("NOBODY").hasMessageContaining("Connection refused");
        assertThatThrownBy(() -> scu.echo(nobody, AE)).isInstanceOf(IOException.class).hasMessageContaining("NOBODY");
    }

    @Test
    void rejectedAssociationIsAnIOException() throws Exception {
        startScp(received::add);
        DicomNode wrongTitle = new DicomNode("NOT-LUNGCAD", "127.0.0.1", scp.port());

        assertThatThrownBy(() -> scu.store(wrongTitle, "PACS", List.of(writeSmallInstance("1"))))
                .isInstanceOfSatisfying(AssociationRejectedException.class, e -> assertThat(e.permanent()).isTrue())
                .hasMessageContaining("called AE Title not recognized");
        assertThatThrownBy(() -> scu.echo(wrongTitle, "PACS"))
                .isInstanceOfSatisfying(AssociationRejectedException.class, e -> assertThat(e.permanent()).isTrue());
    }

    @Test
    void associationLimitIsATransientRejection() throws Exception {
        scp = new StorageScp(StorageScpConfig.defaults(AE, 0).withMaxAssociations(1),
                new InstanceSpool(temp.resolve("spool")), received::add);
        scp.start();
        Path slowFile = writeSmallInstance("1");
        DicomNode node = new DicomNode(AE, "127.0.0.1", scp.port());
        // one association held open by another sender (a bare connection holds no slot)
        java.util.LinkedList<com.pixelmed.network.PresentationContext> contexts = new java.util.LinkedList<>();
        contexts.add(new com.pixelmed.network.PresentationContext((byte) 1, com.pixelmed.dicom.SOPClass.Verification,
                com.pixelmed.dicom.TransferSyntax.ImplicitVRLittleEndian));
        com.pixelmed.network.Association held = com.pixelmed.network.AssociationFactory.createNewAssociation(
                "127.0.0.1", scp.port(), AE, "HOLDER", contexts, null, false);
        try {
            assertThatThrownBy(() -> scu.store(node, "PACS", List.of(slowFile)))
                    .isInstanceOfSatisfying(AssociationRejectedException.class, e -> assertThat(e.permanent()).isFalse())
                    .hasMessageContaining("local limit exceeded");
        } finally {
            held.release();
        }
    }

    @Test
    void reportsTheFailureStatusOfEachInstance() throws Exception {
        startScp(instance -> {
            throw new IllegalStateException("queue full");
        });
        List<Path> files = List.of(writeSmallInstance("1"), writeSmallInstance("2"));

        StoreResult result = scu.store(new DicomNode(AE, "127.0.0.1", scp.port()), "PACS", files);

        assertThat(result.failureCount()).isEqualTo(2);
        assertThat(result.outcomes()).allSatisfy(o -> {
            assertThat(o.status()).isEqualTo(0xA700);
            assertThat(o.success()).isFalse();
        });
    }

    @Test
    void destinationThatStopsAnsweringTimesOutInsteadOfBlocking() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        startScp(instance -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            StoreResult result = new StorageScu(Duration.ofSeconds(1)).store(
                    new DicomNode(AE, "127.0.0.1", scp.port()), "PACS",
                    List.of(writeSmallInstance("1"), writeSmallInstance("2")));

            assertThat(result.outcomes()).allSatisfy(o -> assertThat(o.status()).isEqualTo(StoreResult.NO_RESPONSE));
            assertThat(result.outcomes().get(0).detail()).contains("broke");
            assertThat(result.outcomes().get(1).detail()).startsWith("not sent");
        } finally {
            release.countDown();
        }
    }

    @Test
    void unreadableFileIsReportedAndTheOthersAreSent() throws Exception {
        startScp(received::add);
        Path garbage = Files.writeString(temp.resolve("garbage.dcm"), "not DICOM");
        Path good = writeSmallInstance("1");

        StoreResult result = scu.store(new DicomNode(AE, "127.0.0.1", scp.port()), "PACS", List.of(garbage, good));

        assertThat(result.outcomes()).extracting(StoreResult.InstanceOutcome::file).containsExactly(garbage, good);
        assertThat(result.outcomes().get(0).status()).isEqualTo(StoreResult.NO_RESPONSE);
        assertThat(result.outcomes().get(0).detail()).contains("cannot read");
        assertThat(result.outcomes().get(1).success()).isTrue();
        assertThat(received).hasSize(1);
    }

    @Test
    void sendsJpeg2000AsIsToOurScp() throws Exception {
        List<Path> slices = SharedData.jpeg2000SlicesWithUids(temp.resolve("j2k"));
        startScp(received::add);

        StoreResult result = scu.store(new DicomNode(AE, "127.0.0.1", scp.port()), "PACS", slices);

        assertThat(result.allSucceeded()).as(result.toString()).isTrue();
        assertThat(received).hasSize(20)
                .allSatisfy(i -> assertThat(i.transferSyntaxUid()).isEqualTo(TransferSyntax.JPEG2000Lossless));
    }

    @Test
    void instancesWithoutStudyAndSeriesUidsGetDataSetDoesNotMatchSopClass() throws Exception {
        // the shared Siemens slices as they are: SOP UIDs only in the meta header, empty Study/Series UIDs
        List<Path> slices = SharedData.jpeg2000Slices().subList(0, 2);
        startScp(received::add);

        StoreResult result = scu.store(new DicomNode(AE, "127.0.0.1", scp.port()), "PACS", slices);

        // the status and the reason, as the node's Error Comment (0000,0902), reach the sender
        assertThat(result.outcomes()).allSatisfy(o -> {
            assertThat(o.status()).isEqualTo(DimseStatus.DATA_SET_DOES_NOT_MATCH_SOP_CLASS);
            assertThat(o.detail()).isEqualTo("SOP Instance UID is missing");
        });
        assertThat(received).isEmpty();
    }

    private void startScp(Consumer<ReceivedInstance> onReceived) throws IOException {
        scp = new StorageScp(StorageScpConfig.defaults(AE, 0), new InstanceSpool(temp.resolve("spool")), onReceived);
        scp.start();
    }

    /** dcmtk's storescp on a free loopback port, once it answers C-ECHO. */
    private DicomNode startStorescp(Path outputFolder) throws Exception {
        int port = freePort();
        storescp = Dcmtk.start("storescp", "-aet", "DCMTK", "-od", outputFolder.toString(), String.valueOf(port));
        DicomNode node = new DicomNode("DCMTK", "127.0.0.1", port);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try {
                scu.echo(node, AE);
                return node;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline || !storescp.isAlive()) {
                    throw new IllegalStateException("storescp did not come up on port " + port, notYet);
                }
                Thread.sleep(100);
            }
        }
    }

    private Path writeSmallInstance(String suffix) throws Exception {
        String series = "2.25.1111111111111111111";
        return org.lungcad.dicom.spool.TestDicom.write(temp.resolve("small-" + suffix + ".dcm"),
                "2.25.2222222222222222222", series, series + "." + suffix);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
