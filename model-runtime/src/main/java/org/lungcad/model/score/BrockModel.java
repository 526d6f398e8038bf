package org.lungcad.model.score;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.lungcad.model.FactorContribution;
import org.lungcad.model.MalignancyEstimate;
import org.lungcad.model.Nodule;
import org.lungcad.model.NoduleType;
import org.lungcad.model.PatientContext;

/**
 * Brock University (PanCan) full model with spiculation, McWilliams et al., N Engl J Med 2013;369:910-919
 * (model 2b): probability that a nodule seen on a baseline screening CT is cancer.
 *
 * <pre>
 * logit = -6.7892 + 0.0287 (age - 62) + 0.6011 female + 0.2961 family history + 0.2953 emphysema
 *         - 5.3854 ((size/10)^-0.5 - 1.58113883) + 0.377 part-solid - 0.1276 non-solid
 *         + 0.6581 upper lobe - 0.0824 (count - 4) + 0.7729 spiculation
 * </pre>
 * Size is the longest diameter in mm; 1.58113883 = (4/10)^-0.5 centres size at 4 mm, as age is centred at 62
 * and count at 4. Cross-check: removing the centring gives the intercept 0.2761 listed for the Brock model
 * in Eur Radiol 2019;29:5367 (table 2), which also lists the same coefficients.
 *
 * <p>Missing data never fails: an unknown age is scored as 62 (the centring age, contribution 0) and an
 * unknown sex as male (the reference, contribution 0); the factor's value text says so. The model was
 * built on non-calcified nodules: a calcified nodule is benign and gets {@link MalignancyEstimate#notApplicable}.
 */
public final class BrockModel {

    static final double INTERCEPT = -6.7892;
    static final double AGE = 0.0287;
    static final int AGE_CENTRE = 62;
    static final double FEMALE = 0.6011;
    static final double FAMILY_HISTORY = 0.2961;
    static final double EMPHYSEMA = 0.2953;
    static final double SIZE = -5.3854;
    static final double SIZE_CENTRE = 1.58113883;
    static final double PART_SOLID = 0.377;
    static final double NON_SOLID = -0.1276;
    static final double UPPER_LOBE = 0.6581;
    static final double COUNT = -0.0824;
    static final int COUNT_CENTRE = 4;
    static final double SPICULATION = 0.7729;

    private final Config config;

    /**
     * Site settings for what the image cannot tell.
     *
     * @param familyHistory        assume lung cancer in a first-degree relative (default false: absent)
     * @param emphysema            assume emphysema (default false: absent)
     * @param spiculationThreshold a nodule's spiculation measure in [0, 1] at or above which it counts as spiculated
     */
    public record Config(boolean familyHistory, boolean emphysema, double spiculationThreshold) {
        public static final Config DEFAULT = new Config(false, false, 0.5);

        public Config {
            if (!(spiculationThreshold > 0 && spiculationThreshold <= 1)) {
                throw new IllegalArgumentException("spiculation threshold must be in (0, 1]: " + spiculationThreshold);
            }
        }
    }

    public BrockModel(Config config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public Config config() {
        return config;
    }

    /** Estimate for a measured nodule; {@code noduleCount} is the number of nodules reported in the scan. */
    public MalignancyEstimate estimate(Nodule nodule, PatientContext patient, int noduleCount) {
        Objects.requireNonNull(nodule, "nodule");
        Objects.requireNonNull(patient, "patient");
        return estimate(new BrockInput(patient.ageYears(), patient.sex(), config.familyHistory(), config.emphysema(),
                nodule.type(), nodule.longAxisMm(), nodule.lobe().isUpper(), noduleCount,
                nodule.spiculation() >= config.spiculationThreshold()));
    }

    /** Estimate from explicit inputs. */
    public static MalignancyEstimate estimate(BrockInput in) {
        Objects.requireNonNull(in, "input");
        if (in.type() == NoduleType.CALCIFIED) {
            return MalignancyEstimate.notApplicable("calcification",
                    "calcified nodule: benign, Brock model not applied");
        }
        List<FactorContribution> f = new ArrayList<>();
        f.add(new FactorContribution("intercept", "Brock full model with spiculation", INTERCEPT));

        if (in.ageYears().isPresent()) {
            int age = in.ageYears().getAsInt();
            f.add(new FactorContribution("age", age + " years", AGE * (age - AGE_CENTRE)));
        } else {
            f.add(new FactorContribution("age", AGE_CENTRE + " years (default: age unknown)", 0));
        }
        f.add(switch (in.sex()) {
            case FEMALE -> new FactorContribution("sex", "female", FEMALE);
            case MALE -> new FactorContribution("sex", "male", 0);
            case UNKNOWN -> new FactorContribution("sex", "unknown (scored as male, the reference)", 0);
        });
        f.add(new FactorContribution("family history of lung cancer", yesNo(in.familyHistory()),
                in.familyHistory() ? FAMILY_HISTORY : 0));
        f.add(new FactorContribution("emphysema", yesNo(in.emphysema()), in.emphysema() ? EMPHYSEMA : 0));

        double size = in.longestDiameterMm();
        f.add(new FactorContribution("nodule size", String.format(Locale.ROOT, "%.1f mm longest diameter", size),
                SIZE * (Math.pow(size / 10.0, -0.5) - SIZE_CENTRE)));
        f.add(new FactorContribution("nodule type", in.type().label(), switch (in.type()) {
            case PART_SOLID -> PART_SOLID;
            case GROUND_GLASS -> NON_SOLID;
            default -> 0.0;
        }));
        f.add(new FactorContribution("upper lobe", yesNo(in.upperLobe()), in.upperLobe() ? UPPER_LOBE : 0));
        f.add(new FactorContribution("nodule count", Integer.toString(in.noduleCount()),
                COUNT * (in.noduleCount() - COUNT_CENTRE)));
        f.add(new FactorContribution("spiculation", yesNo(in.spiculation()), in.spiculation() ? SPICULATION : 0));

        double logit = f.stream().mapToDouble(FactorContribution::logitContribution).sum();
        return new MalignancyEstimate(1.0 / (1.0 + Math.exp(-logit)), f, true);
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }
}
