package org.lungcad.server.dicom;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.function.IntSupplier;
import org.lungcad.dicom.net.StorageHandler;
import org.lungcad.dicom.net.StoreRefusedException;
import org.lungcad.dicom.series.ReceivedInstance;

/**
 * The bounded analysis queue as back-pressure on the senders: while {@code lungcad.processing.max-queued-series} series
 * wait for a worker, new associations are rejected transiently (the PACS retries later) instead of filling the spool
 * faster than the node analyses. Associations already open finish their series.
 */
final class QueueBackPressure implements StorageHandler {

    private final StorageHandler spool;
    private final IntSupplier queuedSeries;
    private final int maxQueuedSeries;

    QueueBackPressure(StorageHandler spool, IntSupplier queuedSeries, int maxQueuedSeries) {
        this.spool = spool;
        this.queuedSeries = queuedSeries;
        this.maxQueuedSeries = maxQueuedSeries;
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
        int queued = queuedSeries.getAsInt();
        if (queued >= maxQueuedSeries) {
            return Optional.of("analysis queue full: " + queued + " series waiting (lungcad.processing."
                    + "max-queued-series=" + maxQueuedSeries + ")");
        }
        return spool.intakeRefusal();
    }
}
