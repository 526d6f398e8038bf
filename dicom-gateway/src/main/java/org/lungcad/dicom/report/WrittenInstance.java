package org.lungcad.dicom.report;

import java.nio.file.Path;
import java.util.Objects;

/** A DICOM file a writer produced, with what a sender and a job record need to know about it. */
public record WrittenInstance(Path file, String sopClassUid, String sopInstanceUid, String seriesInstanceUid) {

    public WrittenInstance {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sopClassUid, "sopClassUid");
        Objects.requireNonNull(sopInstanceUid, "sopInstanceUid");
        Objects.requireNonNull(seriesInstanceUid, "seriesInstanceUid");
    }
}
