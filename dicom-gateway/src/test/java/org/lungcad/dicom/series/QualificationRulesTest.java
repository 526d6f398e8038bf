package org.lungcad.dicom.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class QualificationRulesTest {

    @Test
    void defaultsAcceptChestCt() {
        QualificationRules rules = QualificationRules.defaults();
        assertThat(rules.modalities()).containsExactly("CT");
        assertThat(rules.sopClassUids()).containsExactlyInAnyOrder("1.2.840.10008.5.1.4.1.1.2", "1.2.840.10008.5.1.4.1.1.2.1");
        assertThat(rules.bodyParts()).contains("CHEST", "LUNG", "THORAX", "CHEST_ABDOMEN", "WHOLEBODY");
        assertThat(rules.spacingTolerance(2.5)).isEqualTo(0.25);
        assertThat(rules.spacingTolerance(0.5)).isEqualTo(0.1);
    }

    @Test
    void codesAreNormalisedAndSetsCopied() {
        QualificationRules rules = QualificationRules.defaults().withBodyParts(Set.of(" chest ", "Lung"));
        assertThat(rules.bodyParts()).containsExactlyInAnyOrder("CHEST", "LUNG");
        assertThatThrownBy(() -> rules.bodyParts().add("HEAD")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void badValuesAreRejectedAtOnce() {
        QualificationRules d = QualificationRules.defaults();
        assertThatThrownBy(() -> new QualificationRules(d.modalities(), d.sopClassUids(), d.excludedImageTypes(),
                3.0, 0.5, 0.5, 3.0, 0.1, 0.1, 32, 120, 5, 0.5, d.bodyParts(), true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("slice thickness");
        assertThatThrownBy(() -> d.withMinSlices(1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withMinCoverageMm(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QualificationRules(Set.of(), d.sopClassUids(), d.excludedImageTypes(),
                0.5, 3.0, 0.5, 3.0, 0.1, 0.1, 32, 120, 5, 0.5, d.bodyParts(), true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void skipReasonCodesAreStable() {
        assertThat(SkipReason.TOO_FEW_SLICES.code()).isEqualTo("too-few-slices");
        assertThat(SkipReason.NOT_CT_MODALITY.code()).isEqualTo("not-ct-modality");
    }

    @Test
    void patientAgeAndSexParse() {
        assertThat(SeriesHeader.parsePatientAge("062Y")).hasValue(62);
        assertThat(SeriesHeader.parsePatientAge("018M")).hasValue(1);
        assertThat(SeriesHeader.parsePatientAge("010W")).hasValue(0);
        assertThat(SeriesHeader.parsePatientAge("")).isEmpty();
        assertThat(SeriesHeader.parsePatientAge("sixty")).isEmpty();
        assertThat(SeriesHeader.parsePatientAge(null)).isEmpty();
        assertThat(SeriesHeader.parsePatientSex("F")).contains(SeriesHeader.PatientSex.F);
        assertThat(SeriesHeader.parsePatientSex("")).isEmpty();
        assertThat(SeriesHeader.parsePatientSex("X")).isEmpty();
    }
}
