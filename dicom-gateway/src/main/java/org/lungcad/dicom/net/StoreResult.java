package org.lungcad.dicom.net;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of sending files to one destination on one association, one entry per file in the order given.
 *
 * @param destination where the files were sent
 * @param outcomes    one per file
 */
public record StoreResult(DicomNode destination, List<InstanceOutcome> outcomes) {

    /** Marks an instance that got no C-STORE response (not sent, or the association broke first). */
    public static final int NO_RESPONSE = -1;

    public StoreResult {
        Objects.requireNonNull(destination, "destination");
        outcomes = List.copyOf(outcomes);
    }

    /**
     * One file's outcome.
     *
     * @param file           the file sent
     * @param sopInstanceUid its SOP Instance UID, empty if the file could not be read
     * @param status         the DIMSE status of the C-STORE response, or {@link #NO_RESPONSE}
     * @param detail         why it failed: the destination's Error Comment, or what went wrong when no response came;
     *                       empty otherwise
     */
    public record InstanceOutcome(Path file, String sopInstanceUid, int status, String detail) {

        public InstanceOutcome {
            Objects.requireNonNull(file, "file");
            sopInstanceUid = sopInstanceUid == null ? "" : sopInstanceUid;
            detail = detail == null ? "" : detail;
        }

        /** Success or warning: the destination has the instance (PS3.7 C.4.2.1.4). */
        public boolean success() {
            return DimseStatus.isSuccessOrWarning(status);
        }
    }

    public int successCount() {
        return (int) outcomes.stream().filter(InstanceOutcome::success).count();
    }

    public int failureCount() {
        return outcomes.size() - successCount();
    }

    public boolean allSucceeded() {
        return failureCount() == 0;
    }
}
