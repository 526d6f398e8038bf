package org.lungcad.server.dicom;

import java.util.Optional;
import java.util.function.IntSupplier;
import org.lungcad.dicom.net.StorageHandler;

/**
 * The bounded analysis queue as back-pressure on the senders: while {@code lungcad.processing.max-queued-series} series
 * wait for a worker, new associations are rejected transiently (the PACS retries later) instead of filling the spool
 * faster than the node analyses. Associations already open finish their series.
 */
final class QueueBackPressure extends ForwardingStorage {

    private final IntSupplier queuedSeries;
    private final int maxQueuedSeries;

    QueueBackPressure(StorageHandler spool, IntSupplier queuedSeries, int maxQueuedSeries) {
        super(spool);
        this.queuedSeries = queuedSeries;
        this.maxQueuedSeries = maxQueuedSeries;
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
