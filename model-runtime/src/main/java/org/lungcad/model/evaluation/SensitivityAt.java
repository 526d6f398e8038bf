package org.lungcad.model.evaluation;

/** Sensitivity read off the FROC curve at a fixed average number of false positives per scan. */
public record SensitivityAt(double fpPerScan, double sensitivity) {
}
