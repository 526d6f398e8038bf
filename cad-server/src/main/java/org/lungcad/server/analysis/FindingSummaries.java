package org.lungcad.server.analysis;

import java.util.List;
import java.util.stream.IntStream;
import org.lungcad.model.Finding;
import org.lungcad.model.Nodule;

/** Detector findings → the persisted summaries, numbered "Nodule 1…n" in the detector's order (highest score first). */
public final class FindingSummaries {

    private FindingSummaries() {
    }

    public static List<FindingSummary> of(List<Finding> findings) {
        return IntStream.range(0, findings.size()).mapToObj(i -> of("Nodule " + (i + 1), findings.get(i))).toList();
    }

    static FindingSummary of(String id, Finding f) {
        Nodule n = f.nodule();
        return new FindingSummary(id, n.centerLps(), n.longAxisMm(), n.shortAxisMm(), n.meanDiameterMm(),
                n.volumeMm3(), n.meanHu(), n.type().name(), n.lobe().name(), n.detectionScore(),
                f.malignancy().modelApplied() ? f.malignancy().probability() : null,
                f.malignancy().factors().stream()
                        .map(c -> new FindingSummary.Factor(c.factor(), c.value(), c.logitContribution())).toList(),
                f.lungRads().code());
    }
}
