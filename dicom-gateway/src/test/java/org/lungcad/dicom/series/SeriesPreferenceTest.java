package org.lungcad.dicom.series;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.lungcad.dicom.testing.TestData;

class SeriesPreferenceTest {

    private final SeriesPreference preference = SeriesPreference.defaults();

    @Test
    void thinnerSlicesComeFirstThenALungKernelThenCoverageThenSlices() {
        SeriesHeader thickLung = header("1.1", 2, 5.0, "B70f", 60, 5.0);
        SeriesHeader thinSoft = header("1.2", 3, 1.0, "B30f", 300, 1.0);
        SeriesHeader thinLung = header("1.3", 4, 1.0, "B70f", 300, 1.0);
        SeriesHeader thinLungShort = header("1.4", 5, 1.0, "B70f", 200, 1.0);

        SeriesPreference.Choice choice = preference.choose(List.of(thickLung, thinSoft, thinLungShort, thinLung));

        assertThat(choice.chosen().seriesInstanceUid()).isEqualTo("1.3");
        // ranked: the kernel outweighs coverage, so the shorter lung series comes before the soft one
        assertThat(choice.notChosen())
                .extracting(n -> n.series().seriesInstanceUid(), SeriesPreference.NotChosen::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("1.4", "series 1.3 (number 4), 1.0 mm, kernel B70f, 300"
                                + " slices, 300 mm was chosen for this study: longer coverage (this series: 1.4"
                                + " (number 5), 1.0 mm, kernel B70f, 200 slices, 200 mm)"),
                        org.assertj.core.groups.Tuple.tuple("1.2", "series 1.3 (number 4), 1.0 mm, kernel B70f, 300"
                                + " slices, 300 mm was chosen for this study: a lung or sharp kernel (this series: 1.2"
                                + " (number 3), 1.0 mm, kernel B30f, 300 slices, 300 mm)"),
                        org.assertj.core.groups.Tuple.tuple("1.1", "series 1.3 (number 4), 1.0 mm, kernel B70f, 300"
                                + " slices, 300 mm was chosen for this study: thinner slices (this series: 1.1"
                                + " (number 2), 5.0 mm, kernel B70f, 60 slices, 300 mm)"));
    }

    @Test
    void theLungAndSharpKernelsOfTheMajorVendorsAreRecognised() {
        assertThat(List.of("LUNG", "BONEPLUS", "B70f", "Br64d", "I70f\\3", "Bl57d", "L", "YC", "FC52", "FC86", "SHARP"))
                .allMatch(preference::isSharp);
        assertThat(List.of("STANDARD", "SOFT", "B30f", "Br40d", "I31f", "B", "A", "FC08", "FC13", ""))
                .noneMatch(preference::isSharp);
    }

    @Test
    void equalSeriesAreDecidedByTheLowerSeriesNumber() {
        SeriesPreference.Choice choice = preference.choose(List.of(header("2.2", 7, 1.25, "LUNG", 261, 1.25),
                header("2.1", 6, 1.25, "LUNG", 261, 1.25)));

        assertThat(choice.chosen().seriesInstanceUid()).isEqualTo("2.1");
        assertThat(choice.notChosen()).singleElement().satisfies(n ->
                assertThat(n.reason()).contains("equal by every preference; the lower series number"));
    }

    @Test
    void theRealPhilipsStudyReconstructedTwiceIsAnalysedOnceWithItsLungKernel() {
        Path study = TestData.sharedFolder("lung-pet-ct-dx-a0001");
        // 5 mm slices: outside the default input rules, let through here to compare the two reconstructions
        QualificationRules rules = new QualificationRules(java.util.Set.of("CT"), java.util.Set.of(
                QualificationRules.CT_IMAGE_STORAGE), java.util.Set.of("LOCALIZER"), 0.5, 6.0, 0.5, 6.0, 0.1, 0.1,
                32, 120.0, 5.0, 0.5, java.util.Set.of(), true);
        SeriesQualifier qualifier = new SeriesQualifier(rules);
        List<SeriesHeader> headers = List.of("series-2-5mm-kernel-L", "series-3-5mm-kernel-B").stream()
                .map(folder -> qualifier.qualify(TestData.completed(TestData.list(study.resolve(folder)))))
                .map(q -> ((Qualification.Qualified) q).series().header()).toList();

        SeriesPreference.Choice choice = preference.choose(headers);

        assertThat(choice.chosen().convolutionKernel()).isEqualTo("L");
        assertThat(choice.chosen().seriesNumber()).hasValue(2);
        assertThat(choice.notChosen()).singleElement().satisfies(n -> {
            assertThat(n.series().convolutionKernel()).isEqualTo("B");
            assertThat(n.reason()).contains("a lung or sharp kernel").contains("kernel L").contains("kernel B");
        });
    }

    private static SeriesHeader header(String uid, int number, double thickness, String kernel, int slices,
                                       double spacing) {
        return new SeriesHeader("1", uid, "9", QualificationRules.CT_IMAGE_STORAGE, "CT", "SIEMENS", "SOMATOM",
                Optional.of(LocalDate.of(2026, 12, 8)), "", OptionalInt.of(number), "CHEST", kernel,
                OptionalDouble.of(120), OptionalInt.empty(), Optional.empty(), 512, 512, slices, 0.7, 0.7, thickness,
                spacing, new Vector3(1, 0, 0), new Vector3(0, 1, 0), new Vector3(0, 0, 1));
    }
}
