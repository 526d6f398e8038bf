package org.lungcad.server.audit;

/** Where audit events go. Implementations never throw: an audit failure is logged, the work goes on. */
@FunctionalInterface
public interface AuditTrail {

    /** Records nothing: offline commands and tests that do not look at the trail. */
    AuditTrail NONE = event -> {
    };

    void record(AuditEvent event);
}
