package org.lungcad.dicom.net;

import java.time.Duration;

/**
 * What is known about one association at an event: who, from where, how many instances, how long.
 *
 * @param instancesReceived C-STOREs answered with success
 * @param instancesFailed   C-STOREs answered with a failure status
 */
public record AssociationSummary(
        String callingAeTitle,
        String calledAeTitle,
        String remoteAddress,
        Outcome outcome,
        int instancesReceived,
        int instancesFailed,
        Duration duration) {

    /** How the association is, or ended. */
    public enum Outcome { OPEN, RELEASED, ABORTED, REJECTED }
}
