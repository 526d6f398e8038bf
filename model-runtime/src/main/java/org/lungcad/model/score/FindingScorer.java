package org.lungcad.model.score;

import java.util.List;
import java.util.Objects;
import org.lungcad.model.AlgorithmIdentity;
import org.lungcad.model.Finding;
import org.lungcad.model.Nodule;
import org.lungcad.model.PatientContext;

/**
 * Turns a scan's measured nodules into findings: Brock probability and Lung-RADS category per nodule, with the
 * algorithm's identity. The Brock nodule count is the number of nodules reported for the scan.
 */
public final class FindingScorer {

    private final BrockModel brock;
    private final LungRads lungRads;
    private final AlgorithmIdentity identity;

    public FindingScorer(BrockModel brock, LungRads lungRads, AlgorithmIdentity identity) {
        this.brock = Objects.requireNonNull(brock, "brock");
        this.lungRads = Objects.requireNonNull(lungRads, "lungRads");
        this.identity = Objects.requireNonNull(identity, "identity");
    }

    public List<Finding> score(List<Nodule> nodules, PatientContext patient) {
        Objects.requireNonNull(nodules, "nodules");
        Objects.requireNonNull(patient, "patient");
        int count = nodules.size();
        return nodules.stream()
                .map(n -> new Finding(n, brock.estimate(n, patient, count), lungRads.categorize(n), identity))
                .toList();
    }
}
