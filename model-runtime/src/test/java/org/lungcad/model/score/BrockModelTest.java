package org.lungcad.model.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.lungcad.model.FactorContribution;
import org.lungcad.model.Lobe;
import org.lungcad.model.MalignancyEstimate;
import org.lungcad.model.Nodule;
import org.lungcad.model.NoduleType;
import org.lungcad.model.PatientContext;
import org.lungcad.model.Sex;

class BrockModelTest {

    @Test
    void designWorkedExample() {
        // DESIGN.md: 62-year-old woman, solid 10 mm, upper lobe, 1 nodule, nothing else -> logit -2.1533, p 10.4 %
        MalignancyEstimate e = BrockModel.estimate(new BrockInput(OptionalInt.of(62), Sex.FEMALE, false, false,
                NoduleType.SOLID, 10, true, 1, false));
        assertThat(e.modelApplied()).isTrue();
        assertThat(e.logit()).isCloseTo(-2.1533, within(1e-3));
        assertThat(e.probability()).isCloseTo(0.104, within(1e-3));
        assertThat(e.factors()).extracting(FactorContribution::factor).containsExactly("intercept", "age", "sex",
                "family history of lung cancer", "emphysema", "nodule size", "nodule type", "upper lobe",
                "nodule count", "spiculation");
    }

    @Test
    void oldManPartSolidSpiculatedWithAllRiskFactors() {
        // hand computation: -6.7892 + 0.0287*8 + 0.2961 + 0.2953 - 5.3854*(1.5^-0.5 - 1.58113883)
        //                   + 0.377 - 0.0824*(2-4) + 0.7729 = -0.53560
        MalignancyEstimate e = BrockModel.estimate(new BrockInput(OptionalInt.of(70), Sex.MALE, true, true,
                NoduleType.PART_SOLID, 15, false, 2, true));
        assertThat(e.logit()).isCloseTo(-0.53560, within(1e-4));
        assertThat(e.probability()).isCloseTo(0.36921, within(1e-4));
        assertThat(contribution(e, "nodule type")).isCloseTo(0.377, within(1e-12));
        assertThat(contribution(e, "spiculation")).isCloseTo(0.7729, within(1e-12));
    }

    @Test
    void missingAgeAndSexUseReferenceValuesAndSaySo() {
        // -6.7892 - 5.3854*(0.5^-0.5 - 1.58113883) - 0.1276 + 0.6581 - 0.0824*(6-4) = -5.52454
        MalignancyEstimate e = BrockModel.estimate(new BrockInput(OptionalInt.empty(), Sex.UNKNOWN, false, false,
                NoduleType.GROUND_GLASS, 5, true, 6, false));
        assertThat(e.logit()).isCloseTo(-5.52454, within(1e-4));
        assertThat(e.probability()).isCloseTo(0.003972, within(1e-5));
        FactorContribution age = factor(e, "age");
        assertThat(age.value()).contains("62").contains("unknown");
        assertThat(age.logitContribution()).isZero();
        assertThat(factor(e, "sex").value()).contains("unknown");
    }

    @Test
    void calcifiedNoduleIsNotScored() {
        MalignancyEstimate e = BrockModel.estimate(new BrockInput(OptionalInt.of(60), Sex.MALE, false, false,
                NoduleType.CALCIFIED, 12, true, 1, false));
        assertThat(e.modelApplied()).isFalse();
        assertThat(e.probability()).isZero();
        assertThat(e.factors()).singleElement().satisfies(f -> assertThat(f.value()).contains("calcified"));
    }

    @Test
    void fromNoduleUsesLongAxisUpperLobeAndSpiculationThreshold() {
        BrockModel model = new BrockModel(new BrockModel.Config(false, false, 0.6));
        Nodule n = nodule(10, 8, Lobe.LEFT_UPPER, 0.6);
        MalignancyEstimate e = model.estimate(n, PatientContext.of(62, Sex.FEMALE), 1);
        assertThat(factor(e, "nodule size").value()).isEqualTo("10.0 mm longest diameter");
        assertThat(contribution(e, "upper lobe")).isEqualTo(0.6581);
        assertThat(contribution(e, "spiculation")).isEqualTo(0.7729);
        MalignancyEstimate smooth = model.estimate(nodule(10, 8, Lobe.RIGHT_MIDDLE, 0.59), PatientContext.unknown(), 1);
        assertThat(contribution(smooth, "spiculation")).isZero();
        assertThat(contribution(smooth, "upper lobe")).isZero();
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> new BrockInput(OptionalInt.of(62), Sex.MALE, false, false, NoduleType.SOLID, 0, true, 1, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BrockInput(OptionalInt.of(62), Sex.MALE, false, false, NoduleType.SOLID, 5, true, 0, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BrockModel.Config(false, false, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    static Nodule nodule(double longAxis, double shortAxis, Lobe lobe, double spiculation) {
        return new Nodule(new double[] {10, 10, 10}, new double[] {-50, 20, -100}, longAxis, shortAxis,
                new double[] {-50 - longAxis / 2, 20, -100}, new double[] {-50 + longAxis / 2, 20, -100},
                Nodule.meanDiameter(longAxis, shortAxis), 300, 20, 80, longAxis, NoduleType.SOLID, lobe,
                0.8, 1.2, spiculation, 0.9);
    }

    private static FactorContribution factor(MalignancyEstimate e, String name) {
        return e.factors().stream().filter(f -> f.factor().equals(name)).findFirst().orElseThrow();
    }

    private static double contribution(MalignancyEstimate e, String name) {
        return factor(e, name).logitContribution();
    }
}
