package org.lungcad.model.classify;

/**
 * How the learned probability is combined with the transparent detection score: a logistic regression on both
 * logits, {@code p = 1 / (1 + exp(-(bias + transparent * logit(score) + learned * logit(model))))}, fitted on
 * candidates of the tuning seeds (never on the held-out ones) by {@link StackingFit}.
 */
public record Stacking(double bias, double transparent, double learned) {

    private static final double EPS = 1e-4;

    public Stacking {
        for (double w : new double[] {bias, transparent, learned}) {
            if (!Double.isFinite(w)) {
                throw new IllegalArgumentException("stacking weights must be finite");
            }
        }
    }

    /** The combined score in [0, 1]. */
    public double combine(double transparentScore, double learnedProbability) {
        double z = bias + transparent * logit(transparentScore) + learned * logit(learnedProbability);
        return 1 / (1 + Math.exp(-z));
    }

    static double logit(double p) {
        double q = Math.max(EPS, Math.min(1 - EPS, p));
        return Math.log(q / (1 - q));
    }
}
