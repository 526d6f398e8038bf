package org.lungcad.model.detect;

import java.util.Objects;
import org.lungcad.model.measure.NoduleMeasurements;

/**
 * A transparent, hand-set logistic detection score: {@code 1 / (1 + exp(-z))} with z a weighted sum
 * of features a reader can check. Not trained: the weights encode what a nodule looks like (a strong,
 * round, compact blob of nodule size inside the lung) against the usual false positives (vessel
 * crossings: elongated, leaking to the patch border; pleura and bone: outside the lung, very dense).
 * To be replaced by a fitted model once labelled scans exist; keep {@link Weights} as its baseline.
 */
public final class DetectionScorer {

    /**
     * Weights of the logistic score; each feature is centred so that 0 is "undecided".
     *
     * @param bias          z of an average candidate
     * @param response      per doubling of the dot response over 0.1
     * @param blobRatio     per unit of (lambda1/lambda3 - 0.5)
     * @param sphericity    per unit of (sphericity - 0.7)
     * @param elongation    per unit of (elongation - 1.6), negative
     * @param inLung        per unit of (fraction in lung - 0.8)
     * @param leak          added when the segmentation reached the patch border
     * @param outOfSize     added when the mean diameter is outside 3..35 mm
     * @param dense         added when the mean HU is above +300 (bone, contrast, calcified)
     * @param junction      per branch beyond two leaving a blob under {@link #JUNCTION_MAX_MM} through the sphere
     *                      just outside it ({@link ShellStructure}): a vessel junction or branch point, negative
     */
    public record Weights(double bias, double response, double blobRatio, double sphericity, double elongation,
                          double inLung, double leak, double outOfSize, double dense, double junction) {

        public static final Weights DEFAULT = new Weights(0.5, 1.2, 2.0, 4.0, -2.0, 3.0, -2.0, -3.0, -1.0, -1.5);

        public Weights {
            for (double w : new double[] {bias, response, blobRatio, sphericity, elongation, inLung, leak, outOfSize, dense,
                junction}) {
                if (!Double.isFinite(w)) {
                    throw new IllegalArgumentException("weights must be finite");
                }
            }
        }
    }

    /**
     * Blobs from this size keep their junction score: the shell of a large nodule crosses the vessels and walls it
     * abuts (LIDC-IDRI-0001's 24 mm nodule has seven branches), which says nothing about a vessel junction.
     */
    public static final double JUNCTION_MAX_MM = 10;

    private final Weights weights;

    public DetectionScorer(Weights weights) {
        this.weights = Objects.requireNonNull(weights, "weights");
    }

    public Weights weights() {
        return weights;
    }

    /** Score in [0, 1] of a candidate whose segmentation failed: the blob alone, heavily discounted. */
    public double score(Candidate c) {
        return logistic(weights.bias() - 3 + blobTerms(c));
    }

    public double score(Candidate c, NoduleMeasurements m, ShellStructure shell) {
        double z = weights.bias() + blobTerms(c)
                + (m.meanDiameterMm() < JUNCTION_MAX_MM ? weights.junction() * Math.max(0, shell.branches() - 2) : 0)
                + weights.sphericity() * (m.sphericity() - 0.7)
                + weights.elongation() * (m.elongation() - 1.6)
                + weights.inLung() * (m.fractionInLung() - 0.8)
                + (m.touchesBorder() ? weights.leak() : 0)
                + (m.meanDiameterMm() < 3 || m.meanDiameterMm() > 35 ? weights.outOfSize() : 0)
                + (m.meanHu() > 300 ? weights.dense() : 0);
        return logistic(z);
    }

    private double blobTerms(Candidate c) {
        double doublings = Math.log(Math.max(c.response(), 1e-6) / 0.1) / Math.log(2);
        return weights.response() * Math.max(-4, Math.min(4, doublings))
                + weights.blobRatio() * (c.blobRatio() - 0.5);
    }

    private static double logistic(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
