package org.lungcad.dicom.net;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.lungcad.dicom.series.ReceivedInstance;

/**
 * Where the Storage SCP puts what it receives. A C-STORE is answered with success only after {@link #store}
 * returned, so an implementation must have made the instance durable by then.
 */
public interface StorageHandler {

    /** A fresh file for an instance being received, on the file system {@link #store} moves it within. */
    Path newIncomingFile() throws IOException;

    /**
     * Takes a fully received Part 10 file.
     *
     * @param receivedFile   the file as written by the receiver; moved away on success, left in place on refusal
     * @param callingAeTitle the sender
     * @param receivedAt     when reception completed
     * @throws StoreRefusedException with the status and Error Comment the sender gets
     */
    ReceivedInstance store(Path receivedFile, String callingAeTitle, Instant receivedAt) throws StoreRefusedException;

    /**
     * Why no new association should be accepted now (back-pressure, e.g. a full analysis queue), or empty. Asked once
     * per A-ASSOCIATE-RQ; a reason answers it with A-ASSOCIATE-RJ rejected-transient, local limit exceeded, so that
     * the sender retries later. Associations already open go on.
     */
    default Optional<String> intakeRefusal() {
        return Optional.empty();
    }
}
