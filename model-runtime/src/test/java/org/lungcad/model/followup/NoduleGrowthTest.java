package org.lungcad.model.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class NoduleGrowthTest {

    private static double sphere(double diameterMm) {
        return Math.PI / 6 * diameterMm * diameterMm * diameterMm;
    }

    @Test
    void aSolidNoduleFrom6To8MmInAYearIsGrowingWithItsDoublingTime() {
        NoduleGrowth g = NoduleGrowth.of(6.0, sphere(6), 8.0, sphere(8), 365);

        assertThat(g.status()).isEqualTo(NoduleGrowth.Status.GROWING);
        assertThat(g.diameterChangeMm()).isCloseTo(2.0, within(1e-9));
        assertThat(g.volumeChangePercent()).isCloseTo(137.0, within(0.1));
        // 365 · ln 2 / ln((8/6)³)
        assertThat(g.volumeDoublingTimeDays()).hasValueCloseTo(293.2, within(0.1));
        assertThat(g.describe()).isEqualTo("growing: +2.0 mm in 365 days, volume +137 %, VDT 293 days");
    }

    @Test
    void aChangeWithinTheMeasurementErrorIsStableAndHasNoDoublingTime() {
        NoduleGrowth g = NoduleGrowth.of(6.0, sphere(6), 6.2, sphere(6.2), 180);

        assertThat(g.status()).isEqualTo(NoduleGrowth.Status.STABLE);
        assertThat(g.volumeChangePercent()).isCloseTo(10.3, within(0.1));
        assertThat(g.volumeDoublingTimeDays()).isEmpty();
        assertThat(g.describe()).endsWith("VDT not given (volume change within the 25 % measurement error)");
    }

    @Test
    void growthBelowTheDiameterRuleIsStableButItsVolumeChangeStillGivesADoublingTime() {
        NoduleGrowth g = NoduleGrowth.of(6.0, sphere(6), 6.5, sphere(6.5), 365);

        assertThat(g.status()).isEqualTo(NoduleGrowth.Status.STABLE);
        assertThat(g.volumeChangePercent()).isGreaterThan(25);
        assertThat(g.volumeDoublingTimeDays()).hasValueCloseTo(365 * Math.log(2) / Math.log(Math.pow(6.5 / 6, 3)),
                within(1e-6));
    }

    @Test
    void overALongerIntervalTheRuleIsAppliedToTheTwelveMonthRate() {
        // +2.0 mm over two years is 1.0 mm per 12 months: not Lung-RADS growth
        assertThat(NoduleGrowth.of(6.0, sphere(6), 8.0, sphere(8), 730).status()).isEqualTo(NoduleGrowth.Status.STABLE);
        // +2.0 mm in 9 months is growth
        assertThat(NoduleGrowth.of(6.0, sphere(6), 8.0, sphere(8), 274).status())
                .isEqualTo(NoduleGrowth.Status.GROWING);
    }

    @Test
    void aNoduleThatLostMoreThan15MmIsShrinkingWithANegativeDoublingTime() {
        NoduleGrowth g = NoduleGrowth.of(10.0, sphere(10), 8.0, sphere(8), 365);

        assertThat(g.status()).isEqualTo(NoduleGrowth.Status.SHRINKING);
        assertThat(g.volumeDoublingTimeDays().getAsDouble()).isNegative();
    }

    @Test
    void aPriorDatedOnOrAfterTheCurrentStudyIsRefused() {
        assertThatThrownBy(() -> NoduleGrowth.of(6, sphere(6), 6, sphere(6), 0))
                .hasMessageContaining("prior must be dated before the current study");
    }
}
