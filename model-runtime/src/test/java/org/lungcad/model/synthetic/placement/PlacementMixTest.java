package org.lungcad.model.synthetic.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lungcad.model.synthetic.Placement;

class PlacementMixTest {

    @Test
    void defaultMixGivesFourThreeThreeOfTenShuffledBySeed() {
        PlacementMix mix = PlacementMix.parse(Arrays.asList(PlacementMix.DEFAULT.split(",")));
        List<Placement> a = mix.allocate(10, 1);
        assertThat(a).filteredOn(Placement.FREE::equals).hasSize(4);
        assertThat(a).filteredOn(Placement.JUXTAPLEURAL::equals).hasSize(3);
        assertThat(a).filteredOn(Placement.JUXTAVASCULAR::equals).hasSize(3);
        assertThat(mix.allocate(10, 1)).isEqualTo(a);
        assertThat(mix.allocate(10, 2)).isNotEqualTo(a);
    }

    @Test
    void namesWithoutWeightsShareEquallyAndBadItemsAreRefused() {
        assertThat(PlacementMix.parse(List.of("juxtapleural")).allocate(3, 1)).containsOnly(Placement.JUXTAPLEURAL);
        assertThat(PlacementMix.parse(List.of("free", "juxtavascular")).allocate(4, 7))
                .filteredOn(Placement.FREE::equals).hasSize(2);
        assertThatThrownBy(() -> PlacementMix.parse(List.of("near"))).hasMessageContaining("unknown placement 'near'");
        assertThatThrownBy(() -> PlacementMix.parse(List.of("free:0"))).hasMessageContaining("positive weight");
        assertThatThrownBy(() -> PlacementMix.parse(List.of("free:x"))).hasMessageContaining("not a number");
    }
}
