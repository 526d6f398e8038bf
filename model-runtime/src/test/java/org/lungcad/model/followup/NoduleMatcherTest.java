package org.lungcad.model.followup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NoduleMatcherTest {

    private final NoduleMatcher matcher = NoduleMatcher.defaults();

    private static NoduleMatcher.Mark mark(double x, double y, double z, double diameter) {
        return new NoduleMatcher.Mark(new double[] {x, y, z}, diameter);
    }

    @Test
    void grownStableNewAndResolvedNodulesArePairedOneToOne() {
        List<NoduleMatcher.Mark> prior = List.of(
                mark(50, 80, -110, 6.0),    // grows to 8 mm, 3 mm away after registration
                mark(-60, 20, -150, 5.0),   // stable
                mark(30, -40, -90, 4.0));   // resolved
        List<NoduleMatcher.Mark> current = List.of(
                mark(-61, 21, -151, 5.1),
                mark(52, 80, -108, 8.0),
                mark(-20, 60, -200, 7.0));  // new

        NoduleMatcher.Matching m = matcher.match(prior, current);

        assertThat(m.pairs()).extracting(NoduleMatcher.Pair::prior, NoduleMatcher.Pair::current)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 0), org.assertj.core.groups.Tuple.tuple(0, 1));
        assertThat(m.newCurrent()).containsExactly(2);
        assertThat(m.resolvedPrior()).containsExactly(2);
    }

    @Test
    void twoPriorNodulesNearOneCurrentGiveOnePairAndTheClosestWins() {
        List<NoduleMatcher.Mark> prior = List.of(mark(0, 0, 0, 6), mark(6, 0, 0, 6));
        List<NoduleMatcher.Mark> current = List.of(mark(5, 0, 0, 6));

        NoduleMatcher.Matching m = matcher.match(prior, current);

        assertThat(m.pairs()).singleElement().satisfies(p -> assertThat(p.prior()).isEqualTo(1));
        assertThat(m.resolvedPrior()).containsExactly(0);
    }

    @Test
    void tooFarOrTooDifferentInSizeIsNotTheSameNodule() {
        assertThat(matcher.match(List.of(mark(0, 0, 0, 6)), List.of(mark(12, 0, 0, 6))).pairs()).isEmpty();
        assertThat(matcher.match(List.of(mark(0, 0, 0, 4)), List.of(mark(2, 0, 0, 14))).pairs()).isEmpty();
        // a 30 mm mass may move further than 10 mm between scans and still be itself
        assertThat(matcher.match(List.of(mark(0, 0, 0, 30)), List.of(mark(18, 0, 0, 32))).pairs()).hasSize(1);
    }
}
