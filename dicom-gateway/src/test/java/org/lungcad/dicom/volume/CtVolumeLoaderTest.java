package org.lungcad.dicom.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.TagFromName;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lungcad.dicom.series.Qualification;
import org.lungcad.dicom.series.QualificationRules;
import org.lungcad.dicom.series.QualifiedSeries;
import org.lungcad.dicom.series.SeriesQualifier;
import org.lungcad.dicom.series.SkipReason;
import org.lungcad.dicom.testing.SeriesWriter;
import org.lungcad.dicom.testing.TestData;

/** Loading the real LIDC-IDRI-0001 chest CT: size, spacing, HU and the LPS affine checked against LUNA16. */
class CtVolumeLoaderTest {

    /** LUNA16 reference nodule of LIDC-IDRI-0001, patient LPS mm. */
    private static final double[] NODULE = {56.21, 86.34, -115.87};

    private static List<Path> lidc;
    private static CtVolume volume;

    @TempDir
    Path temp;

    @BeforeAll
    static void load() throws VolumeLoadException {
        lidc = TestData.lidcSlicesByZ();
        List<Path> shuffled = new ArrayList<>(lidc);
        Collections.shuffle(shuffled, new Random(3));
        volume = new CtVolumeLoader().load(qualify(shuffled, QualificationRules.defaults()));
    }

    @Test
    void lidcLoadsAtItsSizeAndSpacing() {
        assertThat(volume.columns()).isEqualTo(512);
        assertThat(volume.rows()).isEqualTo(512);
        assertThat(volume.slices()).isEqualTo(133);
        assertThat(volume.hu()).hasSize(512 * 512 * 133);
        assertThat(volume.spacingX()).isEqualTo(0.703125);
        assertThat(volume.spacingY()).isEqualTo(0.703125);
        assertThat(volume.spacingZ()).isCloseTo(2.5, within(1e-6));
        assertThat(volume.origin().toArray()).containsExactly(-166.0, -171.699997, -340.0);
        assertThat(volume.rowDirection().toArray()).containsExactly(1, 0, 0);
        assertThat(volume.columnDirection().toArray()).containsExactly(0, 1, 0);
        assertThat(volume.sliceDirection().toArray()).containsExactly(0, 0, 1);
        assertThat(volume.frameOfReferenceUid()).isEqualTo(volume.header().frameOfReferenceUid());
    }

    @Test
    void slicesAreInPositionOrderWhateverTheOrderOfTheFiles() {
        for (int k = 0; k < volume.slices(); k++) {
            Path file = lidc.get(k);
            assertThat(volume.sopInstanceUids().get(k)).isEqualTo(TestData.value(TestData.header(file), TagFromName.SOPInstanceUID));
            assertThat(volume.voxelToPatient(0, 0, k)[2]).isCloseTo(TestData.position(file)[2], within(1e-6));
        }
    }

    @Test
    void huRangeIsPlausible() {
        HuRange range = volume.huRange();
        // the scanner's fill value outside the field of view (-2048 HU) is clamped to air
        assertThat(range.min()).isEqualTo(-1024f);
        assertThat(range.max()).isGreaterThan(1000f);
    }

    @Test
    void theLuna16NoduleCentreFallsOnItsSliceRowAndColumn() {
        double[] voxel = volume.patientToVoxel(NODULE);
        int i = (int) Math.round(voxel[0]);
        int j = (int) Math.round(voxel[1]);
        int k = (int) Math.round(voxel[2]);

        assertThat(volume.voxelToPatient(i, j, k)[2]).isCloseTo(-115.0, within(1e-6));
        assertThat(j).isBetween(366, 368);
        assertThat(i).isBetween(315, 317);
        assertThat(volume.huAt(i, j, k)).isCloseTo(90f, within(60f));
        double[] back = volume.voxelToPatient(voxel[0], voxel[1], voxel[2]);
        assertThat(back).containsExactly(NODULE, within(1e-9));
    }

