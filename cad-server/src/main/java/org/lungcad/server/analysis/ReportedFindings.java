package org.lungcad.server.analysis;

import java.util.List;
import java.util.Locale;
import org.lungcad.dicom.report.DicomUids;
import org.lungcad.dicom.report.ImagePoint;
import org.lungcad.dicom.report.LungLobe;
import org.lungcad.dicom.report.MalignancyFactor;
import org.lungcad.dicom.report.NoduleType;
import org.lungcad.dicom.report.ReportedFinding;
import org.lungcad.dicom.volume.CtVolume;
import org.lungcad.model.Finding;
import org.lungcad.model.Nodule;

/** Detector findings → the report writers' input: the second place the two libraries' types meet. */
final class ReportedFindings {

    private ReportedFindings() {
    }

    static List<ReportedFinding> of(String seriesInstanceUid, List<Finding> findings, CtVolume volume) {
        return java.util.stream.IntStream.range(0, findings.size())
                .mapToObj(i -> of(seriesInstanceUid, "Nodule " + (i + 1), findings.get(i), volume)).toList();
    }

    private static ReportedFinding of(String seriesUid, String trackingId, Finding f, CtVolume volume) {
        Nodule n = f.nodule();
        double[] centreVoxel = volume.patientToVoxel(n.centerLps());
        ImagePoint[] axis = longAxis(n, volume);
        return new ReportedFinding(trackingId, trackingUid(seriesUid, n), n.centerLps(), centreVoxel,
                n.longAxisMm(), n.shortAxisMm(), n.meanDiameterMm(), n.volumeMm3(), n.meanHu(),
                NoduleType.valueOf(n.type().name()), LungLobe.valueOf(n.lobe().name()), n.detectionScore(),
                f.malignancy().modelApplied() ? f.malignancy().probability() : null,
                f.malignancy().factors().stream()
                        .map(c -> new MalignancyFactor(c.factor(), c.value(), c.logitContribution())).toList(),
                f.lungRads().code(), axis[0], axis[1], List.of());
    }

    /**
     * Stable for the same nodule when a re-opened series is analysed again: derived from the series and the
     * nodule's position on a 5 mm grid (re-analysis moves a centre by far less than that).
     */
    static String trackingUid(String seriesUid, Nodule n) {
        double[] c = n.centerLps();
        return DicomUids.fromName(String.format(Locale.ROOT, "lungcad-nodule:%s:%d:%d:%d", seriesUid,
                Math.round(c[0] / 5), Math.round(c[1] / 5), Math.round(c[2] / 5)));
    }

    /**
     * The measured long axis, drawn on the centre slice: its end points' (i, j) in this volume. They were measured
     * on the axial slice of largest area, at most a few slices from the centre, and the polyline is in-plane.
     */
    private static ImagePoint[] longAxis(Nodule n, CtVolume volume) {
        double[] start = volume.patientToVoxel(n.longAxisStartLps());
        double[] end = volume.patientToVoxel(n.longAxisEndLps());
        return new ImagePoint[] {new ImagePoint(start[0], start[1]), new ImagePoint(end[0], end[1])};
    }
}
