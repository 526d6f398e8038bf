package org.lungcad.server.analysis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.ArrayList;
import java.util.List;
import org.lungcad.dicom.report.DicomUids;
import org.lungcad.dicom.report.FindingOverlayWriter;
import org.lungcad.dicom.report.MeasurementReportWriter;
import org.lungcad.dicom.report.OutputSeries;
import org.lungcad.dicom.report.RenderedOverlay;
import org.lungcad.dicom.report.ReportAlgorithm;
import org.lungcad.dicom.report.ReportRequest;
import org.lungcad.dicom.report.ReportedFinding;
import org.lungcad.dicom.report.WrittenInstance;
import org.lungcad.dicom.series.QualifiedSeries;
import org.lungcad.dicom.volume.CtVolume;
import org.lungcad.model.AlgorithmIdentity;
import org.lungcad.model.Finding;

/**
 * Writes one analysis' DICOM results (TID 1500 SR + Secondary Capture marks) and their PNG renderings.
 * UIDs are derived from the source series, so a resend reuses them and a re-analysis (next generation) adds a
 * new SR instance to the SAME results series instead of opening a competing one.
 */
public final class ResultWriter {

    /** Series numbers of the results, far from the scanner's own numbering. */
    static final int REPORT_SERIES_NUMBER = 9901;
    static final int OVERLAY_SERIES_NUMBER = 9902;

    private final MeasurementReportWriter reportWriter = new MeasurementReportWriter();
    private final FindingOverlayWriter overlayWriter = new FindingOverlayWriter();
    private final Clock clock;

    /** @param clock the content date and time of what is written */
    public ResultWriter(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What was written: the DICOM files to deliver (SR first) and the folder of PNGs for people. */
    public record WrittenResults(Path folder, String reportSopInstanceUid, List<Path> dicomFiles, List<Path> pngs) {
    }

    public WrittenResults write(Path folder, int generation, QualifiedSeries source, CtVolume volume,
                                List<Finding> findings, AlgorithmIdentity algorithm, String operatingPoint)
            throws IOException {
        String seriesUid = source.series().seriesInstanceUid();
        List<ReportedFinding> reported = ReportedFindings.of(seriesUid, findings, volume);
        String reportUid = DicomUids.fromName("lungcad-sr:" + seriesUid + ":" + generation);
        ReportRequest request = new ReportRequest(source, volume, reported,
                new ReportAlgorithm(algorithm.name(), algorithm.version(), List.of(algorithm.parameters()),
                        algorithm.learnedModel()),
                operatingPoint,
                new OutputSeries(DicomUids.fromName("lungcad-sr-series:" + seriesUid), REPORT_SERIES_NUMBER),
                reportUid, generation,
                new OutputSeries(DicomUids.fromName("lungcad-sc-series:" + seriesUid), OVERLAY_SERIES_NUMBER),
                ReportRequest.overlayUidsFromName("lungcad-sc:" + seriesUid + ":" + generation, reported.size()),
                LocalDateTime.now(clock));
        Path dicomFolder = Files.createDirectories(folder.resolve("dicom"));
        WrittenInstance report = reportWriter.write(request, dicomFolder);
        List<RenderedOverlay> overlays = overlayWriter.write(request, dicomFolder);
        List<Path> files = new ArrayList<>();
        files.add(report.file());
        overlays.forEach(o -> files.add(o.dicom().file()));
        List<Path> pngs = FindingOverlayWriter.writePngs(overlays, Files.createDirectories(folder.resolve("png")));
        return new WrittenResults(folder, reportUid, List.copyOf(files), pngs);
    }
}
