package org.lungcad.dicom.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.lungcad.dicom.report.ReviewSheet.Mark;
import org.lungcad.dicom.report.ReviewSheet.View;
import org.lungcad.dicom.series.SeriesHeader;
import org.lungcad.dicom.series.Vector3;
import org.lungcad.dicom.volume.CtVolume;

class ReviewSheetTest {

    private static final int W = 100;
    private static final int H = 100;
    private static final int D = 40;
    private static final double PIXEL = 0.7;
    private static final double SLICE = 2.0;
    private static final Vector3 ORIGIN = new Vector3(-35, -35, -40);
    /** Centre of an 8 mm ball (0 HU, grey 229) in lung (-850 HU, grey 85). */
    private static final double[] BALL = {-10, -10, 0};
    /** A 3 mm vessel along z through (12, 12): a dot on axial slices, a tube on the others. */
    private static final double[] VESSEL = {12, 12, 0};
    /** A 2 mm bright marker 10 mm to the patient's left (+x) and 10 mm up (+z) of the ball. */
    private static final double[] MARKER = {0, -10, 10};
    private static final double MM_PER_PX = ReviewSheet.FIELD_MM / ReviewSheet.TILE_PX;

    private final CtVolume volume = volume();

    @Test
    void aNoduleIsBrightInTheMiddleOfAllThreeViewsAndDarkBesideIt() {
        for (View view : View.values()) {
            BufferedImage crop = ReviewSheet.crop(volume, view, BALL);
            assertThat(grey(crop, 100, 100)).as(view + " centre").isGreaterThan(200);
            assertThat(grey(crop, 100 + px(7), 100)).as(view + " 7 mm right").isLessThan(100);
            assertThat(grey(crop, 100, 100 - px(7))).as(view + " 7 mm up").isLessThan(100);
        }
    }

    @Test
    void aVesselSeenEndOnIsADotAxiallyAndATubeOnCoronalAndSagittal() {
        BufferedImage axial = ReviewSheet.crop(volume, View.AXIAL, VESSEL);
        assertThat(grey(axial, 100, 100)).isGreaterThan(200);
        assertThat(grey(axial, 100, 100 - px(5))).isLessThan(100);
        for (View view : List.of(View.CORONAL, View.SAGITTAL)) {
            BufferedImage crop = ReviewSheet.crop(volume, view, VESSEL);
            assertThat(grey(crop, 100, 100 - px(15))).as(view + " 15 mm up").isGreaterThan(200);
            assertThat(grey(crop, 100, 100 + px(15))).as(view + " 15 mm down").isGreaterThan(200);
            assertThat(grey(crop, 100 + px(5), 100)).as(view + " 5 mm beside").isLessThan(100);
        }
    }

    @Test
    void viewsAreInRadiologicalOrientation() {
        // axial and coronal: the patient's left (+x) on the right of the image; coronal and sagittal: head (+z) up
        assertThat(grey(ReviewSheet.crop(volume, View.AXIAL, new double[] {-10, -10, 10}), 100 + px(10), 100))
                .isGreaterThan(150);
        assertThat(grey(ReviewSheet.crop(volume, View.CORONAL, BALL), 100 + px(10), 100 - px(10)))
                .isGreaterThan(150);
        // sagittal: anterior (-y) on the left; the marker is 10 mm up at the ball's y
        BufferedImage sagittal = ReviewSheet.crop(volume, View.SAGITTAL, new double[] {0, -10, 0});
        assertThat(grey(sagittal, 100, 100 - px(10))).isGreaterThan(150);
        assertThat(grey(sagittal, 100, 100 + px(10))).isLessThan(100);
    }

    @Test
    void beyondTheScanTheCropShowsWhereTheDataEnds() {
        BufferedImage crop = ReviewSheet.crop(volume, View.CORONAL, new double[] {0, 0, -36});
        assertThat(crop.getRGB(100, 100 + px(15)) & 0xffffff).isEqualTo(0x202040);
        assertThat(grey(crop, 100, 100 - px(15))).isLessThan(100);
    }

