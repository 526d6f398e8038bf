package org.lungcad.dicom.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.lungcad.dicom.volume.CtVolume;

/**
 * Writes the key images of one analysed CT series as a Secondary Capture series in the same study: per finding the
 * axial slice through its centre in a lung window, outlined and labelled, and one summary image listing every
 * finding (or saying none was detected). Every image carries the "not for diagnostic use" banner and the
 * algorithm's name and version. Returns the same renderings as PNG. Stateless and thread-safe.
 */
public final class FindingOverlayWriter {

    /** Writes the Secondary Capture files into {@code dicomFolder} as {@code SC_<SOP Instance UID>.dcm}. */
    public List<RenderedOverlay> write(ReportRequest request, Path dicomFolder) throws IOException {
        Files.createDirectories(dicomFolder);
        SourceStudy source = SourceStudy.read(request.source());
        CtVolume volume = request.volume();
        String[] orientation = {
            PatientOrientation.letters(volume.rowDirection()), PatientOrientation.letters(volume.columnDirection())};
        List<RenderedOverlay> overlays = new ArrayList<>();
        List<ReportedFinding> findings = request.findings();
        for (int n = 0; n < findings.size(); n++) {
            ReportedFinding finding = findings.get(n);
            BufferedImage image = OverlayRenderer.finding(volume, finding, request.algorithm());
            String uid = request.overlaySopInstanceUids().get(n);
            WrittenInstance dicom = SecondaryCaptureWriter.write(image, request, source, uid, n + 1,
                    List.of(source.slice(finding.slice())), derivation(finding, request.algorithm()), orientation,
                    dicomFolder.resolve("SC_" + uid + ".dcm"));
            overlays.add(new RenderedOverlay("nodule-" + (n + 1), png(image), dicom));
        }
        BufferedImage summary = OverlayRenderer.summary(volume, findings, request.algorithm(), request.operatingPoint());
        String uid = request.overlaySopInstanceUids().get(findings.size());
        WrittenInstance dicom = SecondaryCaptureWriter.write(summary, request, source, uid, findings.size() + 1,
                findings.stream().map(f -> source.slice(f.slice())).distinct().toList(),
                "Summary of the findings of " + request.algorithm().identity()
                        + " (operating point: " + request.operatingPoint() + "), rendered as text",
                new String[0], dicomFolder.resolve("SC_" + uid + ".dcm"));
        overlays.add(new RenderedOverlay("summary", png(summary), dicom));
        return List.copyOf(overlays);
    }

    /** Writes each rendering as {@code <name>.png} into {@code folder}; returns the files. */
    public static List<Path> writePngs(List<RenderedOverlay> overlays, Path folder) throws IOException {
        Files.createDirectories(folder);
        List<Path> files = new ArrayList<>();
        for (RenderedOverlay overlay : overlays) {
            Path file = folder.resolve(overlay.name() + ".png");
            Files.write(file, overlay.png());
            files.add(file);
        }
        return files;
    }

    private static String derivation(ReportedFinding finding, ReportAlgorithm algorithm) {
        return "Axial CT slice through the centre of " + finding.trackingId() + " in a lung window (W "
                + (int) OverlayRenderer.WINDOW_WIDTH + " / L " + (int) OverlayRenderer.WINDOW_LEVEL
                + ") with outline, long axis and measurements burned in by " + algorithm.identity()
                + "; computer-aided detection, not for diagnostic use";
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", bytes)) {
            throw new IOException("no PNG writer available");
        }
        return bytes.toByteArray();
    }
}
