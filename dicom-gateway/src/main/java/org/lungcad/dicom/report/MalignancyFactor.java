package org.lungcad.dicom.report;

import java.util.Objects;

/**
 * One term of the malignancy model, so that the report explains its probability.
 *
 * @param name              the factor, e.g. "Age"
 * @param valueText         its value as used, e.g. "62 years"
 * @param logitContribution what it adds to the model's logit
 */
public record MalignancyFactor(String name, String valueText, double logitContribution) {

    public MalignancyFactor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(valueText, "valueText");
        if (!Double.isFinite(logitContribution)) {
            throw new IllegalArgumentException("logit contribution must be finite");
        }
    }
}
