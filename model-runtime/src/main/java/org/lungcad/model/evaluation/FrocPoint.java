package org.lungcad.model.evaluation;

/**
 * One point of the FROC curve: what the detector achieves when every mark scoring at or above
 * {@code threshold} is reported. The curve starts at threshold +infinity (nothing reported).
 */
public record FrocPoint(double threshold, double fpPerScan, double sensitivity) {
}
