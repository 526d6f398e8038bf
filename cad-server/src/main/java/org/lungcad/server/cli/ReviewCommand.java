package org.lungcad.server.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.lungcad.dicom.report.ReviewSheet;
import org.lungcad.dicom.series.CompletedSeries;
import org.lungcad.server.analysis.FindingSummary;
import org.lungcad.server.offline.DicomFolder;
import org.lungcad.server.offline.FindingsFile;
import org.lungcad.server.offline.FindingsFile.CandidateEntry;
import org.lungcad.server.offline.FindingsFile.SeriesEntry;
import org.lungcad.server.offline.FindingsFile.Status;
import org.lungcad.server.offline.LoadedSeries;
import org.lungcad.server.offline.OfflineSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Contact sheets of an analysis' marks (axial, coronal and sagittal crops of each), so that a person can check
 * them without a reference standard: a vessel seen end-on is a dot on the axial crop and a tube on the others.
 */
@Command(name = "review", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Render every mark of an analysis as axial / coronal / sagittal crops into one PNG per series.")
class ReviewCommand implements Callable<Integer> {

    /** Six rows keep a sheet about a screen and a half tall at full resolution. */
    static final int MARKS_PER_SHEET = 6;

    @Option(names = "--input", required = true, description = "the DICOM folder that was analysed")
    Path input;

    @Option(names = "--findings", required = true,
            description = "findings.json written by analyze, or the analyze output folder holding it")
    Path findings;

    @Option(names = "--output", required = true, description = "folder for <seriesUID>-review-N.png")
    Path output;

    @Option(names = "--candidates", defaultValue = "0",
            description = "also show this many of the highest-scored unreported candidates (needs analyze "
                    + "--all-candidates; default: ${DEFAULT-VALUE})")
    int candidates;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws IOException {
        OfflineSettings.quietLogging(false);
        Path file = Files.isDirectory(findings) ? findings.resolve("findings.json") : findings;
        if (!Files.isRegularFile(file)) {
            out.println("No findings file " + file.toAbsolutePath() + ": pass analyze's findings.json or its folder.");
            return 2;
        }
        if (!Files.isDirectory(input)) {
            out.println("No input folder " + input.toAbsolutePath() + ": pass the DICOM folder that was analysed.");
            return 2;
        }
        if (candidates < 0) {
            out.println("--candidates must not be negative: " + candidates);
            return 2;
        }
        FindingsFile analysis;
        try {
            analysis = FindingsFile.read(file);
        } catch (IOException e) {
            out.println("Cannot read " + file + " as analyze's findings.json: " + e.getMessage());
            return 2;
        }
        Files.createDirectories(output);
        Map<String, CompletedSeries> onDisk = DicomFolder.scan(input).series().stream()
                .collect(Collectors.toMap(CompletedSeries::seriesInstanceUid, Function.identity(), (a, b) -> a));
        out.println("LungCAD review \u2014 computer-aided detection, not a diagnosis");
        int written = 0;
        int missing = 0;
        for (SeriesEntry entry : analysis.series()) {
            if (entry.status() != Status.ANALYSED) {
                continue;
            }
            CompletedSeries series = onDisk.get(entry.seriesInstanceUid());
            if (series == null) {
                out.println("  series " + entry.seriesInstanceUid() + ": not in " + input);
                missing++;
                continue;
            }
            Optional<LoadedSeries> loaded = LoadedSeries.load(series, out);
            if (loaded.isEmpty()) {
                missing++;
                continue;
            }
            List<ReviewSheet.Mark> marks = marks(entry);
            int pages = Math.max(1, (marks.size() + MARKS_PER_SHEET - 1) / MARKS_PER_SHEET);
            for (int page = 0; page < pages; page++) {
                List<ReviewSheet.Mark> part = marks.subList(page * MARKS_PER_SHEET,
                        Math.min(marks.size(), (page + 1) * MARKS_PER_SHEET));
                Path png = output.resolve(String.format(Locale.ROOT, "%s-review-%d.png", entry.seriesInstanceUid(),
                        page + 1));
                ImageIO.write(ReviewSheet.render(loaded.get().volume(),
                        header(entry, marks.size(), page + 1, pages), part), "png", png.toFile());
            }
            out.printf(Locale.ROOT, "  series %s: %d mark(s) -> %d sheet(s) %s-review-N.png%n",
                    entry.seriesInstanceUid(), marks.size(), pages, output.resolve(entry.seriesInstanceUid()));
            marks.forEach(m -> out.printf(Locale.ROOT, "    %-28s %s at (%.1f, %.1f, %.1f) mm%n", m.title(),
                    m.details().get(0), m.centerLps()[0], m.centerLps()[1],
                    m.centerLps()[2]));
            written++;
        }
        out.printf(Locale.ROOT, "%d sheet(s) written to %s%s%n", written, output,
                missing > 0 ? ", " + missing + " series not found or not loadable" : "");
        return missing > 0 ? 1 : 0;
    }

    private List<String> header(SeriesEntry entry, int shown, int page, int pages) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "Series %s \u00b7 sheet %d of %d", entry.seriesInstanceUid(), page,
                pages));
        if (entry.algorithm() != null) {
            lines.add(entry.algorithm());
        }
        lines.add(String.format(Locale.ROOT, "%d reported finding(s), %d mark(s) shown; crops %.0f mm, lung window "
                + "W1500 L-600; circle 2 mm outside the measured size", entry.findings().size(), shown,
                ReviewSheet.FIELD_MM));
        return lines;
    }

    /** The reported findings in report order, then the best unreported candidates. */
    private List<ReviewSheet.Mark> marks(SeriesEntry entry) {
        List<ReviewSheet.Mark> marks = new ArrayList<>();
        for (FindingSummary f : entry.findings()) {
            marks.add(new ReviewSheet.Mark(String.format(Locale.ROOT, "%s \u00b7 score %.2f", f.id(),
                    f.detectionScore()), List.of(
                    String.format(Locale.ROOT, "%s, %.1f \u00d7 %.1f mm (mean %.1f)", f.type(), f.longAxisMm(),
                            f.shortAxisMm(), f.meanDiameterMm()),
                    String.format(Locale.ROOT, "mean %.0f HU, %.0f mm\u00b3", f.meanHu(), f.volumeMm3()),
                    f.lobe() + (f.lungRads() != null ? ", Lung-RADS " + f.lungRads() : "")),
                    f.centerLpsMm(), f.meanDiameterMm()));
        }
        if (candidates > 0 && entry.candidates() != null) {
            entry.candidates().stream().filter(c -> !c.reported())
                    .sorted(Comparator.comparingDouble(CandidateEntry::detectionScore).reversed())
                    .limit(candidates)
                    .forEach(c -> marks.add(new ReviewSheet.Mark(String.format(Locale.ROOT,
                            "candidate \u00b7 score %.2f", c.detectionScore()), List.of(
                            String.format(Locale.ROOT, "%s, %.1f mm", c.type() == null ? "not segmented" : c.type(),
                                    c.diameterMm()),
                            c.meanHu() == null ? "" : String.format(Locale.ROOT, "mean %.0f HU", c.meanHu()),
                            c.learnedProbability() == null
                                    ? String.format(Locale.ROOT, "blob ratio %.2f, response %.3f", c.blobRatio(),
                                            c.filterResponse())
                                    : String.format(Locale.ROOT, "features %.2f, model %.2f", c.transparentScore(),
                                            c.learnedProbability()),
                            "not reported"), c.centerLpsMm(), c.diameterMm())));
        }
        return marks;
    }
}
