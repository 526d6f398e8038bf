package org.lungcad.model;

import java.util.Objects;

/**
 * One term of a risk model, for the report: which factor, the value used, and what it added to the logit.
 *
 * @param factor            factor name, e.g. "age"
 * @param value             the value used, as shown to the reader, e.g. "70 years" or "62 years (default: age unknown)"
 * @param logitContribution the term's contribution to the model's logit (0 for a factor at its reference value)
 */
public record FactorContribution(String factor, String value, double logitContribution) {

    public FactorContribution {
        requireText(factor, "factor");
        requireText(value, "value");
        if (!Double.isFinite(logitContribution)) {
            throw new IllegalArgumentException("logit contribution must be finite: " + logitContribution);
        }
    }

    private static void requireText(String s, String name) {
        Objects.requireNonNull(s, name);
        if (s.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
