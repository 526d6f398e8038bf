package org.lungcad.dicom.net;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.network.Association;
import com.pixelmed.network.AssociationFactory;
import com.pixelmed.network.PresentationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lungcad.dicom.series.ReceivedInstance;
import org.lungcad.dicom.spool.InstanceSpool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Storage SCP against dcmtk's echoscu and storescu as real peers, on loopback. */
class StorageScpTest {

    private static final String AE = "LUNGCAD";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    private final List<ReceivedInstance> received = new CopyOnWriteArrayList<>();
    private final RecordingListener events = new RecordingListener();
    /** The node's clock, fixed: receive times and association durations must come from it. */
    private static final Instant NOW = Instant.parse("2026-12-07T09:30:00Z");
    private StorageScp scp;
    private StorageScp.Threads threads;

    @AfterEach
    void stop() {
        if (scp != null) {
            scp.close();
        }
        if (threads != null) {
            threads.shutdownNow();
        }
    }

    @Test
    void echoscuGetsSuccess() throws Exception {
        start(StorageScpConfig.defaults(AE, 0), received::add);

        Dcmtk.Result echo = Dcmtk.run(TIMEOUT, "echoscu", "-aet", "PACS", "-aec", AE, "127.0.0.1", port());

        assertThat(echo.exitCode()).as(echo.output()).isZero();
        assertThat(RecordingListener.await(events.closed, e -> true).summary().outcome())
                .isEqualTo(AssociationSummary.Outcome.RELEASED);
    }

    @Test
    void callingAeTitleNotInAllowListIsRejected() throws Exception {
        start(StorageScpConfig.defaults(AE, 0).withAllowedCallingAeTitles(Set.of("PACS")), received::add);

        Dcmtk.Result intruder = Dcmtk.run(TIMEOUT, "echoscu", "-aet", "INTRUDER", "-aec", AE, "127.0.0.1", port());
        Dcmtk.Result allowed = Dcmtk.run(TIMEOUT, "echoscu", "-aet", "PACS", "-aec", AE, "127.0.0.1", port());

        assertThat(intruder.exitCode()).as(intruder.output()).isNotZero();
        assertThat(intruder.output()).contains("Association Rejected").contains("Calling AE Title Not Recognized");
        assertThat(allowed.exitCode()).as(allowed.output()).isZero();
        RecordingListener.Event rejection = RecordingListener.await(events.rejected, e -> true);
        assertThat(rejection.reject()).isEqualTo(AssociateReject.CALLING_AE_TITLE_NOT_RECOGNIZED);
        assertThat(rejection.summary().callingAeTitle()).isEqualTo("INTRUDER");
    }

