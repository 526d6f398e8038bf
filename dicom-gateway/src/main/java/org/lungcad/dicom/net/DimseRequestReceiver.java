package org.lungcad.dicom.net;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomOutputStream;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.network.Association;
import com.pixelmed.network.CEchoRequestCommandMessage;
import com.pixelmed.network.CStoreRequestCommandMessage;
import com.pixelmed.network.CompositeResponseHandler;
import com.pixelmed.network.DicomNetworkException;
import com.pixelmed.network.MessageServiceElementCommand;
import com.pixelmed.network.PDataPDU;
import com.pixelmed.network.PresentationDataValue;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Receives one DIMSE request (C-ECHO-RQ, or C-STORE-RQ with its data set streamed to a Part 10 file) on a
 * PixelMed association, without answering it: the caller spools the file first and then sends the response
 * with the status the spool gave.
 *
 * <p>Extends PixelMed's {@link CompositeResponseHandler} only because that is the one public subclass of
 * {@code ReceivedDataHandler} (whose constructors are package-private); everything it does is overridden.
 * A write failure (disk full) does not abort the association: the remaining fragments are read and dropped,
 * and the request is answered with a failure status.
 */
final class DimseRequestReceiver extends CompositeResponseHandler {

    private final Path dataFile;
    private final ByteArrayOutputStream commandBytes = new ByteArrayOutputStream();
    private byte presentationContextId;
    private boolean started;
    private ProtocolViolation violation;
    private CStoreRequestCommandMessage storeRequest;
    private CEchoRequestCommandMessage echoRequest;
    private OutputStream data;
    private boolean dataFileCreated;
    private IOException writeFailure;

    private final Function<Byte, String> acceptedAbstractSyntax;

    /**
     * @param dataFile               where a C-STORE data set goes; created only when one arrives
     * @param acceptedAbstractSyntax the abstract syntax negotiated for a presentation context ID, null for one that
     *                               was rejected or never proposed
     */
    DimseRequestReceiver(Path dataFile, Function<Byte, String> acceptedAbstractSyntax) {
        this.dataFile = dataFile;
        this.acceptedAbstractSyntax = acceptedAbstractSyntax;
    }

    @Override
    public void sendPDataIndication(PDataPDU pdata, Association association)
            throws DicomNetworkException, DicomException, IOException {
        try {
            receive(pdata, association);
        } catch (ProtocolViolation e) {
            // A-ABORT from here: PixelMed closes the transport connection as soon as a handler throws
            try {
                association.abort();
            } catch (DicomNetworkException alreadyGone) {
                // the requester closed first
            }
            throw e;
        }
    }

    private void receive(PDataPDU pdata, Association association)
            throws DicomNetworkException, DicomException, IOException {
        for (Object o : pdata.getPDVList()) {
            PresentationDataValue pdv = (PresentationDataValue) o;
            byte id = pdv.getPresentationContextID();
            if (acceptedAbstractSyntax.apply(id) == null) {
                throw violation("P-DATA on presentation context " + (id & 0xFF)
                        + ", which was not accepted");
            }
            if (started && id != presentationContextId) {
                throw violation("one message on presentation contexts " + (presentationContextId & 0xFF)
                        + " and " + (id & 0xFF));
            }
            started = true;
            presentationContextId = id;
            if (pdv.isCommand()) {
                commandBytes.write(pdv.getValue());
                if (pdv.isLastFragment()) {
                    commandComplete();
                }
            } else {
                dataFragment(pdv, association);
            }
        }
    }

    @Override
    protected void evaluateStatusAndSetSuccess(AttributeList list) {
        // not used: this handler receives requests, not responses
    }

    boolean isEcho() {
        return echoRequest != null;
    }

    CEchoRequestCommandMessage echoRequest() {
        return echoRequest;
    }

    CStoreRequestCommandMessage storeRequest() {
        return storeRequest;
    }

    byte presentationContextId() {
        return presentationContextId;
    }

