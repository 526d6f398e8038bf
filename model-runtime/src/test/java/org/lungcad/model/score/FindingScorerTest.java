package org.lungcad.model.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lungcad.model.AlgorithmIdentity;
import org.lungcad.model.Finding;
import org.lungcad.model.Lobe;
import org.lungcad.model.LungRadsCategory;
import org.lungcad.model.PatientContext;
import org.lungcad.model.Sex;

class FindingScorerTest {

    @Test
    void scoresEveryNoduleWithTheScansNoduleCount() {
        FindingScorer scorer = new FindingScorer(new BrockModel(BrockModel.Config.DEFAULT), new LungRads(0.5),
                AlgorithmIdentity.current("test"));
        List<Finding> f = scorer.score(List.of(BrockModelTest.nodule(10, 10, Lobe.RIGHT_UPPER, 0),
                BrockModelTest.nodule(5, 4, Lobe.LEFT_LOWER, 0)), PatientContext.of(62, Sex.FEMALE));
        assertThat(f).hasSize(2);
        // as the worked example but with 2 nodules: -2.15313 - 0.0824 * (2 - 1)
        assertThat(f.get(0).malignancy().logit()).isCloseTo(-2.15313 - 0.0824, within(1e-4));
        assertThat(f.get(0).lungRads()).isEqualTo(LungRadsCategory.CATEGORY_4A);
        assertThat(f.get(1).lungRads()).isEqualTo(LungRadsCategory.CATEGORY_2);
        assertThat(f.get(1).algorithm().version()).isEqualTo(AlgorithmIdentity.VERSION);
    }
}