    @Test
    void aCallingAeTitleWithControlCharactersIsRejectedAndNeverLoggedRaw() throws Exception {
        start(StorageScpConfig.defaults(AE, 0), received::add);
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", scp.port())) {
            socket.getOutputStream().write(associateRequest(AE, "EVIL\nINFO fake"));
            socket.setSoTimeout(10_000);
            byte[] answer = socket.getInputStream().readNBytes(10);
            assertThat(answer[0]).as("A-ASSOCIATE-RJ").isEqualTo((byte) 0x03);
            assertThat(answer[9]).as("calling AE title not recognized").isEqualTo((byte) 3);
        }
        RecordingListener.Event rejection = RecordingListener.await(events.rejected, e -> true);
        assertThat(rejection.reject()).isEqualTo(AssociateReject.CALLING_AE_TITLE_NOT_RECOGNIZED);
        assertThat(rejection.summary().callingAeTitle()).isEqualTo("EVIL\\x0AINFO fake");
        // NUL padding is padding, not a bad character
        Dcmtk.Result echo = Dcmtk.run(TIMEOUT, "echoscu", "-aet", "PACS", "-aec", AE, "127.0.0.1", port());
        assertThat(echo.exitCode()).as(echo.output()).isZero();
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", scp.port())) {
            socket.getOutputStream().write(associateRequest(AE, "PACS\0\0\0\0"));
            socket.setSoTimeout(10_000);
            assertThat(socket.getInputStream().read()).as("A-ASSOCIATE-AC").isEqualTo(0x02);
        }
    }

    @Test
    void uidsPaddedWithANulInTheAssociateRequestAreAccepted() throws Exception {
        start(StorageScpConfig.defaults(AE, 0), received::add);
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", scp.port())) {
            socket.getOutputStream().write(associateRequest(AE, "PACS", "\0"));
            socket.setSoTimeout(10_000);
            java.io.DataInputStream in = new java.io.DataInputStream(socket.getInputStream());
            assertThat(in.read()).as("A-ASSOCIATE-AC").isEqualTo(0x02);
            in.readByte();
            byte[] body = new byte[in.readInt()];
            in.readFully(body);
            // after the fixed fields: items of type, reserved, 2-byte length; 0x21 is a presentation context result
            int offset = 68;
            while (offset < body.length && (body[offset] & 0xFF) != 0x21) {
                offset += 4 + (((body[offset + 2] & 0xFF) << 8) | (body[offset + 3] & 0xFF));
            }
            assertThat(offset).as("a presentation context in the answer").isLessThan(body.length);
            assertThat(body[offset + 6]).as("Verification context result: acceptance").isZero();
            byte[] syntax = java.util.Arrays.copyOfRange(body, offset + 12, offset + 12
                    + (((body[offset + 10] & 0xFF) << 8) | (body[offset + 11] & 0xFF)));
            assertThat(new String(syntax, java.nio.charset.StandardCharsets.US_ASCII))
                    .isEqualTo(TransferSyntax.ImplicitVRLittleEndian);
        }
    }

    @Test
    void aPduThatBreaksTheProtocolMidAssociationIsAnsweredWithAnAbortNotABareClose() throws Exception {
        start(StorageScpConfig.defaults(AE, 0), received::add);
        for (byte[] bad : List.of(new byte[] {0x09, 0, 0, 0, 0, 2, 0, 0}, // a PDU type that does not exist
                associateRequest(AE, "PACS"),                             // a second A-ASSOCIATE-RQ
                // P-DATA-TF whose PDV item claims 16 bytes where the PDU has 2
                new byte[] {0x04, 0, 0, 0, 0, 6, 0, 0, 0, 0x10, 1, 3},
                // P-DATA-TF on presentation context 99, which was never negotiated
                new byte[] {0x04, 0, 0, 0, 0, 8, 0, 0, 0, 4, 99, 3, 0, 0})) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", scp.port())) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(associateRequest(AE, "PACS"));
                java.io.DataInputStream in = new java.io.DataInputStream(socket.getInputStream());
                assertThat(in.read()).as("A-ASSOCIATE-AC").isEqualTo(0x02);
                in.readByte();
                in.readFully(new byte[in.readInt()]);

                socket.getOutputStream().write(bad);

                assertThat(in.read()).as("A-ABORT before the connection closes").isEqualTo(0x07);
            }
        }
    }

    private static byte[] associateRequest(String called, String calling) {
        return associateRequest(called, calling, "");
    }

    /**
     * A minimal A-ASSOCIATE-RQ (PS3.8 9.3.2): the fixed fields, the application context and one Verification context,
     * every UID followed by {@code uidPadding}.
     */
    private static byte[] associateRequest(String called, String calling, String uidPadding) {
        java.nio.charset.Charset ascii = java.nio.charset.StandardCharsets.US_ASCII;
        java.io.ByteArrayOutputStream items = new java.io.ByteArrayOutputStream();
        item(items, 0x10, ("1.2.840.10008.3.1.1.1" + uidPadding).getBytes(ascii));
        java.io.ByteArrayOutputStream pc = new java.io.ByteArrayOutputStream();
        pc.writeBytes(new byte[] {1, 0, 0, 0});
        item(pc, 0x30, (SOPClass.Verification + uidPadding).getBytes(ascii));
        item(pc, 0x40, (TransferSyntax.ImplicitVRLittleEndian + uidPadding).getBytes(ascii));
        item(items, 0x20, pc.toByteArray());
        item(items, 0x50, new byte[] {0x51, 0, 0, 4, 0, 0, 0x40, 0});
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(new byte[] {0, 1, 0, 0});
        body.writeBytes(padded(called));
        body.writeBytes(padded(calling));
        body.writeBytes(new byte[32]);
        body.writeBytes(items.toByteArray());
        byte[] b = body.toByteArray();
        java.nio.ByteBuffer pdu = java.nio.ByteBuffer.allocate(6 + b.length);
        pdu.put((byte) 1).put((byte) 0).putInt(b.length).put(b);
        return pdu.array();
    }

    private static void item(java.io.ByteArrayOutputStream out, int type, byte[] value) {
        out.write(type);
        out.write(0);
        out.write(value.length >> 8);
        out.write(value.length & 0xFF);
        out.writeBytes(value);
    }

    private static byte[] padded(String aeTitle) {
        byte[] b = java.util.Arrays.copyOf(aeTitle.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 16);
        for (int i = aeTitle.length(); i < 16; i++) {
            b[i] = ' ';
        }
        return b;
    }

    @Test
    void wrongCalledAeTitleIsRejected() throws Exception {
        start(StorageScpConfig.defaults(AE, 0), received::add);

        Dcmtk.Result echo = Dcmtk.run(TIMEOUT, "echoscu", "-aet", "PACS", "-aec", "SOMEONE", "127.0.0.1", port());

        assertThat(echo.exitCode()).as(echo.output()).isNotZero();
        assertThat(echo.output()).contains("Association Rejected").contains("Called AE Title Not Recognized");
        assertThat(RecordingListener.await(events.rejected, e -> true).reject())
                .isEqualTo(AssociateReject.CALLED_AE_TITLE_NOT_RECOGNIZED);
    }

    @Test
    void requestsOnAContextThatWasNotAcceptedForThemGetAnAbortAndNothingIsStored() throws Exception {
        start(StorageScpConfig.defaults(AE, 0), received::add);
        String sop = Attribute.getSingleStringValueOrNull(readWithoutPixels(SharedData.lidcSlices(1).get(0)),
                TagFromName.SOPInstanceUID);
        byte[] store = new com.pixelmed.network.CStoreRequestCommandMessage(SOPClass.CTImageStorage, sop).getBytes();
        byte[] echo = new com.pixelmed.network.CEchoRequestCommandMessage().getBytes();
        // context 3: CT with a transfer syntax the node does not take (rejected); 5: an unknown SOP class (rejected)
        record Request(String what, byte context, byte[] command, byte[] data) {
        }
        List<Request> requests = List.of(new Request("C-ECHO on rejected context 3", (byte) 3, echo, null),
                new Request("C-STORE on rejected context 5", (byte) 5, store, new byte[] {0, 0, 0, 0}),
                new Request("C-STORE of CT on the Verification context", (byte) 1, store, new byte[] {0, 0, 0, 0}));
        for (Request r : requests) {
            LinkedList<PresentationContext> contexts = new LinkedList<>();
            contexts.add(new PresentationContext((byte) 1, SOPClass.Verification, TransferSyntax.ImplicitVRLittleEndian));
            contexts.add(new PresentationContext((byte) 3, SOPClass.CTImageStorage, "1.2.840.10008.1.2.4.100"));
            contexts.add(new PresentationContext((byte) 5, "1.2.826.0.1.3680043.8.498.77", TransferSyntax.ImplicitVRLittleEndian));
            Association a = AssociationFactory.createNewAssociation("127.0.0.1", scp.port(), AE, "PROBE", contexts,
                    null, false);
            a.setReceivedDataHandler(new com.pixelmed.network.CompositeResponseHandler() {
                @Override
                protected void evaluateStatusAndSetSuccess(AttributeList list) {
                    success = true;
                }
            });
            a.send(r.context(), r.command(), r.data());
            assertThatThrownBy(a::waitForCommandPDataPDUs).as(r.what())
                    .isInstanceOf(com.pixelmed.network.DicomNetworkException.class)
                    .hasMessageContaining("A-ABORT indication");
            RecordingListener.Event closed = RecordingListener.await(events.closed, e -> true);
            assertThat(closed.summary().outcome()).as(r.what()).isEqualTo(AssociationSummary.Outcome.ABORTED);
            events.closed.clear();
        }
        assertThat(received).isEmpty();
        assertThat(spooledFiles()).isEmpty();
    }

    @Test
    void storescuSlicesAreSpooledAndReportedAndAResendIsIdempotent() throws Exception {
        List<Path> slices = SharedData.lidcSlices(5);
        start(StorageScpConfig.defaults(AE, 0), received::add);

        Dcmtk.Result first = storescu(slices);

        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(received).hasSize(5);
        for (Path slice : slices) {
            AttributeList source = readWithoutPixels(slice);
            String study = Attribute.getSingleStringValueOrNull(source, TagFromName.StudyInstanceUID);
            String series = Attribute.getSingleStringValueOrNull(source, TagFromName.SeriesInstanceUID);
            String sop = Attribute.getSingleStringValueOrNull(source, TagFromName.SOPInstanceUID);
            Path spooled = spoolDir().resolve(study).resolve(series).resolve(sop + ".dcm");
            assertThat(received).filteredOn(i -> i.sopInstanceUid().equals(sop)).singleElement().satisfies(i -> {
                assertThat(i.file()).isEqualTo(spooled);
                assertThat(i.studyInstanceUid()).isEqualTo(study);
                assertThat(i.seriesInstanceUid()).isEqualTo(series);
                assertThat(i.sopClassUid()).isEqualTo(SOPClass.CTImageStorage);
                assertThat(i.modality()).isEqualTo("CT");
                assertThat(i.callingAeTitle()).isEqualTo("PACS");
                assertThat(i.receivedAt()).isEqualTo(NOW);
            });
            AttributeList stored = new AttributeList();
            stored.read(spooled.toFile());
            assertThat(stored.getPixelData().getShortValues()).isEqualTo(pixelValues(slice));
        }
        AssociationSummary summary = RecordingListener.await(events.closed, e -> true).summary();
        assertThat(summary.instancesReceived()).isEqualTo(5);
        assertThat(summary.duration()).isZero();

        Dcmtk.Result resend = storescu(slices);

        assertThat(resend.exitCode()).as(resend.output()).isZero();
        assertThat(received).hasSize(10);
        assertThat(spooledFiles()).hasSize(5);
        assertThat(scp.instancesReceived()).isEqualTo(10);
    }

    @Test
    void concurrentSendersOfTheSameSeriesEndWithOneFilePerInstance() throws Exception {
        List<Path> slices = SharedData.lidcSlices(5);
        start(StorageScpConfig.defaults(AE, 0), received::add);

        List<Process> senders = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            List<String> command = new ArrayList<>(List.of("storescu", "-aet", "PACS" + i, "-aec", AE, "127.0.0.1", port()));
            slices.forEach(f -> command.add(f.toString()));
            senders.add(Dcmtk.start(command.toArray(String[]::new)));
        }
        for (Process sender : senders) {
            try {
                assertThat(sender.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                assertThat(sender.exitValue()).isZero();
            } finally {
                sender.destroyForcibly();
            }
        }

        assertThat(received).hasSize(15);
        assertThat(spooledFiles()).hasSize(5);
        try (Stream<Path> incoming = Files.list(spoolDir().resolve("incoming"))) {
            assertThat(incoming).isEmpty();
        }
    }

    @Test
    void jpeg2000SlicesAreStoredInTheTransferSyntaxReceived() throws Exception {
        List<Path> slices = SharedData.jpeg2000SlicesWithUids(temp.resolve("j2k"));
        assertThat(slices).hasSize(20);
        start(StorageScpConfig.defaults(AE, 0), received::add);

        // storescu proposes JPEG 2000 only when told; it lists it before the uncompressed fallbacks
        Dcmtk.Result store = storescu(slices, "--propose-j2k-lossless", "--required");

        assertThat(store.exitCode()).as(store.output()).isZero();
        assertThat(received).hasSize(20)
                .allSatisfy(i -> assertThat(i.transferSyntaxUid()).isEqualTo(TransferSyntax.JPEG2000Lossless));
        assertThat(spooledFiles()).hasSize(20).allSatisfy(file -> {
            AttributeList meta = new AttributeList();
            meta.readOnlyMetaInformationHeader(file.toFile());
            assertThat(Attribute.getSingleStringValueOrNull(meta, TagFromName.TransferSyntaxUID))
                    .isEqualTo(TransferSyntax.JPEG2000Lossless);
        });
        byte[] sent = Files.readAllBytes(slices.get(0));
        String sop = Attribute.getSingleStringValueOrNull(readWithoutPixels(slices.get(0)), TagFromName.SOPInstanceUID);
        Path stored = received.stream().filter(i -> i.sopInstanceUid().equals(sop)).findFirst().orElseThrow().file();
        assertThat(tail(Files.readAllBytes(stored), 4096)).as("encapsulated pixel data unchanged")
                .isEqualTo(tail(sent, 4096));
    }

    private static byte[] tail(byte[] bytes, int length) {
        return java.util.Arrays.copyOfRange(bytes, bytes.length - length, bytes.length);
    }

    @Test
    void abortedAssociationKeepsEveryAcknowledgedInstance() throws Exception {
        List<Path> slices = SharedData.lidcSlices(3);
        start(StorageScpConfig.defaults(AE, 0), received::add);

        Dcmtk.Result store = storescu(slices, "--abort");

        assertThat(store.exitCode()).as(store.output()).isZero();
        RecordingListener.Event closed = RecordingListener.await(events.closed, e -> true);
        assertThat(closed.summary().outcome()).isEqualTo(AssociationSummary.Outcome.ABORTED);
        assertThat(closed.summary().instancesReceived()).isEqualTo(3);
        assertThat(spooledFiles()).hasSize(3);
        assertThat(new InstanceSpool(spoolDir()).scan()).hasSize(3);
    }

    @Test
    void failingHandlerGivesTheSenderAFailureStatusNotSuccess() throws Exception {
        List<Path> slices = SharedData.lidcSlices(1);
        start(StorageScpConfig.defaults(AE, 0), instance -> {
            throw new IllegalStateException("queue full");
        });

        Dcmtk.Result store = storescu(slices, "-v");

        assertThat(store.output()).contains("Received Store Response (Refused: OutOfResources)");
        assertThat(store.exitCode()).as(store.output()).isNotZero();
        assertThat(RecordingListener.await(events.closed, e -> true).summary().instancesFailed()).isEqualTo(1);
        assertThat(scp.instancesReceived()).isZero();
    }

    @Test
    void anInstanceWithoutItsStudyUidIsRefusedWithTheReasonInTheErrorComment() throws Exception {
        Path noStudy = org.lungcad.dicom.spool.TestDicom.write(temp.resolve("no-study.dcm"), null,
                "1.2.826.0.1.3680043.8.498.5.1", "1.2.826.0.1.3680043.8.498.5.1.1");
        start(StorageScpConfig.defaults(AE, 0), received::add);

        Dcmtk.Result store = storescu(List.of(noStudy), "-d");

        // storescu -d prints the response's status and its Status Detail, where the Error Comment is
        assertThat(store.output()).contains("0xa900: Error: Data Set does not match SOP Class")
                .contains("(0000,0902) LO [Study Instance UID is missing]");
        assertThat(received).isEmpty();
        assertThat(RecordingListener.await(events.closed, e -> true).summary().instancesFailed()).isEqualTo(1);
    }

    @Test
    void aTruncatedInstanceGetsAFailureStatusAndTheRestOfTheAssociationIsStored() throws Exception {
        List<Path> slices = SharedData.lidcSlices(2);
        byte[] whole = Files.readAllBytes(slices.get(0));
        // the sender's copy is cut in its pixel data; our SCU sends the data set bytes as they are in the file
        Path truncated = Files.write(temp.resolve("truncated.dcm"), java.util.Arrays.copyOf(whole, whole.length - 100_000));
        start(StorageScpConfig.defaults(AE, 0), received::add);

        StoreResult result = new StorageScu().store(new DicomNode(AE, "127.0.0.1", scp.port()), "PACS",
                List.of(truncated, slices.get(1)));

        assertThat(result.outcomes().get(0).status()).isEqualTo(DimseStatus.CANNOT_UNDERSTAND);
        assertThat(result.outcomes().get(0).detail()).isEqualTo("truncated in (7FE0,0010): 424288 of 524288 bytes");
        assertThat(result.outcomes().get(1).status()).isEqualTo(DimseStatus.SUCCESS);
        assertThat(received).hasSize(1);
        assertThat(spooledFiles()).hasSize(1);
        assertThat(RecordingListener.await(events.closed, e -> true).summary().instancesFailed()).isEqualTo(1);
    }

    @Test
    void spoolFailureGivesTheSenderOutOfResources() throws Exception {
        List<Path> slices = SharedData.lidcSlices(1);
        start(StorageScpConfig.defaults(AE, 0), received::add);
        String study = Attribute.getSingleStringValueOrNull(readWithoutPixels(slices.get(0)), TagFromName.StudyInstanceUID);
        // a plain file where the study folder must go: the rename into place fails (works as root too)
        Files.createDirectories(spoolDir());
        Files.writeString(spoolDir().resolve(study), "in the way");

        Dcmtk.Result store = storescu(slices, "-v");

        assertThat(store.output()).contains("Received Store Response (Refused: OutOfResources)");
        assertThat(store.exitCode()).as(store.output()).isNotZero();
        assertThat(received).isEmpty();
        try (Stream<Path> incoming = Files.list(spoolDir().resolve("incoming"))) {
            assertThat(incoming).as("partial files are cleaned up").isEmpty();
        }
    }

    @Test
    void whileTheStorageHandlerRefusesIntakeNewAssociationsAreRejectedTransiently() throws Exception {
        java.util.concurrent.atomic.AtomicReference<String> busy = new java.util.concurrent.atomic.AtomicReference<>(
                "analysis queue full");
        InstanceSpool spool = new InstanceSpool(spoolDir());
        StorageHandler gated = new StorageHandler() {
            @Override
            public Path newIncomingFile() throws IOException {
                return spool.newIncomingFile();
            }

            @Override
            public ReceivedInstance store(Path file, String callingAeTitle, java.time.Instant receivedAt)
                    throws StoreRefusedException {
                return spool.store(file, callingAeTitle, receivedAt);
            }

            @Override
            public java.util.Optional<String> intakeRefusal() {
                return java.util.Optional.ofNullable(busy.get());
            }
        };
        StorageScpConfig config = StorageScpConfig.defaults(AE, 0);
        threads = StorageScp.Threads.forConfig(config);
        scp = new StorageScp(config, gated, received::add, events, threads, Clock.fixed(NOW, ZoneOffset.UTC));
        scp.start();

        Dcmtk.Result refused = Dcmtk.run(TIMEOUT, "echoscu", "-aet", "PACS", "-aec", AE, "127.0.0.1", port());
        assertThat(refused.exitCode()).as(refused.output()).isNotZero();
        assertThat(refused.output()).contains("Association Rejected").contains("Transient")
                .contains("Local Limit Exceeded");
        assertThat(RecordingListener.await(events.rejected, e -> true).reject())
                .isEqualTo(AssociateReject.LOCAL_LIMIT_EXCEEDED);

        busy.set(null); // the queue drained
        Dcmtk.Result accepted = Dcmtk.run(TIMEOUT, "echoscu", "-aet", "PACS", "-aec", AE, "127.0.0.1", port());
        assertThat(accepted.exitCode()).as(accepted.output()).isZero();
    }

    @Test
    void associationsBeyondTheLimitAreRejectedTransiently() throws Exception {
        start(StorageScpConfig.defaults(AE, 0).withMaxAssociations(1), received::add);
        Association held = openVerificationAssociation("HOLDER");
        try {
            Dcmtk.Result echo = Dcmtk.run(TIMEOUT, "echoscu", "-aet", "PACS", "-aec", AE, "127.0.0.1", port());

            assertThat(echo.exitCode()).as(echo.output()).isNotZero();
            assertThat(echo.output()).contains("Association Rejected").contains("Local Limit Exceeded");
            assertThat(RecordingListener.await(events.rejected, e -> true).reject())
                    .isEqualTo(AssociateReject.LOCAL_LIMIT_EXCEEDED);
            assertThat(scp.activeAssociations()).isEqualTo(1);
        } finally {
            held.release();
        }
        RecordingListener.await(events.closed, e -> e.summary().callingAeTitle().equals("HOLDER"));
        Dcmtk.Result afterwards = Dcmtk.run(TIMEOUT, "echoscu", "-aet", "PACS", "-aec", AE, "127.0.0.1", port());
        assertThat(afterwards.exitCode()).as(afterwards.output()).isZero();
    }

    @Test
    void connectionThatIsNotDicomGetsAnAbortAndFreesItsSlot() throws Exception {
        start(StorageScpConfig.defaults(AE, 0).withMaxAssociations(1), received::add);
        try (java.net.Socket http = new java.net.Socket("127.0.0.1", scp.port())) {
            http.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            http.setSoTimeout(10_000);
            // A-ABORT (type 07) from the service provider (source 2), reason 1: unrecognized PDU; then the close
            assertThat(http.getInputStream().readAllBytes()).containsExactly(7, 0, 0, 0, 0, 4, 0, 0, 2, 1);
        }

        Dcmtk.Result echo = Dcmtk.run(TIMEOUT, "echoscu", "-aet", "PACS", "-aec", AE, "127.0.0.1", port());
        assertThat(echo.exitCode()).as(echo.output()).isZero();
    }

    @Test
    void idleConnectionsThatNeverAssociateCannotLockASenderOut() throws Exception {
        StorageScpConfig config = StorageScpConfig.defaults(AE, 0).withMaxAssociations(2)
                .withAssociateRequestTimeout(Duration.ofSeconds(2));
        start(config, received::add);
        List<java.net.Socket> idle = new ArrayList<>();
        try {
            // more silent connections than may wait: the oldest are closed to make room
            for (int i = 0; i < config.maxPendingConnections() + 4; i++) {
                idle.add(new java.net.Socket("127.0.0.1", scp.port()));
            }
            long t0 = System.nanoTime();
            Dcmtk.Result echo = Dcmtk.run(TIMEOUT, "echoscu", "-aet", "PACS", "-aec", AE, "127.0.0.1", port());
            assertThat(echo.exitCode()).as(echo.output()).isZero();
            // served while the silent ones are still open, not after they time out
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(config.associateRequestTimeout());
            // and every silent connection is closed by the SCP: evicted, or at the ARTIM timeout
            for (java.net.Socket s : idle) {
                s.setSoTimeout(10_000);
                assertThat(s.getInputStream().read()).isEqualTo(-1);
            }
        } finally {
            for (java.net.Socket s : idle) {
                s.close();
            }
        }
    }

    @Test
    void manyShortAssociationsInARowAreAllServed() throws Exception {
        start(new StorageScpConfig(AE, "127.0.0.1", 0, Set.of(), 2, 1, Duration.ofSeconds(10)), received::add);
        StorageScu scu = new StorageScu();
        DicomNode node = new DicomNode(AE, "127.0.0.1", scp.port());

        for (int i = 0; i < 20; i++) {
            scu.echo(node, "PACS");
        }

        assertThat(events.rejected).isEmpty();
    }

    @Test
    void portInUseFailsToStart() throws Exception {
        start(StorageScpConfig.defaults(AE, 0), received::add);
        StorageScp second = new StorageScp(StorageScpConfig.defaults(AE, scp.port()),
                new InstanceSpool(temp.resolve("other")), received::add);

        assertThatThrownBy(second::start).isInstanceOf(IOException.class).hasMessageContaining(String.valueOf(scp.port()));
        assertThat(second.isRunning()).isFalse();
        assertThat(scp.isRunning()).isTrue();
    }

    @Test
    void closeStopsAcceptingConnections() throws Exception {
        start(StorageScpConfig.defaults(AE, 0), received::add);
        String port = port();
        scp.close();

        assertThat(scp.isRunning()).isFalse();
        Dcmtk.Result echo = Dcmtk.run(TIMEOUT, "echoscu", "-aet", "PACS", "-aec", AE, "127.0.0.1", port);
        assertThat(echo.exitCode()).isNotZero();
    }

    private void start(StorageScpConfig config, Consumer<ReceivedInstance> onReceived) throws IOException {
        threads = StorageScp.Threads.forConfig(config);
        scp = new StorageScp(config, new InstanceSpool(spoolDir()), onReceived, events, threads,
                Clock.fixed(NOW, ZoneOffset.UTC));
        scp.start();
    }

    private Path spoolDir() {
        return temp.resolve("spool");
    }

    private String port() {
        return String.valueOf(scp.port());
    }

    private Dcmtk.Result storescu(List<Path> files, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of("storescu", "-aet", "PACS", "-aec", AE));
        command.addAll(List.of(options));
        command.addAll(List.of("127.0.0.1", port()));
        files.forEach(f -> command.add(f.toString()));
        return Dcmtk.run(TIMEOUT, command.toArray(String[]::new));
    }

    private List<Path> spooledFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(spoolDir())) {
            return walk.filter(p -> p.toString().endsWith(".dcm")).filter(p -> !p.startsWith(spoolDir().resolve("quarantine")))
                    .toList();
        }
    }

    private Association openVerificationAssociation(String callingAeTitle) throws Exception {
        LinkedList<PresentationContext> contexts = new LinkedList<>();
        contexts.add(new PresentationContext((byte) 1, SOPClass.Verification, TransferSyntax.ImplicitVRLittleEndian));
        return AssociationFactory.createNewAssociation("127.0.0.1", scp.port(), AE, callingAeTitle, contexts, null, false);
    }

    private static AttributeList readWithoutPixels(Path file) throws Exception {
        AttributeList list = new AttributeList();
        list.read(file.toFile(), TagFromName.PixelData);
        return list;
    }

    private static short[] pixelValues(Path file) throws Exception {
        AttributeList list = new AttributeList();
        list.read(file.toFile());
        return list.getPixelData().getShortValues();
    }
}
