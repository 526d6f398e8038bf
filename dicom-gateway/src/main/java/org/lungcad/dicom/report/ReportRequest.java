package org.lungcad.dicom.report;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import org.lungcad.dicom.series.QualifiedSeries;
import org.lungcad.dicom.volume.CtVolume;

/**
 * Everything the writers need for the results of one analysed CT series. The caller supplies every UID, so that a
 * resend reuses them and a re-analysis writes a new SR instance into the same results series (DESIGN.md, 3).
 *
 * @param source                 the analysed series; its slices are the evidence and the referenced images
 * @param volume                 the volume the findings' voxel coordinates refer to, loaded from {@code source}
 * @param operatingPoint         how findings were selected, e.g. "score >= 0.5, at most 10 marks"
 * @param reportSeries           the SR's series
 * @param reportSopInstanceUid   the SR's SOP Instance UID
 * @param overlaySeries          the Secondary Capture series
 * @param overlaySopInstanceUids one per finding, in order, then one for the summary image
 * @param contentDateTime        Content Date/Time of every output (local time of the analysis)
 */
public record ReportRequest(
        QualifiedSeries source,
        CtVolume volume,
        List<ReportedFinding> findings,
        ReportAlgorithm algorithm,
        String operatingPoint,
        OutputSeries reportSeries,
        String reportSopInstanceUid,
        int reportInstanceNumber,
        OutputSeries overlaySeries,
        List<String> overlaySopInstanceUids,
        LocalDateTime contentDateTime) {

    public ReportRequest {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(operatingPoint, "operatingPoint");
        Objects.requireNonNull(reportSeries, "reportSeries");
        Objects.requireNonNull(overlaySeries, "overlaySeries");
        Objects.requireNonNull(contentDateTime, "contentDateTime");
        DicomUids.requireValid(reportSopInstanceUid, "reportSopInstanceUid");
        findings = List.copyOf(findings);
        overlaySopInstanceUids = List.copyOf(overlaySopInstanceUids);
        overlaySopInstanceUids.forEach(uid -> DicomUids.requireValid(uid, "overlay SOP Instance UID"));
        if (!volume.sopInstanceUids().equals(source.slices().stream().map(s -> s.sopInstanceUid()).toList())) {
            throw new IllegalArgumentException("the volume was not loaded from the source series' slices");
        }
        if (reportSeries.seriesInstanceUid().equals(overlaySeries.seriesInstanceUid())) {
            throw new IllegalArgumentException("the SR and the Secondary Capture images need their own series");
        }
        if (overlaySopInstanceUids.size() != findings.size() + 1) {
            throw new IllegalArgumentException(overlaySopInstanceUids.size() + " overlay UIDs for " + findings.size()
                    + " findings: one per finding and one for the summary are needed");
        }
        if (reportInstanceNumber < 1) {
            throw new IllegalArgumentException("instance number must be positive");
        }
        for (ReportedFinding finding : findings) {
            int k = finding.slice();
            if (k < 0 || k >= volume.slices()) {
                throw new IllegalArgumentException(finding.trackingId() + " lies outside the volume (slice " + k + ")");
            }
        }
    }

    /** Overlay UIDs derived from a name the caller keeps (e.g. its job key): the same name gives the same UIDs. */
    public static List<String> overlayUidsFromName(String name, int findingCount) {
        return IntStream.rangeClosed(0, findingCount)
                .mapToObj(n -> DicomUids.fromName(name + "/sc/" + (n == findingCount ? "summary" : n + 1)))
                .toList();
    }
}
