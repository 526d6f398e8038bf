package org.lungcad.model.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StackingFitTest {

    @Test
    void theInformativeScoreGetsTheWeight() {
        // nodules: the model is sure (0.9), the transparent score is noise; vessel dots: the model says 0.1
        SplittableRandom rnd = new SplittableRandom(3);
        List<StackingFit.Example> examples = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            boolean nodule = i % 2 == 0;
            double model = nodule ? 0.6 + 0.35 * rnd.nextDouble() : 0.05 + 0.5 * rnd.nextDouble();
            examples.add(new StackingFit.Example(0.2 + 0.6 * rnd.nextDouble(), model, nodule));
        }
        Stacking s = StackingFit.fit(examples);
        assertThat(s.learned()).isGreaterThan(2);
        assertThat(Math.abs(s.transparent())).isLessThan(0.5);
        assertThat(s.combine(0.5, 0.9)).isGreaterThan(0.8);
        assertThat(s.combine(0.5, 0.1)).isLessThan(0.2);
    }

    @Test
    void separableSetsStayFiniteAndOneClassIsRefused() {
        List<StackingFit.Example> separable = List.of(new StackingFit.Example(0.9, 0.9, true),
                new StackingFit.Example(0.1, 0.1, false), new StackingFit.Example(0.8, 0.7, true),
                new StackingFit.Example(0.2, 0.3, false));
        Stacking s = StackingFit.fit(separable);
        assertThat(s.combine(0.9, 0.9)).isGreaterThan(0.7);
        assertThat(s.combine(0.1, 0.1)).isLessThan(0.3);
        assertThatThrownBy(() -> StackingFit.fit(List.of(new StackingFit.Example(0.5, 0.5, true))))
                .hasMessageContaining("nodules and non-nodules");
    }

    @Test
    void combineIsMonotoneInBothScoresWithPositiveWeights() {
        Stacking s = new Stacking(-1, 1.5, 0.8);
        assertThat(s.combine(0.6, 0.5)).isGreaterThan(s.combine(0.5, 0.5));
        assertThat(s.combine(0.5, 0.6)).isGreaterThan(s.combine(0.5, 0.5));
        assertThat(s.combine(0, 0)).isBetween(0.0, 1.0);
        assertThat(s.combine(1, 1)).isBetween(0.0, 1.0);
    }

    @Test
    void extremeProbabilitiesOnASeparableSetGiveModerateWeightsAndKeepTheRanking() {
        // as the tuning sets are: synthetic nodules at transparent 0.99 and model 0.9999, most candidates near 0
        SplittableRandom rnd = new SplittableRandom(8);
        List<StackingFit.Example> examples = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            boolean nodule = i % 3 == 0;
            double t = nodule ? 0.9 + 0.0999 * rnd.nextDouble() : 0.6 * rnd.nextDouble();
            double m = nodule ? 1 - 1e-6 * rnd.nextDouble() : 1e-6 + 0.3 * rnd.nextDouble() * rnd.nextDouble();
            examples.add(new StackingFit.Example(t, m, nodule));
        }
        Stacking s = StackingFit.fit(examples);
        assertThat(Math.abs(s.bias()) + Math.abs(s.transparent()) + Math.abs(s.learned())).isLessThan(30);
        assertThat(s.transparent()).isPositive();
        assertThat(s.learned()).isPositive();
        double worstNodule = examples.stream().filter(StackingFit.Example::nodule)
                .mapToDouble(e -> s.combine(e.transparentScore(), e.learnedProbability())).min().orElseThrow();
        double bestOther = examples.stream().filter(e -> !e.nodule())
                .mapToDouble(e -> s.combine(e.transparentScore(), e.learnedProbability())).max().orElseThrow();
        assertThat(worstNodule).isGreaterThan(bestOther);
    }
}
