package org.lungcad.model.followup;

import java.util.Locale;
import java.util.OptionalDouble;

/**
 * How one nodule changed between a prior and the current CT: the status by Lung-RADS v2022's growth rule (an
 * increase of the mean diameter by more than 1.5 mm within 12 months; over a longer interval the rule is applied to
 * the change scaled to 12 months, which assumes steady growth), the volume change in percent and the volume doubling
 * time.
 *
 * <p>VDT = Δt · ln 2 / ln(V₂ / V₁) is given only when the volume changed by more than the measurement error assumed
 * here, {@link #VOLUME_ERROR_FRACTION} (25 %): semi-automated volumetry of the same nodule on two scans differs by up
 * to about a quarter for nodules under 10 mm (the NELSON trial's threshold for a significant volume change, also the
 * Fleischner Society's and the BTS guideline's), so a smaller change says nothing about a doubling time.
 *
 * @param status                 NEW, GROWING, STABLE or SHRINKING for a current nodule; RESOLVED for a prior one not
 *                               found now
 * @param intervalDays           days between the prior and the current study
 * @param diameterChangeMm       current minus prior mean diameter
 * @param volumeChangePercent    (V₂ − V₁) / V₁ × 100
 * @param volumeDoublingTimeDays VDT (negative when shrinking), absent when within the measurement error
 */
public record NoduleGrowth(Status status, long intervalDays, double diameterChangeMm, double volumeChangePercent,
                           OptionalDouble volumeDoublingTimeDays) {

    /** Lung-RADS v2022: growth is a mean-diameter increase above this within 12 months. */
    public static final double GROWTH_MM = 1.5;
    /** Relative volume change treated as measurement noise (see the class comment). */
    public static final double VOLUME_ERROR_FRACTION = 0.25;
    private static final double DAYS_PER_12_MONTHS = 365.25;

    /** What happened to a nodule between the two studies. */
    public enum Status { NEW, GROWING, STABLE, SHRINKING, RESOLVED }

    /**
     * @param priorMeanDiameterMm   the prior nodule's mean diameter
     * @param priorVolumeMm3        its volume
     * @param currentMeanDiameterMm the matched current nodule's mean diameter
     * @param currentVolumeMm3      its volume
     * @param intervalDays          current study date minus prior study date, at least 1
     */
    public static NoduleGrowth of(double priorMeanDiameterMm, double priorVolumeMm3, double currentMeanDiameterMm,
                                  double currentVolumeMm3, long intervalDays) {
        if (!(priorMeanDiameterMm > 0 && priorVolumeMm3 > 0 && currentMeanDiameterMm > 0 && currentVolumeMm3 > 0)) {
            throw new IllegalArgumentException("sizes must be positive");
        }
        if (intervalDays < 1) {
            throw new IllegalArgumentException("the prior must be dated before the current study: " + intervalDays
                    + " days");
        }
        double change = currentMeanDiameterMm - priorMeanDiameterMm;
        // a longer interval is judged by its 12-month rate, a shorter one by the change itself
        double per12Months = intervalDays > DAYS_PER_12_MONTHS ? change * DAYS_PER_12_MONTHS / intervalDays : change;
        Status status = per12Months > GROWTH_MM ? Status.GROWING
                : change < -GROWTH_MM ? Status.SHRINKING : Status.STABLE;
        double ratio = currentVolumeMm3 / priorVolumeMm3;
        OptionalDouble vdt = Math.abs(ratio - 1) > VOLUME_ERROR_FRACTION
                ? OptionalDouble.of(intervalDays * Math.log(2) / Math.log(ratio)) : OptionalDouble.empty();
        return new NoduleGrowth(status, intervalDays, change, (ratio - 1) * 100, vdt);
    }

    /** A current nodule without a prior match. */
    public static NoduleGrowth newNodule(long intervalDays) {
        return new NoduleGrowth(Status.NEW, intervalDays, Double.NaN, Double.NaN, OptionalDouble.empty());
    }

    /** A prior nodule not found in the current study. */
    public static NoduleGrowth resolved(long intervalDays) {
        return new NoduleGrowth(Status.RESOLVED, intervalDays, Double.NaN, Double.NaN, OptionalDouble.empty());
    }

    /** For a report line, e.g. "growing: +2.1 mm in 365 days, volume +68 %, VDT 130 days". */
    public String describe() {
        String what = status.name().toLowerCase(Locale.ROOT);
        if (status == Status.NEW || status == Status.RESOLVED) {
            return what;
        }
        return String.format(Locale.ROOT, "%s: %+.1f mm in %d days, volume %+.0f %%%s", what, diameterChangeMm,
                intervalDays, volumeChangePercent, volumeDoublingTimeDays.isPresent()
                        ? String.format(Locale.ROOT, ", VDT %.0f days", volumeDoublingTimeDays.getAsDouble())
                        : ", VDT not given (volume change within the 25 % measurement error)");
    }
}
