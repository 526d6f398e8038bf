package org.lungcad.dicom.net;

import java.io.IOException;

/**
 * The destination answered the association request with A-ASSOCIATE-RJ. A permanent rejection (unknown AE
 * title) will not go away by retrying; a transient one (local limit exceeded, congestion) may.
 */
public class AssociationRejectedException extends IOException {

    private final boolean permanent;

    public AssociationRejectedException(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }
}
