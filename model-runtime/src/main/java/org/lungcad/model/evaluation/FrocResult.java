package org.lungcad.model.evaluation;

import java.util.List;
import java.util.Objects;

/**
 * The LUNA16 FROC analysis.
 *
 * @param curve         one point per distinct score, thresholds descending, starting at (+inf, 0, 0)
 * @param sensitivities sensitivity at 1/8, 1/4, 1/2, 1, 2, 4 and 8 FPs per scan
 * @param cpm           competition performance metric: the mean of {@code sensitivities}
 * @param nodules       reference nodules scored (the sensitivity denominator)
 * @param scans         scans scored (the FP-rate denominator)
 */
public record FrocResult(List<FrocPoint> curve, List<SensitivityAt> sensitivities, double cpm, int nodules, int scans) {

    public FrocResult {
        curve = List.copyOf(Objects.requireNonNull(curve, "curve"));
        sensitivities = List.copyOf(Objects.requireNonNull(sensitivities, "sensitivities"));
    }
}
