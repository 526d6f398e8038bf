package org.lungcad.server.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.lungcad.dicom.series.Vector3;
import org.lungcad.dicom.report.ReportedFinding;
import org.lungcad.dicom.series.SeriesHeader;
import org.lungcad.dicom.volume.CtVolume;
import org.lungcad.model.AlgorithmIdentity;
import org.lungcad.model.Finding;
import org.lungcad.model.Lobe;
import org.lungcad.model.LungRadsCategory;
import org.lungcad.model.MalignancyEstimate;
import org.lungcad.model.Nodule;
import org.lungcad.model.NoduleType;

class ReportedFindingsTest {

    /** 40 x 30 x 5 voxels at 0.7 x 0.8 x 2 mm; rows run towards patient right (-x): a flipped acquisition. */
    private static final Vector3 ORIGIN = new Vector3(100, -50, -200);
    private static final Vector3 ROW = new Vector3(-1, 0, 0);
    private static final Vector3 COLUMN = new Vector3(0, 1, 0);
    private static final Vector3 SLICE = new Vector3(0, 0, -1);

    @Test
    void longAxisIsTheMeasuredEndPointsInVoxelCoordinates() {
        CtVolume volume = volume();
        // centre at voxel (20, 15, 2); long axis 10 mm at 30 degrees in the axial plane, measured one slice off
        double[] centre = lps(20, 15, 2);
        double[] u = {Math.cos(Math.toRadians(30)), Math.sin(Math.toRadians(30)), 0};
        double[] start = {centre[0] - 5 * u[0], centre[1] - 5 * u[1], centre[2] - 2};
        double[] end = {centre[0] + 5 * u[0], centre[1] + 5 * u[1], centre[2] - 2};
        Nodule n = new Nodule(new double[] {20, 15, 2}, centre, 10, 6, start, end, 8, 180, 20, 60, 8,
                NoduleType.SOLID, Lobe.LEFT_UPPER, 0.8, 1.6, 0.1, 0.9);
        Finding f = new Finding(n, MalignancyEstimate.notApplicable("test", "none"), LungRadsCategory.CATEGORY_3,
                AlgorithmIdentity.current("test"));

        ReportedFinding r = ReportedFindings.of("2.25.7", List.of(f), volume).get(0);

        double[] s = volume.patientToVoxel(start);
        double[] e = volume.patientToVoxel(end);
        assertThat(r.longAxisStart().i()).isCloseTo(s[0], within(1e-9));
        assertThat(r.longAxisStart().j()).isCloseTo(s[1], within(1e-9));
        assertThat(r.longAxisEnd().i()).isCloseTo(e[0], within(1e-9));
        assertThat(r.longAxisEnd().j()).isCloseTo(e[1], within(1e-9));
        // x runs against the rows here: the end with the larger patient x has the smaller column
        assertThat(r.longAxisEnd().i()).isLessThan(r.longAxisStart().i());
        double di = (r.longAxisEnd().i() - r.longAxisStart().i()) * 0.7;
        double dj = (r.longAxisEnd().j() - r.longAxisStart().j()) * 0.8;
        assertThat(Math.hypot(di, dj)).as("drawn length, mm").isCloseTo(10, within(1e-9));
        assertThat(r.centreVoxel()[2]).as("drawn on the centre slice").isCloseTo(2, within(1e-9));
    }

    private static double[] lps(double i, double j, double k) {
        return new double[] {
            ORIGIN.x() + i * 0.7 * ROW.x(), ORIGIN.y() + j * 0.8 * COLUMN.y(), ORIGIN.z() + k * 2 * SLICE.z()};
    }

    private static CtVolume volume() {
        int w = 40;
        int h = 30;
        int d = 5;
        List<String> uids = new ArrayList<>();
        for (int k = 0; k < d; k++) {
            uids.add("2.25.100." + k);
        }
        SeriesHeader header = new SeriesHeader("2.25.1", "2.25.7", "2.25.9", "1.2.840.10008.5.1.4.1.1.2", "CT", "", "",
                Optional.empty(), "", OptionalInt.empty(), "CHEST", "", OptionalDouble.empty(), OptionalInt.empty(),
                Optional.empty(), h, w, d, 0.8, 0.7, 2, 2, ROW, COLUMN, SLICE);
        return new CtVolume(w, h, d, 0.7, 0.8, 2, ORIGIN, ROW, COLUMN, SLICE, new float[w * h * d], uids, "2.25.9",
                header);
    }
}
