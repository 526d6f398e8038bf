package org.lungcad.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DomainRecordsTest {

    @Test
    void meanDiameterRoundsHalfUpOnDecimalValues() {
        assertThat(Nodule.meanDiameter(6.0, 5.9)).isEqualTo(6.0);
        assertThat(Nodule.meanDiameter(6.0, 5.8)).isEqualTo(5.9);
        assertThat(Nodule.meanDiameter(10.23, 8.11)).isEqualTo(9.2);
    }

    @Test
    void noduleRejectsInconsistentMeasurements() {
        assertThatThrownBy(() -> nodule(6, 7, 6.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> nodule(8, 6, 7.1)).hasMessageContaining("rounded mean");
        Nodule ok = nodule(8, 6, 7.0);
        double[] c = ok.centerLps();
        c[0] = 999;
        assertThat(ok.centerLps()[0]).isEqualTo(-50);
    }

    @Test
    void lobesAndPatient() {
        assertThat(Lobe.LEFT_UPPER.isUpper()).isTrue();
        assertThat(Lobe.RIGHT_MIDDLE.isUpper()).isFalse();
        assertThat(Lobe.UNKNOWN.isUpper()).isFalse();
        assertThatThrownBy(() -> PatientContext.of(200, Sex.MALE)).isInstanceOf(IllegalArgumentException.class);
        assertThat(PatientContext.unknown().ageYears()).isEqualTo(OptionalInt.empty());
    }

    @Test
    void estimateValidation() {
        assertThatThrownBy(() -> new MalignancyEstimate(1.2, List.of(new FactorContribution("a", "b", 0)), true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MalignancyEstimate(0.2, List.of(), true)).isInstanceOf(IllegalArgumentException.class);
        assertThat(MalignancyEstimate.notApplicable("calcification", "benign").modelApplied()).isFalse();
    }

    @Test
    void algorithmVersionFollowsTheProjectVersion() throws Exception {
        // surefire runs in the module folder; the parent pom holds the project version
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher m = Pattern.compile("<parent>.*?<version>([^<]+)</version>", Pattern.DOTALL).matcher(pom);
        assertThat(m.find()).isTrue();
        assertThat(AlgorithmIdentity.VERSION).isEqualTo(m.group(1).replace("-SNAPSHOT", ""));
        assertThat(AlgorithmIdentity.current("x").name()).isEqualTo("LungCAD Nodule Detector");
    }

    @Test
    void noduleRejectsLongAxisEndsThatDoNotMatchTheLongAxis() {
        assertThatThrownBy(() -> nodule(8, 6, 7.0, new double[] {-54, 0, 0}, new double[] {-44, 0, 0}))
                .hasMessageContaining("10.0 mm apart");
        assertThatThrownBy(() -> nodule(8, 6, 7.0, new double[] {-54, 0}, new double[] {-46, 0, 0}))
                .hasMessageContaining("3 components");
        assertThatThrownBy(() -> nodule(8, 6, 7.0, new double[] {-54, Double.NaN, 0}, new double[] {-46, 0, 0}))
                .hasMessageContaining("finite");
        // ends on pixel centres, half a pixel short of the reported axis, are accepted
        double[] start = {-53.7, 0, 0};
        Nodule onPixelCentres = nodule(8, 6, 7.0, start, new double[] {-46.3, 0, 0});
        start[0] = 999;
        assertThat(onPixelCentres.longAxisStartLps()[0]).isEqualTo(-53.7);
        onPixelCentres.longAxisEndLps()[0] = 999;
        assertThat(onPixelCentres.longAxisEndLps()[0]).isEqualTo(-46.3);
    }

    private static Nodule nodule(double longAxis, double shortAxis, double mean) {
        return nodule(longAxis, shortAxis, mean, new double[] {-50 - longAxis / 2, 0, 0},
                new double[] {-50 + longAxis / 2, 0, 0});
    }

    private static Nodule nodule(double longAxis, double shortAxis, double mean, double[] start, double[] end) {
        return new Nodule(new double[] {1, 2, 3}, new double[] {-50, 0, 0}, longAxis, shortAxis, start, end, mean,
                100, 10, 50, 0, NoduleType.SOLID, Lobe.UNKNOWN, 0.9, 1.1, 0.1, 0.8);
    }
}
