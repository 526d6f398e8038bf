package org.lungcad.dicom.net;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.DicomOutputStream;
import com.pixelmed.dicom.DicomStreamCopier;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.network.AReleaseException;
import com.pixelmed.network.Association;
import com.pixelmed.network.AssociationFactory;
import com.pixelmed.network.CEchoRequestCommandMessage;
import com.pixelmed.network.CStoreRequestCommandMessage;
import com.pixelmed.network.DicomNetworkException;
import com.pixelmed.network.PresentationContext;
import com.pixelmed.utils.CopyStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Storage SCU and Verification SCU over PixelMed's association, one association per call and no retries
 * (the caller decides whether and when to retry, from the per-instance statuses).
 *
 * <p>PixelMed connects with a plain {@code new Socket(host, port)}: no connect timeout (the operating system's
 * applies to an unreachable host) and no timeout while negotiating; after negotiation the read timeout given
 * here applies.
 *
 * <p>Each file's SOP class is proposed with its own transfer syntax and, as a fallback for uncompressed
 * files, Explicit and Implicit VR Little Endian; files are sent as they are, converted only between
 * uncompressed transfer syntaxes.
 */
public final class StorageScu {

    private static final Logger log = LoggerFactory.getLogger(StorageScu.class);

    /** PixelMed's limit as well as PS3.8's: presentation context IDs are odd numbers 1..255. */
    private static final int MAX_PRESENTATION_CONTEXTS = 128;
    private static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);

    private final Duration readTimeout;

    /** With a 60 s read timeout. */
    public StorageScu() {
        this(DEFAULT_READ_TIMEOUT);
    }

    /**
     * @param readTimeout longest wait for the destination once the association is up (e.g. for a C-STORE
     *                    response); the instance then counts as not stored and the association is dropped
     */
    public StorageScu(Duration readTimeout) {
        Objects.requireNonNull(readTimeout, "readTimeout");
        if (readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("readTimeout must be positive: " + readTimeout);
        }
        this.readTimeout = readTimeout;
    }

    /**
     * Sends the files on one association and reports each file's C-STORE status.
     *
     * @throws AssociationRejectedException if the destination rejected the association
     * @throws IOException if no association could be established (refused, unreachable), with the
     *                     destination in the message; failures of single instances are in the result instead
     */
    public StoreResult store(DicomNode destination, String callingAeTitle, List<Path> files) throws IOException {
        Objects.requireNonNull(destination, "destination");
        StorageScpConfig.requireAeTitle(callingAeTitle, "callingAeTitle");
        List<StoreResult.InstanceOutcome> outcomes = new ArrayList<>();
        List<OutgoingFile> sendable = new ArrayList<>();
        for (Path file : files) {
            try {
                sendable.add(OutgoingFile.read(file));
            } catch (IOException | DicomException e) {
                outcomes.add(new StoreResult.InstanceOutcome(file, "", StoreResult.NO_RESPONSE,
                        "cannot read DICOM file: " + e.getMessage()));
            }
        }
        if (sendable.isEmpty()) {
            return new StoreResult(destination, outcomes);
        }
        Association association = open(destination, callingAeTitle, presentationContexts(sendable));
        PixelMedTuning.setReadTimeout(association, readTimeout);
        String broken = null;
        for (OutgoingFile file : sendable) {
            if (broken != null) {
                outcomes.add(file.outcome(StoreResult.NO_RESPONSE, "not sent: " + broken));
                continue;
            }
            try {
                outcomes.add(send(association, file));
            } catch (DicomNetworkException e) {
                broken = "association to " + destination + " broke: " + e.getMessage();
                outcomes.add(file.outcome(StoreResult.NO_RESPONSE, broken));
            } catch (IOException | DicomException e) {
                // a local read problem mid-send leaves the data stream unusable: stop here
                broken = "sending " + file.path().getFileName() + " failed: " + e.getMessage();
                outcomes.add(file.outcome(StoreResult.NO_RESPONSE, broken));
                abortQuietly(association);
            }
        }
        if (broken == null) {
            releaseQuietly(association, destination);
        }
        StoreResult result = new StoreResult(destination, order(files, outcomes));
        log.info("C-STORE to {}: {} of {} instance(s) stored", destination, result.successCount(), files.size());
        return result;
    }

    /**
     * C-ECHO on its own association.
     *
     * @throws AssociationRejectedException if the destination rejected the association
     * @throws IOException if the association fails or the echo is not answered with success
     */
    public void echo(DicomNode destination, String callingAeTitle) throws IOException {
        Objects.requireNonNull(destination, "destination");
        StorageScpConfig.requireAeTitle(callingAeTitle, "callingAeTitle");
        LinkedList<PresentationContext> contexts = new LinkedList<>();
        contexts.add(new PresentationContext((byte) 1, SOPClass.Verification, TransferSyntax.ImplicitVRLittleEndian));
        Association association = open(destination, callingAeTitle, contexts);
        PixelMedTuning.setReadTimeout(association, readTimeout);
        DimseResponseReceiver response = new DimseResponseReceiver();
        try {
            association.setReceivedDataHandler(response);
            association.send(association.getSuitablePresentationContextID(SOPClass.Verification),
                    new CEchoRequestCommandMessage().getBytes(), null);
            association.waitForCommandPDataPDUs();
        } catch (DicomNetworkException | AReleaseException e) {
            throw new IOException("C-ECHO to " + destination + " failed: " + e.getMessage(), e);
        } catch (DicomException e) {
            abortQuietly(association);
            throw new IOException("C-ECHO to " + destination + " failed: " + e.getMessage(), e);
        }
        releaseQuietly(association, destination);
        if (response.getStatus() != DimseStatus.SUCCESS) {
            throw new IOException("C-ECHO to " + destination + " answered with status "
                    + DimseStatus.toHex(response.getStatus()));
        }
    }

    static Association open(DicomNode destination, String callingAeTitle, LinkedList<PresentationContext> contexts)
            throws IOException {
        try {
            return AssociationFactory.createNewAssociation(destination.host(), destination.port(),
                    destination.aeTitle(), callingAeTitle, contexts, null, false);
        } catch (DicomNetworkException e) {
            throw failure("association to " + destination, e);
        } catch (IOException e) {
            throw new IOException("association to " + destination + " failed: " + e, e);
        }
    }

    /**
     * PixelMed reports A-ASSOCIATE-RJ, refused connections and aborts all as DicomNetworkException; only the
     * message tells them apart (its A-ASSOCIATE-RJ text names "rejected-permanent" or "rejected-transient").
     */
    static IOException failure(String what, DicomNetworkException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("rejected-permanent")) {
            return new AssociationRejectedException(what + " rejected: " + message, true, e);
        }
        if (message.contains("rejected-transient")) {
            return new AssociationRejectedException(what + " rejected: " + message, false, e);
        }
        return new IOException(what + " failed: " + message, e);
    }

    private static StoreResult.InstanceOutcome send(Association association, OutgoingFile file)
            throws DicomNetworkException, DicomException, IOException {
        byte contextId;
        try {
            contextId = association.getSuitablePresentationContextID(file.sopClassUid(), file.transferSyntaxUid());
        } catch (DicomNetworkException exactNotAccepted) {
            if (TransferSyntax.isEncapsulated(file.transferSyntaxUid())) {
                return file.outcome(StoreResult.NO_RESPONSE, "destination accepted neither SOP class "
                        + file.sopClassUid() + " nor transfer syntax " + file.transferSyntaxUid());
            }
            try {
                contextId = association.getSuitablePresentationContextID(file.sopClassUid());
            } catch (DicomNetworkException none) {
                return file.outcome(StoreResult.NO_RESPONSE, "destination did not accept SOP class " + file.sopClassUid());
            }
        }
        String targetSyntax = association.getTransferSyntaxForPresentationContextID(contextId);
        if (!targetSyntax.equals(file.transferSyntaxUid()) && TransferSyntax.isEncapsulated(targetSyntax)) {
            return file.outcome(StoreResult.NO_RESPONSE, "destination only accepted " + targetSyntax
                    + " for SOP class " + file.sopClassUid() + "; no transcoding");
        }
        DimseResponseReceiver response = new DimseResponseReceiver();
        association.setReceivedDataHandler(response);
        association.send(contextId,
                new CStoreRequestCommandMessage(file.sopClassUid(), file.sopInstanceUid()).getBytes(), null);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file.path()));
             DicomInputStream din = new DicomInputStream(in)) {
            new AttributeList().readOnlyMetaInformationHeader(din);
            OutputStream out = association.getAssociationOutputStream(contextId);
            if (targetSyntax.equals(file.transferSyntaxUid())) {
                CopyStream.copy(din, out);
            } else {
                new DicomStreamCopier(din, new DicomOutputStream(out, null, targetSyntax));
            }
            out.close();
        }
        try {
            association.waitForCommandPDataPDUs();
        } catch (AReleaseException e) {
            throw new DicomNetworkException("destination released the association instead of answering");
        }
        return file.outcome(response.getStatus(), response.errorComment());
    }

    private static LinkedList<PresentationContext> presentationContexts(List<OutgoingFile> files) throws IOException {
        Map<String, Set<String>> syntaxesBySopClass = new LinkedHashMap<>();
        for (OutgoingFile f : files) {
            syntaxesBySopClass.computeIfAbsent(f.sopClassUid(), k -> new LinkedHashSet<>()).add(f.transferSyntaxUid());
        }
        LinkedList<PresentationContext> contexts = new LinkedList<>();
        int id = 1;
        for (Map.Entry<String, Set<String>> e : syntaxesBySopClass.entrySet()) {
            for (String syntax : e.getValue()) {
                if (!isLittleEndianUncompressed(syntax)) {
                    contexts.add(new PresentationContext((byte) id, e.getKey(), syntax));
                    id += 2;
                }
            }
            LinkedList<String> uncompressed = new LinkedList<>(
                    List.of(TransferSyntax.ExplicitVRLittleEndian, TransferSyntax.ImplicitVRLittleEndian));
            contexts.add(new PresentationContext((byte) id, e.getKey(), uncompressed));
            id += 2;
        }
        if (contexts.size() > MAX_PRESENTATION_CONTEXTS) {
            throw new IOException("too many SOP class / transfer syntax combinations for one association: "
                    + contexts.size());
        }
        return contexts;
    }

    private static boolean isLittleEndianUncompressed(String syntax) {
        return TransferSyntax.ExplicitVRLittleEndian.equals(syntax) || TransferSyntax.ImplicitVRLittleEndian.equals(syntax);
    }

    private static List<StoreResult.InstanceOutcome> order(List<Path> files, List<StoreResult.InstanceOutcome> outcomes) {
        List<StoreResult.InstanceOutcome> ordered = new ArrayList<>(outcomes.size());
        List<StoreResult.InstanceOutcome> remaining = new ArrayList<>(outcomes);
        for (Path file : files) {
            for (int i = 0; i < remaining.size(); i++) {
                if (remaining.get(i).file().equals(file)) {
                    ordered.add(remaining.remove(i));
                    break;
                }
            }
        }
        return ordered;
    }

    static void releaseQuietly(Association association, DicomNode destination) {
        try {
            association.release();
        } catch (DicomNetworkException e) {
            log.warn("A-RELEASE with {} failed after all requests were answered: {}", destination, e.getMessage());
        }
    }

    static void abortQuietly(Association association) {
        try {
            association.abort();
        } catch (DicomNetworkException e) {
            log.debug("A-ABORT failed: {}", e.getMessage());
        }
    }

    /** What the association needs to know about a file before sending it, from its meta header. */
    private record OutgoingFile(Path path, String sopClassUid, String sopInstanceUid, String transferSyntaxUid) {

        static OutgoingFile read(Path path) throws IOException, DicomException {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(path));
                 DicomInputStream din = new DicomInputStream(in)) {
                if (!din.haveMetaHeader()) {
                    throw new DicomException("no DICOM file meta information");
                }
                AttributeList meta = new AttributeList();
                meta.readOnlyMetaInformationHeader(din);
                String sopClass = Attribute.getSingleStringValueOrNull(meta, TagFromName.MediaStorageSOPClassUID);
                String sopInstance = Attribute.getSingleStringValueOrNull(meta, TagFromName.MediaStorageSOPInstanceUID);
                String syntax = Attribute.getSingleStringValueOrNull(meta, TagFromName.TransferSyntaxUID);
                if (sopClass == null || sopInstance == null || syntax == null) {
                    throw new DicomException("meta header lacks SOP class, SOP instance or transfer syntax UID");
                }
                return new OutgoingFile(path, sopClass.trim(), sopInstance.trim(), syntax.trim());
            }
        }

        StoreResult.InstanceOutcome outcome(int status, String detail) {
            return new StoreResult.InstanceOutcome(path, sopInstanceUid, status, detail);
        }
    }
}