    @Test
    void headerOnlyFilesFailToLoadWithAReason() {
        List<Path> headers = new SeriesWriter(temp, false).write(lidc.subList(0, 3), (i, a) -> { });
        QualifiedSeries series = qualify(headers, permissive());

        assertThatThrownBy(() -> new CtVolumeLoader().load(series))
                .isInstanceOfSatisfying(VolumeLoadException.class, e -> assertThat(e.reason()).isEqualTo(SkipReason.UNREADABLE))
                .hasMessageContaining("no pixel data");
    }

    @Test
    void slicesOutOfPlaceAreAGeometryErrorNotACrash() {
        QualifiedSeries series = qualify(lidc.subList(60, 63), permissive());
        List<org.lungcad.dicom.series.ReceivedInstance> swapped =
                List.of(series.slices().get(0), series.slices().get(2), series.slices().get(1));
        QualifiedSeries wrong = new QualifiedSeries(series.series(), swapped, series.header(), series.notes());

        assertThatThrownBy(() -> new CtVolumeLoader().load(wrong))
                .isInstanceOfSatisfying(VolumeLoadException.class,
                        e -> assertThat(e.reason()).isEqualTo(SkipReason.INCONSISTENT_SPACING))
                .hasMessageContaining("5.00 mm from the first slice where 2.50 mm is expected");
    }

    @Test
    void aVolumeOverTheLimitIsRefused() {
        QualifiedSeries series = qualify(lidc.subList(0, 3), permissive());
        assertThatThrownBy(() -> new CtVolumeLoader(512 * 512 * 2).load(series))
                .isInstanceOfSatisfying(VolumeLoadException.class, e -> assertThat(e.reason()).isEqualTo(SkipReason.VOLUME_TOO_LARGE))
                .hasMessageContaining("512×512×3");
    }

    @Test
    void pixelPaddingValueAndRangeBecomeAir() throws Exception {
        // stored 1000 is -24 HU in LIDC (intercept -1024); declared as padding it must read as air
        List<Path> padded = new SeriesWriter(temp, true).write(lidc.subList(60, 62), (i, a) -> {
            a.remove(TagFromName.PixelPaddingValue);
            SeriesWriter.set(a, TagFromName.PixelPaddingValue, "1000");
            if (i == 1) {
                SeriesWriter.set(a, TagFromName.PixelPaddingRangeLimit, "1010");
            }
        });
        CtVolume original = new CtVolumeLoader().load(qualify(lidc.subList(60, 62), permissive()));
        CtVolume loaded = new CtVolumeLoader().load(qualify(padded, permissive()));

        short[] stored0 = TestData.read(lidc.get(60), false).getPixelData().getShortValues();
        short[] stored1 = TestData.read(lidc.get(61), false).getPixelData().getShortValues();
        int size = 512 * 512;
        int padded0 = 0;
        int padded1 = 0;
        for (int p = 0; p < size; p++) {
            boolean pad0 = stored0[p] == 1000;
            boolean pad1 = stored1[p] >= 1000 && stored1[p] <= 1010;
            padded0 += pad0 ? 1 : 0;
            padded1 += pad1 ? 1 : 0;
            assertThat(loaded.hu()[p]).isEqualTo(pad0 ? -1024f : original.hu()[p]);
            assertThat(loaded.hu()[size + p]).isEqualTo(pad1 ? -1024f : original.hu()[size + p]);
        }
        assertThat(padded0).as("pixels at the padding value").isPositive();
        assertThat(padded1).isGreaterThan(padded0 / 2);
        assertThat(Attribute.getSingleIntegerValueOrDefault(TestData.header(padded.get(0)), TagFromName.PixelPaddingValue, 0))
                .isEqualTo(1000);
    }

    static QualifiedSeries qualify(List<Path> files, QualificationRules rules) {
        Qualification result = new SeriesQualifier(rules).qualify(TestData.completed(files));
        assertThat(result).as(result.toString()).isInstanceOf(Qualification.Qualified.class);
        return ((Qualification.Qualified) result).series();
    }

    /** Rules that accept a short, partial-body series, to test loading alone. */
    static QualificationRules permissive() {
        return QualificationRules.defaults().withMinSlices(2).withMinCoverageMm(0)
                .withBodyParts(java.util.Set.of("PARTIALBODY", "CHEST"));
    }
}
