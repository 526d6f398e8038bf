package org.lungcad.server.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.lungcad.dicom.series.CompletedSeries;
import org.lungcad.model.engine.DetectorRuntime;
import org.lungcad.model.evaluation.Detection;
import org.lungcad.model.evaluation.Luna16Csv;
import org.lungcad.server.analysis.SeriesOutcome;
import org.lungcad.server.analysis.SeriesRunner;
import org.lungcad.server.analysis.StageTiming;
import org.lungcad.server.config.LungCadProperties;
import org.lungcad.server.offline.DicomFolder;
import org.lungcad.server.offline.FindingsFile;
import org.lungcad.server.offline.FindingsFile.SeriesEntry;
import org.lungcad.server.offline.FindingsFile.Status;
import org.lungcad.server.offline.OfflineSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The node's analysis on DICOM files from disk, without the web server or the DICOM listener: per series the same
 * qualification, loading, detection, scoring and SR/SC output as a study routed from a PACS, plus
 * {@code findings.json} and a LUNA16 candidates file for {@code evaluate}.
 */
@Command(name = "analyze", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Analyse the DICOM series in a folder offline (no server, no network).")
class AnalyzeCommand implements Callable<Integer> {

    @Option(names = "--input", required = true, description = "folder of DICOM files, read recursively")
    Path input;

    @Option(names = "--output", required = true,
            description = "results folder: findings.json, candidates.csv, reported.csv and <seriesUID>/ (SR, SC, PNG)")
    Path output;

    @Option(names = "--all-candidates",
            description = "write every scored candidate to findings.json and candidates.csv (for FROC analysis)")
    boolean allCandidates;

    @Option(names = "--threshold", description = "detection score threshold in [0, 1] (default: the detector's, 0.5)")
    Double threshold;

    @Option(names = "--max-marks", description = "most nodules reported per scan, 0-100 (default: the detector's, 10)")
    Integer maxMarks;

    @Option(names = "--storage", defaultValue = "lungcad-data",
            description = "data directory holding the DJL engine cache, as the node's (default: ${DEFAULT-VALUE})")
    Path storage;

    @Option(names = "--learned-model",
            description = "model directory name of the learned stage in the models directory, or none (default: the "
                    + "bundled model)")
    String learnedModel;

    @Option(names = "--models-directory", description = "where model directories are (default: <storage>/models)")
    Path modelsDirectory;

    @Option(names = "--cpu", description = "never use a GPU")
    boolean cpuOnly;

    @Option(names = "--verbose", description = "show library log messages at INFO")
    boolean verbose;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        OfflineSettings.quietLogging(verbose);
        if (!Files.isDirectory(input)) {
            out.println("No input folder " + input.toAbsolutePath() + ": pass --input DIR with DICOM files.");
            return 2;
        }
        LungCadProperties properties;
        try {
            properties = OfflineSettings.properties(storage, threshold, maxMarks, cpuOnly, 1, learnedModel, modelsDirectory);
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            return 2;
        }
        Files.createDirectories(output);
        long start = System.nanoTime();
        DicomFolder.Scan scan = DicomFolder.scan(input);
        out.printf(Locale.ROOT, "LungCAD analyze — computer-aided detection, not a diagnosis%n");
        out.printf(Locale.ROOT, "%s: %d series, %d file(s) not DICOM%s%n", input, scan.series().size(),
                scan.ignored().size(),
                scan.duplicates() > 0 ? ", " + scan.duplicates() + " duplicate instance(s) ignored" : "");
        scan.ignored().forEach(f -> out.printf("  skipped file %s: %s%n", input.relativize(f.file()), f.reason()));

        List<SeriesEntry> entries = new ArrayList<>();
        List<Detection> marks = new ArrayList<>();
        try (DetectorRuntime runtime = new DetectorRuntime(properties.detectorRuntime())) {
            SeriesRunner runner = SeriesRunner.withDefaultRules(runtime);
            out.println("operating point: " + runtime.operatingPoint());
            for (CompletedSeries series : scan.series()) {
                out.printf(Locale.ROOT, "%nseries %s (%d instance(s))%n", series.seriesInstanceUid(),
                        series.instances().size());
                long t = System.nanoTime();
                SeriesOutcome outcome = runner.run(series, output.resolve(series.seriesInstanceUid()),
                        SeriesRunner.Progress.NONE);
                SeriesEntry entry = SeriesEntry.of(series, outcome, (System.nanoTime() - t) / 1_000_000,
                        allCandidates);
                entries.add(entry);
                marks.addAll(marks(entry));
                print(outcome, entry);
            }
        }
        new FindingsFile(entries).write(output.resolve("findings.json"));
        Luna16Csv.writeCandidates(output.resolve("candidates.csv"), marks);
        // what the product reported, for evaluate --reported (the same as candidates.csv without --all-candidates)
        Luna16Csv.writeCandidates(output.resolve("reported.csv"), reportedMarks(entries));
        long analysed = entries.stream().filter(e -> e.status() == Status.ANALYSED).count();
        long skipped = entries.stream().filter(e -> e.status() == Status.SKIPPED).count();
        long failed = entries.stream().filter(e -> e.status() == Status.FAILED).count();
        out.printf(Locale.ROOT, "%n%d analysed, %d skipped, %d failed in %.1f s; %d %s in %s%n", analysed, skipped,
                failed, (System.nanoTime() - start) / 1e9, marks.size(), allCandidates ? "candidates" : "findings",
                output.resolve("candidates.csv"));
        out.println("findings.json: " + output.resolve("findings.json"));
        return failed > 0 ? 1 : 0;
    }

    /** The LUNA16 marks of a series: its findings, or every candidate with {@code --all-candidates}. */
    private static List<Detection> marks(SeriesEntry e) {
        String uid = e.seriesInstanceUid();
        return e.candidates() != null
                ? e.candidates().stream().map(c -> new Detection(uid, c.centerLpsMm(), c.detectionScore())).toList()
                : e.findings().stream().map(f -> new Detection(uid, f.centerLpsMm(), f.detectionScore())).toList();
    }

    /** The findings the product reported, every series. */
    private static List<Detection> reportedMarks(List<SeriesEntry> entries) {
        return entries.stream().filter(e -> e.findings() != null).flatMap(e -> e.findings().stream()
                .map(f -> new Detection(e.seriesInstanceUid(), f.centerLpsMm(), f.detectionScore()))).toList();
    }

    private void print(SeriesOutcome outcome, SeriesEntry e) {
        switch (e.status()) {
            case SKIPPED -> out.println("  skipped: " + e.reasonCode() + ": " + e.reason());
            case FAILED -> out.println("  FAILED (" + e.reasonCode() + "): " + e.reason());
            case ANALYSED -> {
                FindingsTable.print(out, ((SeriesOutcome.Analysed) outcome).algorithmLine(), e.findings());
                if (e.candidates() != null) {
                    out.printf("  %d candidate(s) scored, %d reported%n", e.candidates().size(),
                            e.candidates().stream().filter(FindingsFile.CandidateEntry::reported).count());
                }
            }
        }
        out.println("  timings:");
        for (StageTiming t : e.timingsMs()) {
            out.printf(Locale.ROOT, "    %-32s %7d ms%n", t.stage(), t.millis());
        }
        out.printf(Locale.ROOT, "    %-32s %7d ms%n", "total", e.totalMs());
    }
}
