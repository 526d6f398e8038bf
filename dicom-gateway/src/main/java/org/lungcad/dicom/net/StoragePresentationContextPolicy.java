package org.lungcad.dicom.net;

import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.network.PresentationContext;
import com.pixelmed.network.PresentationContextSelectionPolicy;

import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Accepts the Verification SOP Class and every Storage SOP Class PixelMed knows, each with one of the transfer
 * syntaxes in {@link #ACCEPTED}, the first the requester lists (files are stored as received, never transcoded).
 * One instance per association: it remembers which contexts it accepted, so that a request on any other is refused.
 */
final class StoragePresentationContextPolicy implements PresentationContextSelectionPolicy {

    static final Set<String> ACCEPTED = Set.of(
            TransferSyntax.ExplicitVRLittleEndian,
            TransferSyntax.ImplicitVRLittleEndian,
            TransferSyntax.JPEG2000Lossless,          // 1.2.840.10008.1.2.4.90
            TransferSyntax.JPEGLosslessSV1,           // 1.2.840.10008.1.2.4.70
            TransferSyntax.JPEGLossless,              // 1.2.840.10008.1.2.4.57
            TransferSyntax.RLE,                       // 1.2.840.10008.1.2.5
            TransferSyntax.DeflatedExplicitVRLittleEndian,
            TransferSyntax.ExplicitVRBigEndian,
            TransferSyntax.JPEG2000,                  // 1.2.840.10008.1.2.4.91
            TransferSyntax.JPEGBaseline,              // 1.2.840.10008.1.2.4.50
            TransferSyntax.JPEGExtended);             // 1.2.840.10008.1.2.4.51

    private static final byte ACCEPTANCE = 0;
    private static final byte ABSTRACT_SYNTAX_NOT_SUPPORTED = 3;
    private static final byte TRANSFER_SYNTAXES_NOT_SUPPORTED = 4;

    /** Accepted presentation context ID to its abstract syntax. */
    private final Map<Byte, String> accepted = new ConcurrentHashMap<>();

    @Override
    public LinkedList applyPresentationContextSelectionPolicy(LinkedList presentationContexts, int associationNumber) {
        accepted.clear();
        for (Object o : presentationContexts) {
            PresentationContext pc = (PresentationContext) o;
            String abstractSyntax = unpadded(pc.getAbstractSyntaxUID());
            pc.setAbstractSyntaxUID(abstractSyntax);
            if (!isAcceptedAbstractSyntax(abstractSyntax)) {
                pc.setResultReason(ABSTRACT_SYNTAX_NOT_SUPPORTED);
                continue;
            }
            // the requester's own order: it lists first what it has, e.g. JPEG 2000 before the uncompressed
            // fallbacks it would have to decompress to (and storescu cannot decompress JPEG 2000)
            List<?> offered = new ArrayList<>(pc.getTransferSyntaxUIDs());
            String chosen = offered.stream().filter(Objects::nonNull).map(uid -> unpadded((String) uid))
                    .filter(ACCEPTED::contains).findFirst().orElse(null);
            pc.newTransferSyntaxUIDs();
            if (chosen == null) {
                pc.setResultReason(TRANSFER_SYNTAXES_NOT_SUPPORTED);
            } else {
                pc.addTransferSyntaxUID(chosen);
                pc.setResultReason(ACCEPTANCE);
                accepted.put(pc.getIdentifier(), abstractSyntax);
            }
        }
        return presentationContexts;
    }

    @Override
    public LinkedList applyPresentationContextSelectionPolicy(LinkedList presentationContexts, int associationNumber,
                                                              int debugLevel) {
        return applyPresentationContextSelectionPolicy(presentationContexts, associationNumber);
    }

    /** The abstract syntax of an accepted presentation context, or null when it was rejected or never proposed. */
    String acceptedAbstractSyntax(byte presentationContextId) {
        return accepted.get(presentationContextId);
    }

    /**
     * PS3.8 Annex F: UIDs in association items are not padded, but some implementations pad them to even length
     * with a NUL as in a data set (Orthanc and dcmtk accept that); PixelMed keeps the NUL, so the UID would match
     * nothing.
     */
    static String unpadded(String uid) {
        if (uid == null) {
            return null;
        }
        int end = uid.length();
        while (end > 0 && (uid.charAt(end - 1) == 0 || uid.charAt(end - 1) == ' ')) {
            end--;
        }
        return uid.substring(0, end);
    }

    static boolean isAcceptedAbstractSyntax(String uid) {
        return uid != null && (SOPClass.Verification.equals(uid) || SOPClass.isStorage(uid));
    }
}
