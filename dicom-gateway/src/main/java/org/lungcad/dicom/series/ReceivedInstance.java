package org.lungcad.dicom.series;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * One DICOM instance that is safely on disk (spooled and fsync'd) with the key attributes needed to
 * route it, read once at reception so that later stages need not re-parse the file to group it.
 */
public record ReceivedInstance(
        Path file,
        String studyInstanceUid,
        String seriesInstanceUid,
        String sopInstanceUid,
        String sopClassUid,
        String modality,
        String transferSyntaxUid,
        String callingAeTitle,
        Instant receivedAt) {

    public ReceivedInstance {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(studyInstanceUid, "studyInstanceUid");
        Objects.requireNonNull(seriesInstanceUid, "seriesInstanceUid");
        Objects.requireNonNull(sopInstanceUid, "sopInstanceUid");
        Objects.requireNonNull(sopClassUid, "sopClassUid");
        Objects.requireNonNull(receivedAt, "receivedAt");
        modality = modality == null ? "" : modality;
        transferSyntaxUid = transferSyntaxUid == null ? "" : transferSyntaxUid;
        callingAeTitle = callingAeTitle == null ? "" : callingAeTitle;
    }
}