    @Test
    void theSheetHasOneRowPerMarkWithTheCropsWhereTheLayoutSaysTheyAre() {
        List<String> header = List.of("series 2.25.2", "LungCAD Nodule Detector 0.1.0");
        List<Mark> marks = List.of(new Mark("1 \u00b7 score 0.92", List.of("solid, 8.0 mm"), BALL, 8),
                new Mark("2 \u00b7 score 0.61", List.of("ground-glass, 3.1 mm"), VESSEL, 3));
        BufferedImage sheet = ReviewSheet.render(volume, header, marks);
        BufferedImage none = ReviewSheet.render(volume, header, List.of());

        int row = ReviewSheet.TILE_PX + ReviewSheet.CAPTION_PX + ReviewSheet.GAP_PX;
        assertThat(sheet.getHeight() - none.getHeight()).isEqualTo(row);
        assertThat(sheet.getWidth()).isEqualTo(ReviewSheet.TEXT_COLUMN_PX + 3 * (ReviewSheet.TILE_PX + 8) + 8);
        for (View view : View.values()) {
            int[] first = ReviewSheet.tileOrigin(header.size(), 0, view);
            int[] second = ReviewSheet.tileOrigin(header.size(), 1, view);
            assertThat(grey(sheet, first[0] + 100, first[1] + 100)).as(view + " ball").isGreaterThan(200);
            // the vessel's row: bright at the centre, and (coronal, sagittal) along the tube
            assertThat(grey(sheet, second[0] + 100, second[1] + 100)).as(view + " vessel").isGreaterThan(200);
            assertThat(grey(sheet, second[0] + 100 + px(15), second[1] + 100)).isLessThan(100);
        }
    }

    private static int px(double mm) {
        return (int) Math.round(mm / MM_PER_PX);
    }

    private static int grey(BufferedImage image, int x, int y) {
        int rgb = image.getRGB(x, y);
        return ((rgb >> 16 & 0xff) + (rgb >> 8 & 0xff) + (rgb & 0xff)) / 3;
    }

    private static CtVolume volume() {
        float[] hu = new float[W * H * D];
        for (int k = 0; k < D; k++) {
            for (int j = 0; j < H; j++) {
                for (int i = 0; i < W; i++) {
                    double x = ORIGIN.x() + i * PIXEL;
                    double y = ORIGIN.y() + j * PIXEL;
                    double z = ORIGIN.z() + k * SLICE;
                    boolean ball = dist(x, y, z, BALL) <= 4;
                    boolean vessel = Math.hypot(x - VESSEL[0], y - VESSEL[1]) <= 1.5;
                    boolean marker = dist(x, y, z, MARKER) <= 1.6 || dist(x, y, z, new double[] {-10, -10, 10}) <= 1.6
                            || dist(x, y, z, new double[] {0, -10, 0}) <= 1.6;
                    hu[(k * H + j) * W + i] = ball || vessel || marker ? 0f : -850f;
                }
            }
        }
        List<String> uids = new ArrayList<>();
        for (int k = 0; k < D; k++) {
            uids.add("2.25.100." + k);
        }
        Vector3 row = new Vector3(1, 0, 0);
        Vector3 column = new Vector3(0, 1, 0);
        Vector3 slice = new Vector3(0, 0, 1);
        SeriesHeader header = new SeriesHeader("2.25.1", "2.25.2", "2.25.3", "1.2.840.10008.5.1.4.1.1.2", "CT", "", "",
                Optional.empty(), "", OptionalInt.empty(), "CHEST", "", OptionalDouble.empty(), OptionalInt.empty(),
                Optional.empty(), H, W, D, PIXEL, PIXEL, SLICE, SLICE, row, column, slice);
        return new CtVolume(W, H, D, PIXEL, PIXEL, SLICE, ORIGIN, row, column, slice, hu, uids, "2.25.3", header);
    }

    private static double dist(double x, double y, double z, double[] c) {
        return Math.sqrt(Math.pow(x - c[0], 2) + Math.pow(y - c[1], 2) + Math.pow(z - c[2], 2));
    }
}
