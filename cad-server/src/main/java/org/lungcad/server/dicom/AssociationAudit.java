package org.lungcad.server.dicom;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Locale;
import org.lungcad.dicom.net.AssociateReject;
import org.lungcad.dicom.net.AssociationListener;
import org.lungcad.dicom.net.AssociationSummary;
import org.lungcad.server.audit.AuditEvent;
import org.lungcad.server.audit.AuditEventType;
import org.lungcad.server.audit.AuditTrail;

/**
 * The Storage SCP's associations into the audit trail (who, from where, accepted or refused and why, how many
 * instances) and into metrics ({@code lungcad.associations.accepted}, {@code lungcad.associations.rejected} by reason).
 */
final class AssociationAudit implements AssociationListener {

    private final AuditTrail audit;
    private final Clock clock;
    private final MeterRegistry meters;

    AssociationAudit(AuditTrail audit, Clock clock, MeterRegistry meters) {
        this.audit = audit;
        this.clock = clock;
        this.meters = meters;
    }

    @Override
    public void opened(AssociationSummary association) {
        meters.counter("lungcad.associations.accepted").increment();
        record(AuditEventType.ASSOCIATION_ACCEPTED, AuditEvent.Outcome.SUCCESS, association, null);
    }

    @Override
    public void closed(AssociationSummary association) {
        AuditEvent.Outcome outcome = association.outcome() == AssociationSummary.Outcome.RELEASED
                ? AuditEvent.Outcome.SUCCESS : AuditEvent.Outcome.MINOR_FAILURE;
        record(AuditEventType.ASSOCIATION_CLOSED, outcome, association, String.format(Locale.ROOT,
                "%s after %d ms: %d instance(s) stored, %d refused",
                association.outcome().name().toLowerCase(Locale.ROOT), association.duration().toMillis(),
                association.instancesReceived(), association.instancesFailed()));
    }

    @Override
    public void rejected(AssociationSummary association, AssociateReject reason) {
        String code = reason.name().toLowerCase(Locale.ROOT).replace('_', '-');
        meters.counter("lungcad.associations.rejected", "reason", code).increment();
        record(AuditEventType.ASSOCIATION_REJECTED, AuditEvent.Outcome.MINOR_FAILURE, association, code);
    }

    private void record(AuditEventType type, AuditEvent.Outcome outcome, AssociationSummary association,
                        String description) {
        audit.record(AuditEvent.of(clock.instant(), type, AuditEvent.Action.E, outcome)
                .withDescription(description)
                .withParticipants(new AuditEvent.Participant(association.callingAeTitle(), association.remoteAddress()),
                        AuditEvent.Participant.ae(association.calledAeTitle())));
    }
}
