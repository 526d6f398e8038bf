package org.lungcad.model.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lungcad.model.LungRadsCategory.CATEGORY_1;
import static org.lungcad.model.LungRadsCategory.CATEGORY_2;
import static org.lungcad.model.LungRadsCategory.CATEGORY_3;
import static org.lungcad.model.LungRadsCategory.CATEGORY_4A;
import static org.lungcad.model.LungRadsCategory.CATEGORY_4B;
import static org.lungcad.model.LungRadsCategory.CATEGORY_4X;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lungcad.model.Lobe;
import org.lungcad.model.LungRadsCategory;
import org.lungcad.model.NoduleType;

class LungRadsTest {

    private final LungRads lungRads = new LungRads(0.5);

    @ParameterizedTest(name = "{0} {1} mm solid {2} mm -> {3}")
    @CsvSource({
        "SOLID, 5.9, 5.9, 2", "SOLID, 6.0, 6.0, 3", "SOLID, 7.9, 7.9, 3", "SOLID, 8.0, 8.0, 4A",
        "SOLID, 14.9, 14.9, 4A", "SOLID, 15.0, 15.0, 4B", "SOLID, 40.0, 40.0, 4B",
        "PART_SOLID, 5.9, 5.0, 2", "PART_SOLID, 6.0, 0.5, 3", "PART_SOLID, 12.0, 5.9, 3",
        "PART_SOLID, 12.0, 6.0, 4A", "PART_SOLID, 12.0, 7.9, 4A", "PART_SOLID, 12.0, 8.0, 4B",
        "GROUND_GLASS, 29.9, 0, 2", "GROUND_GLASS, 30.0, 0, 3", "GROUND_GLASS, 4.0, 0, 2",
        "CALCIFIED, 20.0, 20.0, 1"})
    void baselineSizeThresholds(NoduleType type, double mean, double solid, String code) {
        assertThat(lungRads.categorize(type, mean, solid, 0).code()).isEqualTo(code);
    }

    @Test
    void floatNoiseJustBelowAThresholdRoundsToTheMeasuredTenth() {
        assertThat(lungRads.categorize(NoduleType.SOLID, 5.99999999, 5.99999999, 0)).isEqualTo(CATEGORY_3);
        assertThat(lungRads.categorize(NoduleType.SOLID, 5.94, 5.94, 0)).isEqualTo(CATEGORY_2);
    }

    @Test
    void spiculationUpgradesCategoryThreeAndFourOnlyTo4X() {
        assertThat(lungRads.categorize(NoduleType.SOLID, 5.0, 5.0, 0.9)).isEqualTo(CATEGORY_2);
        assertThat(lungRads.categorize(NoduleType.SOLID, 6.0, 6.0, 0.5)).isEqualTo(CATEGORY_4X);
        assertThat(lungRads.categorize(NoduleType.SOLID, 6.0, 6.0, 0.49)).isEqualTo(CATEGORY_3);
        assertThat(lungRads.categorize(NoduleType.SOLID, 10.0, 10.0, 0.7)).isEqualTo(CATEGORY_4X);
        assertThat(lungRads.categorize(NoduleType.SOLID, 20.0, 20.0, 0.7)).isEqualTo(CATEGORY_4X);
        assertThat(lungRads.categorize(NoduleType.CALCIFIED, 20.0, 20.0, 1)).isEqualTo(CATEGORY_1);
    }

    @Test
    void categorizesANoduleByItsMeanDiameter() {
        // long 8.2, short 7.7 -> mean 7.95 -> 8.0 mm -> 4A, although the short axis is below 8
        assertThat(lungRads.categorize(BrockModelTest.nodule(8.2, 7.7, Lobe.LEFT_LOWER, 0))).isEqualTo(CATEGORY_4A);
    }

    @Test
    void codesAndDescriptors() {
        assertThat(LungRadsCategory.fromCode("4B")).isEqualTo(CATEGORY_4B);
        assertThat(CATEGORY_4X.descriptor()).isEqualTo("Very suspicious");
        assertThat(CATEGORY_2.code()).isEqualTo("2");
        assertThatThrownBy(() -> LungRadsCategory.fromCode("5")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsBadValues() {
        assertThatThrownBy(() -> new LungRads(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> lungRads.categorize(NoduleType.SOLID, -1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> lungRads.categorize(NoduleType.SOLID, 5, 0, 1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
