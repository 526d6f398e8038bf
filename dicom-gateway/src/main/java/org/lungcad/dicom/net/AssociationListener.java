package org.lungcad.dicom.net;

/**
 * Observes the Storage SCP's associations, e.g. for metrics. Called on association threads: keep it quick
 * and do not throw (exceptions are logged and ignored).
 */
public interface AssociationListener {

    /** Does nothing. */
    AssociationListener NONE = new AssociationListener() {
    };

    /** An association was accepted (A-ASSOCIATE-AC sent). */
    default void opened(AssociationSummary association) {
    }

    /** An association ended: released, aborted or lost; instances acknowledged before the end are kept. */
    default void closed(AssociationSummary association) {
    }

    /** An association request was answered with A-ASSOCIATE-RJ. */
    default void rejected(AssociationSummary association, AssociateReject reason) {
    }
}
