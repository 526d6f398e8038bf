package org.lungcad.model.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PartialVolumeTest {

    @Test
    void aSmallSolidDotOnThickSlicesKeepsOnlyPartOfItsContrast() {
        assertThat(PartialVolume.retention(3, 2.5)).isCloseTo(0.6, within(1e-9));
        assertThat(PartialVolume.retention(6, 2.5)).isEqualTo(1);
        assertThat(PartialVolume.retention(3, 1.25)).isEqualTo(1);
        // -300 HU solid threshold: -520 HU for a 3 mm dot on 2.5 mm slices, unchanged from 5 mm up
        assertThat(PartialVolume.solidThresholdHu(-300, 3, 2.5)).isCloseTo(-520, within(1e-9));
        assertThat(PartialVolume.solidThresholdHu(-300, 5, 2.5)).isCloseTo(-300, within(1e-9));
    }

    @Test
    void groundGlassOnlyWhenLargerThanTheBlurExplains() {
        // 0.7 mm pixels, 2.5 mm slices: the blur spreads an edge over 1.6 mm on each side
        assertThat(PartialVolume.rimIsBlur(4.0, 1.0, 0.7, 2.5)).isTrue();
        assertThat(PartialVolume.rimIsBlur(8.0, 3.0, 0.7, 2.5)).isFalse();
        assertThat(PartialVolume.rimIsBlur(8.0, 5.0, 0.7, 2.5)).isTrue();
        // no core at all is never solid, however small the blob
        assertThat(PartialVolume.rimIsBlur(3.0, 0.0, 0.7, 2.5)).isFalse();
        // thin slices explain less: a 4 mm blob with a 1 mm core on 1.25 mm slices is not solid
        assertThat(PartialVolume.rimIsBlur(4.0, 1.0, 0.7, 1.25)).isFalse();
    }
}
