package org.lungcad.server.dicom;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.lungcad.dicom.net.DimseStatus;
import org.lungcad.dicom.net.StorageHandler;
import org.lungcad.dicom.net.StoreRefusedException;
import org.lungcad.dicom.series.ReceivedInstance;
import org.lungcad.server.audit.AuditEvent;
import org.lungcad.server.audit.AuditEventType;
import org.lungcad.server.audit.AuditTrail;

/**
 * The spool with refusals in the audit trail: every C-STORE answered with a failure status, except that a run of Out
 * of Resources refusals (the storage floor) is one event when it starts and one when the space is back.
 */
final class AuditedStorage extends ForwardingStorage {

    private final String aeTitle;
    private final AuditTrail audit;
    private final Clock clock;
    private final AtomicBoolean outOfResources = new AtomicBoolean();

    AuditedStorage(StorageHandler spool, String aeTitle, AuditTrail audit, Clock clock) {
        super(spool);
        this.aeTitle = aeTitle;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public ReceivedInstance store(Path receivedFile, String callingAeTitle, Instant receivedAt)
            throws StoreRefusedException {
        try {
            ReceivedInstance stored = spool.store(receivedFile, callingAeTitle, receivedAt);
            if (outOfResources.compareAndSet(true, false)) {
                audit.record(AuditEvent.of(clock.instant(), AuditEventType.STORAGE_RECOVERED, AuditEvent.Action.E,
                                AuditEvent.Outcome.SUCCESS)
                        .withDescription("instances are stored again")
                        .withParticipants(null, AuditEvent.Participant.ae(aeTitle)));
            }
            return stored;
        } catch (StoreRefusedException e) {
            boolean floor = e.status() == DimseStatus.OUT_OF_RESOURCES;
            if (!floor || outOfResources.compareAndSet(false, true)) {
                audit.record(AuditEvent.of(clock.instant(), AuditEventType.INSTANCE_REFUSED, AuditEvent.Action.C,
                                floor ? AuditEvent.Outcome.SERIOUS_FAILURE : AuditEvent.Outcome.MINOR_FAILURE)
                        .withDescription(DimseStatus.toHex(e.status()) + " " + e.getMessage()
                                + (floor ? " (further refusals for space are not repeated)" : ""))
                        .withParticipants(AuditEvent.Participant.ae(callingAeTitle),
                                AuditEvent.Participant.ae(aeTitle)));
            }
            throw e;
        }
    }
}
