package org.lungcad.model;

import java.util.Objects;

/** A reported nodule: what was measured, how it scores, and which algorithm said so. */
public record Finding(Nodule nodule, MalignancyEstimate malignancy, LungRadsCategory lungRads, AlgorithmIdentity algorithm) {

    public Finding {
        Objects.requireNonNull(nodule, "nodule");
        Objects.requireNonNull(malignancy, "malignancy");
        Objects.requireNonNull(lungRads, "lungRads");
        Objects.requireNonNull(algorithm, "algorithm");
    }
}
