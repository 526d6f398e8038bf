package org.lungcad.model;

import java.util.List;
import java.util.Objects;

/**
 * Probability of malignancy and how each factor contributed to it.
 *
 * @param probability  in [0, 1]; 0 when {@code modelApplied} is false
 * @param factors      every term of the model including the intercept, in model order; their sum is the logit
 * @param modelApplied false when the model does not apply to this nodule (a calcified nodule is benign);
 *                     then {@code factors} holds a single note with the reason
 */
public record MalignancyEstimate(double probability, List<FactorContribution> factors, boolean modelApplied) {

    public MalignancyEstimate {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be in [0, 1]: " + probability);
        }
        factors = List.copyOf(Objects.requireNonNull(factors, "factors"));
        if (factors.isEmpty()) {
            throw new IllegalArgumentException("an estimate must say what it is based on");
        }
        if (!modelApplied && probability != 0) {
            throw new IllegalArgumentException("a model that was not applied gives no probability");
        }
    }

    /** An estimate for a nodule the model does not apply to; the reason is the one factor reported. */
    public static MalignancyEstimate notApplicable(String factor, String reason) {
        return new MalignancyEstimate(0, List.of(new FactorContribution(factor, reason, 0)), false);
    }

    /** Sum of the factors' contributions: the model's logit (meaningless when the model was not applied). */
    public double logit() {
        return factors.stream().mapToDouble(FactorContribution::logitContribution).sum();
    }
}