    /**
     * Present when the requester broke the protocol. PixelMed wraps what a handler throws into a plain
     * {@code DicomNetworkException} (without the cause), so the association asks here.
     */
    Optional<ProtocolViolation> protocolViolation() {
        return Optional.ofNullable(violation);
    }

    private ProtocolViolation violation(String message) {
        violation = new ProtocolViolation(message);
        return violation;
    }

    /** Present when the data set could not be written completely. */
    Optional<IOException> writeFailure() {
        return Optional.ofNullable(writeFailure);
    }

    boolean dataFileCreated() {
        return dataFileCreated;
    }

    Path dataFile() {
        return dataFile;
    }

    /** Closes a data file left open by an association that ended mid-transfer. */
    void discard() {
        if (data != null) {
            try {
                data.close();
            } catch (IOException ignored) {
                // the partial file is deleted next
            }
            data = null;
        }
    }

    private void commandComplete() throws DicomNetworkException, DicomException, IOException {
        AttributeList command = CompositeResponseHandler.getAttributeListFromCommandOrData(
                commandBytes.toByteArray(), TransferSyntax.ImplicitVRLittleEndian);
        int field = Attribute.getSingleIntegerValueOrDefault(command, TagFromName.CommandField, 0xFFFF);
        String contextSyntax = acceptedAbstractSyntax.apply(presentationContextId);
        String affected = Attribute.getSingleStringValueOrNull(command, TagFromName.AffectedSOPClassUID);
        if (affected == null || !affected.trim().equals(contextSyntax)) {
            // PS3.7: a request's SOP Class is the abstract syntax of the context it is sent on
            throw violation("a request for SOP Class " + affected + " on presentation context "
                    + (presentationContextId & 0xFF) + ", negotiated for " + contextSyntax);
        }
        if (field == MessageServiceElementCommand.C_ECHO_RQ) {
            echoRequest = new CEchoRequestCommandMessage(command);
            setDone(true);
        } else if (field == MessageServiceElementCommand.C_STORE_RQ) {
            storeRequest = new CStoreRequestCommandMessage(command);
        } else {
            // only Verification and Storage contexts are accepted, so anything else is a protocol error
            throw violation("unsupported DIMSE command 0x" + Integer.toHexString(field));
        }
    }

    private void dataFragment(PresentationDataValue pdv, Association association) throws DicomNetworkException {
        if (storeRequest == null) {
            throw violation("data set received without a C-STORE-RQ");
        }
        if (writeFailure == null) {
            try {
                if (data == null) {
                    data = openDataFile(association);
                }
                data.write(pdv.getValue());
            } catch (IOException | DicomException e) {
                failWrite(e);
            }
        }
        if (pdv.isLastFragment()) {
            if (data != null) {
                try {
                    data.close();
                } catch (IOException e) {
                    failWrite(e);
                }
                data = null;
            }
            setDone(true);
        }
    }

    /** The meta header as PS3.10 requires, from the command; the data set follows exactly as received. */
    private OutputStream openDataFile(Association association) throws IOException, DicomException, DicomNetworkException {
        String transferSyntax = association.getTransferSyntaxForPresentationContextID(presentationContextId);
        FileMetaInformation meta = new FileMetaInformation(storeRequest.getAffectedSOPClassUID(),
                storeRequest.getAffectedSOPInstanceUID(), transferSyntax, association.getCallingAETitle());
        dataFileCreated = true;
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(dataFile), 1 << 16);
        DicomOutputStream metaOut = new DicomOutputStream(out, TransferSyntax.ExplicitVRLittleEndian, null);
        meta.getAttributeList().write(metaOut);
        metaOut.flush();
        return out;
    }

    private void failWrite(Exception e) {
        writeFailure = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        if (data != null) {
            try {
                data.close();
            } catch (IOException ignored) {
                // already failing; the file is deleted by the caller
            }
            data = null;
        }
    }
}
