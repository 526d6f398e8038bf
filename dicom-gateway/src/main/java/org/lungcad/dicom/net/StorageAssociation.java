package org.lungcad.dicom.net;

import com.pixelmed.dicom.DicomException;
import com.pixelmed.network.AReleaseException;
import com.pixelmed.network.Association;
import com.pixelmed.network.AssociationFactory;
import com.pixelmed.network.CEchoResponseCommandMessage;
import com.pixelmed.network.CStoreRequestCommandMessage;
import com.pixelmed.network.DicomNetworkException;
import org.lungcad.dicom.series.ReceivedInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * One inbound association on its own thread: negotiation (with our own A-ASSOCIATE-RJ for unknown AE titles),
 * then C-ECHO and C-STORE requests until release or abort. {@code onEnded} runs once the association is over:
 * when A-RELEASE-RP is sent, or when the thread finishes, whichever comes first (it must be idempotent).
 *
 * <p>Replaces PixelMed's {@code StorageSOPClassSCP.run()}, which always answers C-STORE with Success and, when
 * its {@code ReceivedObjectHandler} throws, sends no response at all and leaves the socket open. Here each
 * C-STORE is answered only after {@link StorageHandler#store} returned (the spool: fsync + rename), with the
 * handler's failure status and Error Comment when it refused.
 */
final class StorageAssociation implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(StorageAssociation.class);

    private static final Duration REJECT_LINGER = Duration.ofSeconds(1);
    /**
     * Offered maximum P-DATA-TF PDU length: dcmtk's own maximum (PixelMed's default is 16 kB). A CT slice then
     * arrives in 4 PDUs instead of 32, each read with far fewer system calls and array copies.
     */
    static final int MAXIMUM_PDU_LENGTH = 128 * 1024;
    /**
     * 0: PixelMed leaves the socket buffer sizes alone. Its default sets a 64 kB receive buffer, which on Linux
     * switches off receive-buffer auto-tuning and makes the sender wait for our reads.
     */
    private static final int OS_DEFAULT_BUFFER_SIZE = 0;

    private final Socket socket;
    /** What PixelMed's association runs on, once accepted. */
    private ReplaySocket replaySocket;
    private final AssociateRequest request;
    private final StorageScpConfig config;
    private final StorageHandler storage;
    private final Consumer<ReceivedInstance> onReceived;
    private final AssociationListener listener;
    private final Runnable onInstanceReceived;
    private final Runnable onEnded;
    private final StoragePresentationContextPolicy policy = new StoragePresentationContextPolicy();

    private final Clock clock;
    private final Instant started;
    private final String remoteAddress;
    private String callingAeTitle = "";
    private String calledAeTitle = "";
    private int received;
    private int failed;

    /** @param request the A-ASSOCIATE-RQ the connection sent, already read by the SCP */
    StorageAssociation(Socket socket, AssociateRequest request, StorageScpConfig config, StorageHandler storage,
                       Consumer<ReceivedInstance> onReceived, AssociationListener listener, Clock clock,
                       Runnable onInstanceReceived, Runnable onEnded) {
        this.socket = socket;
        this.request = request;
        this.config = config;
        this.storage = storage;
        this.clock = clock;
        this.started = clock.instant();
        this.onReceived = onReceived;
        this.listener = listener;
        this.onInstanceReceived = onInstanceReceived;
        this.onEnded = onEnded;
        this.remoteAddress = describe(socket.getRemoteSocketAddress());
    }

    @Override
    public void run() {
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) config.socketTimeout().toMillis());
            callingAeTitle = request.callingAeTitle();
            calledAeTitle = request.calledAeTitle();
            if (!request.aeTitlesValid()) {
                reject(AssociateReject.CALLING_AE_TITLE_NOT_RECOGNIZED);
            } else if (!calledAeTitle.equals(config.aeTitle())) {
                reject(AssociateReject.CALLED_AE_TITLE_NOT_RECOGNIZED);
            } else if (!config.acceptsCaller(callingAeTitle)) {
                reject(AssociateReject.CALLING_AE_TITLE_NOT_RECOGNIZED);
            } else {
                replaySocket = new ReplaySocket(socket, request.pdu(), onEnded);
                Association association = AssociationFactory.createNewAssociation(
                        replaySocket, config.aeTitle(), MAXIMUM_PDU_LENGTH,
                        OS_DEFAULT_BUFFER_SIZE, OS_DEFAULT_BUFFER_SIZE, policy);
                log.info("DICOM association opened: calling={} called={} remote={}",
                        callingAeTitle, calledAeTitle, remoteAddress);
                notify(l -> l.opened(summary(AssociationSummary.Outcome.OPEN)));
                AssociationSummary.Outcome outcome = serve(association);
                AssociationSummary summary = summary(outcome);
                log.info("DICOM association {}: calling={} called={} remote={} instances={} failed={} duration={}ms",
                        outcome == AssociationSummary.Outcome.RELEASED ? "released" : "aborted",
                        callingAeTitle, calledAeTitle, remoteAddress, received, failed, summary.duration().toMillis());
                notify(l -> l.closed(summary));
            }
        } catch (IOException | DicomNetworkException e) {
            log.warn("DICOM association from {} failed during negotiation: {}", remoteAddress, e.getMessage());
        } catch (RuntimeException e) {
            log.error("DICOM association from {} failed", remoteAddress, e);
        } finally {
            closeQuietly(socket);
            onEnded.run();
        }
    }

    /** Answers requests until the peer releases or the association breaks; acknowledged instances stay spooled. */
    private AssociationSummary.Outcome serve(Association association) {
        while (true) {
            DimseRequestReceiver request;
            try {
                request = new DimseRequestReceiver(storage.newIncomingFile(), policy::acceptedAbstractSyntax);
            } catch (IOException e) {
                log.error("Cannot create a file in the spool's incoming folder; aborting association: {}", e.toString());
                abortQuietly(association);
                return AssociationSummary.Outcome.ABORTED;
            }
            try {
                association.setReceivedDataHandler(request);
                association.waitForPDataPDUsUntilHandlerReportsDone();
                respond(association, request);
            } catch (AReleaseException e) {
                return AssociationSummary.Outcome.RELEASED;
            } catch (DicomNetworkException | DicomException | IOException e) {
                if (request.protocolViolation().isPresent()) {
                    log.warn("DICOM association from {} (calling {}) broke the protocol, answered with A-ABORT: {}",
                            remoteAddress, callingAeTitle, request.protocolViolation().get().getMessage());
                    return AssociationSummary.Outcome.ABORTED;
                }
                log.warn("DICOM association from {} (calling {}) ended abnormally: {}",
                        remoteAddress, callingAeTitle, e.getMessage());
                abortUnlessAnswered(e);
                return AssociationSummary.Outcome.ABORTED;
            } finally {
                request.discard();
                deleteQuietly(request.dataFile());
            }
        }
    }

    private void respond(Association association, DimseRequestReceiver request)
            throws DicomNetworkException, DicomException, IOException {
        byte[] response;
        if (request.isEcho()) {
            response = new CEchoResponseCommandMessage(request.echoRequest().getAffectedSOPClassUID(),
                    request.echoRequest().getMessageID(), DimseStatus.SUCCESS).getBytes();
        } else {
            CStoreRequestCommandMessage store = request.storeRequest();
            Answer answer = store(request);
            response = CStoreResponse.encode(store.getAffectedSOPClassUID(), store.getAffectedSOPInstanceUID(),
                    store.getMessageID(), answer.status(), answer.errorComment());
        }
        association.send(request.presentationContextId(), response, null);
    }

    /** What the sender is told: the status, and on a failure why (the Error Comment). */
    private record Answer(int status, String errorComment) {
        static final Answer SUCCESS = new Answer(DimseStatus.SUCCESS, null);
    }

    /** Hands the received file to storage and queues it; the answer goes to the sender. */
    private Answer store(DimseRequestReceiver request) {
        String sopInstanceUid = request.storeRequest().getAffectedSOPInstanceUID();
        if (request.writeFailure().isPresent()) {
            return fail(sopInstanceUid, new StoreRefusedException(DimseStatus.OUT_OF_RESOURCES,
                    "cannot write received data: " + request.writeFailure().get()));
        }
        if (!request.dataFileCreated()) {
            return fail(sopInstanceUid, new StoreRefusedException(DimseStatus.CANNOT_UNDERSTAND,
                    "C-STORE-RQ without a data set"));
        }
        try {
            return enqueue(storage.store(request.dataFile(), callingAeTitle, clock.instant()));
        } catch (StoreRefusedException e) {
            return fail(sopInstanceUid, e);
        }
    }

    private Answer enqueue(ReceivedInstance instance) {
        try {
            onReceived.accept(instance);
        } catch (RuntimeException e) {
            // spooled but not queued: a failure makes the sender retry, and the resend replaces the file
            log.error("Received instance could not be queued for processing", e);
            return fail(instance.sopInstanceUid(), new StoreRefusedException(DimseStatus.OUT_OF_RESOURCES,
                    "cannot queue the instance for processing"));
        }
        received++;
        onInstanceReceived.run();
        log.debug("Stored SOP instance {} from {}", instance.sopInstanceUid(), callingAeTitle);
        return Answer.SUCCESS;
    }

    private Answer fail(String sopInstanceUid, StoreRefusedException refusal) {
        failed++;
        // UIDs only: never patient names or IDs
        log.warn("C-STORE from {} failed, status {}: {} (SOP instance {})",
                callingAeTitle, DimseStatus.toHex(refusal.status()), refusal.getMessage(), sopInstanceUid);
        return new Answer(refusal.status(), refusal.getMessage()); // CStoreResponse makes it an Error Comment
    }

    private void reject(AssociateReject reason) throws IOException {
        log.warn("DICOM association rejected ({}): calling={} called={} remote={}",
                reason, callingAeTitle, calledAeTitle, remoteAddress);
        notify(l -> l.rejected(summary(AssociationSummary.Outcome.REJECTED), reason));
        sendReject(socket, reason);
    }

    /**
     * Sends A-ASSOCIATE-RJ, then waits briefly for the requester to close the transport connection as
     * PS3.8 asks (state 13) before closing it ourselves.
     */
    static void sendReject(Socket socket, AssociateReject reason) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(reason.pdu());
        out.flush();
        socket.shutdownOutput();
        socket.setSoTimeout((int) REJECT_LINGER.toMillis());
        InputStream in = socket.getInputStream();
        byte[] drain = new byte[512];
        try {
            while (in.read(drain) >= 0) {
                // discard anything the requester still sends
            }
        } catch (IOException timeoutOrReset) {
            // the requester did not close in time, or reset: we close anyway
        }
    }

    private AssociationSummary summary(AssociationSummary.Outcome outcome) {
        return new AssociationSummary(callingAeTitle, calledAeTitle, remoteAddress, outcome, received, failed,
                Duration.between(started, clock.instant()));
    }

    private void notify(Consumer<AssociationListener> event) {
        try {
            event.accept(listener);
        } catch (RuntimeException e) {
            log.warn("Association listener failed", e);
        }
    }

    static String describe(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            // the literal address: no reverse DNS lookup on the association thread
            return inet.getAddress().getHostAddress() + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }

    /**
     * PS3.8 9.2: a protocol error is answered with A-ABORT. PixelMed sends one itself for an unexpected PDU type
     * and none when its decoding fails (a PDV item longer than its PDU); none is due when the peer aborted. Otherwise
     * the provider's A-ABORT goes out before the close ({@link ReplaySocket} keeps the connection open until then; a
     * write to a connection the peer already closed fails quietly).
     */
    private void abortUnlessAnswered(Exception e) {
        if (replaySocket.abortSent() || String.valueOf(e.getMessage()).contains("A-ABORT indication")) {
            return;
        }
        try {
            socket.getOutputStream().write(AssociateRequest.providerAbortPdu(0));
            socket.getOutputStream().flush();
        } catch (IOException ignored) {
            // the connection is gone: nothing to answer
        }
    }

    private static void abortQuietly(Association association) {
        try {
            association.abort();
        } catch (DicomNetworkException e) {
            log.debug("A-ABORT failed: {}", e.getMessage());
        }
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            log.debug("closing socket: {}", e.getMessage());
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Cannot delete incoming file {}: {}", file, e.getMessage());
        }
    }
}
