package org.lungcad.dicom.net;

import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.network.PresentationContext;
import org.junit.jupiter.api.Test;

import java.util.LinkedList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StoragePresentationContextPolicyTest {

    private final StoragePresentationContextPolicy policy = new StoragePresentationContextPolicy();

    @Test
    void acceptsStorageAndVerificationWithTheFirstAcceptableSyntaxTheRequesterLists() {
        PresentationContext j2k = context(1, SOPClass.CTImageStorage,
                TransferSyntax.JPEG2000Lossless, TransferSyntax.ExplicitVRLittleEndian);
        PresentationContext enhanced = context(3, SOPClass.EnhancedCTImageStorage,
                TransferSyntax.JPEGLS, TransferSyntax.ImplicitVRLittleEndian);
        PresentationContext privateStorage = context(5, "1.3.12.2.1107.5.9.1", TransferSyntax.ExplicitVRLittleEndian);
        PresentationContext echo = context(7, SOPClass.Verification, TransferSyntax.ImplicitVRLittleEndian);

        policy.applyPresentationContextSelectionPolicy(new LinkedList<>(List.of(j2k, enhanced, privateStorage, echo)), 0);

        assertThat(j2k.getResultReason()).isZero();
        assertThat(j2k.getTransferSyntaxUID()).isEqualTo(TransferSyntax.JPEG2000Lossless);
        assertThat(enhanced.getResultReason()).isZero();
        assertThat(enhanced.getTransferSyntaxUID()).isEqualTo(TransferSyntax.ImplicitVRLittleEndian);
        assertThat(privateStorage.getResultReason()).isZero();
        assertThat(echo.getResultReason()).isZero();
    }

    @Test
    void rejectsQueryRetrieveAndUnsupportedTransferSyntaxes() {
        PresentationContext find = context(1, SOPClass.StudyRootQueryRetrieveInformationModelFind,
                TransferSyntax.ExplicitVRLittleEndian);
        PresentationContext jpegLs = context(3, SOPClass.CTImageStorage, TransferSyntax.JPEGLS);

        policy.applyPresentationContextSelectionPolicy(new LinkedList<>(List.of(find, jpegLs)), 0);

        assertThat(find.getResultReason()).as("abstract syntax not supported").isEqualTo((byte) 3);
        assertThat(jpegLs.getResultReason()).as("transfer syntaxes not supported").isEqualTo((byte) 4);
    }

    private static PresentationContext context(int id, String abstractSyntax, String... transferSyntaxes) {
        return new PresentationContext((byte) id, abstractSyntax, new LinkedList<>(List.of(transferSyntaxes)));
    }
}
