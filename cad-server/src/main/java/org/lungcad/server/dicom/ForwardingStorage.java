package org.lungcad.server.dicom;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.lungcad.dicom.net.StorageHandler;
import org.lungcad.dicom.net.StoreRefusedException;
import org.lungcad.dicom.series.ReceivedInstance;

/** A storage handler that hands everything to the spool; the node's policies each override what they add. */
abstract class ForwardingStorage implements StorageHandler {

    protected final StorageHandler spool;

    ForwardingStorage(StorageHandler spool) {
        this.spool = spool;
    }

    @Override
    public Path newIncomingFile() throws IOException {
        return spool.newIncomingFile();
    }

    @Override
    public ReceivedInstance store(Path receivedFile, String callingAeTitle, Instant receivedAt)
            throws StoreRefusedException {
        return spool.store(receivedFile, callingAeTitle, receivedAt);
    }

    @Override
    public Optional<String> intakeRefusal() {
        return spool.intakeRefusal();
    }
}
