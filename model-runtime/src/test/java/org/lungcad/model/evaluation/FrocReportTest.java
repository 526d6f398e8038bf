package org.lungcad.model.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FrocReportTest {

    private static final String A = "1.2.3.1";

    @Test
    void printsRatesCpmOperatingPointBucketsAndMissedNodules() {
        List<ReferenceNodule> refs = List.of(new ReferenceNodule(A, new double[] {0, 0, 0}, 10, "SOLID"),
                new ReferenceNodule(A, new double[] {50, 0, 0}, 4, "GROUND_GLASS"));
        FrocEvaluator eval = FrocEvaluator.of(refs, List.of(),
                List.of(new Detection(A, new double[] {1, 0, 0}, 0.9), new Detection(A, new double[] {80, 0, 0}, 0.7)), 2);
        String text = FrocReport.format(eval.froc(), eval.atThreshold(0.5));

        assertThat(text).contains("LUNA16 FROC: 2 reference nodules in 2 scans")
                .containsPattern("0\\.125 +0\\.500")
                .containsPattern("CPM +0\\.500")
                .contains("Operating point: score >= 0.5000")
                .contains("sensitivity 0.500 (1 of 2 nodules)")
                .contains("FPs/scan    0.500 (1 false positives in 2 scans)")
                .containsPattern("label +GROUND_GLASS +1 +0 +0\\.000")
                .containsPattern("size +<6 mm +1 +0 +0\\.000")
                .containsPattern("50\\.00 +0\\.00 +0\\.00 +4\\.00 GROUND_GLASS +30\\.00 +0\\.7000  1\\.2\\.3\\.1");
        assertThat(FrocReport.format(eval.froc())).doesNotContain("Operating point");
    }
}
