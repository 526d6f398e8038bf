package org.lungcad.model.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SyntheticCasesTest {

    @Test
    void generatesAReproducibleCaseWithGroundTruth() {
        var a = SyntheticCases.generate(ChestPhantom.Config.small(3), 3, "2.25.1", 11);
        var b = SyntheticCases.generate(ChestPhantom.Config.small(3), 3, "2.25.1", 11);
        assertThat(a.groundTruth()).hasSize(3);
        assertThat(a.volume().hu()).isEqualTo(b.volume().hu());
        assertThat(a.groundTruth()).allSatisfy(g -> {
            assertThat(g.seriesUid()).isEqualTo("2.25.1");
            assertThat(g.diameterMm()).isBetween(4.0, 25.0);
        });
    }
}
