package org.lungcad.server.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.lungcad.model.evaluation.BucketSensitivity;
import org.lungcad.model.evaluation.Detection;
import org.lungcad.model.evaluation.ExcludedFinding;
import org.lungcad.model.evaluation.FrocEvaluator;
import org.lungcad.model.evaluation.FrocReport;
import org.lungcad.model.evaluation.Luna16Csv;
import org.lungcad.model.evaluation.OperatingPointResult;
import org.lungcad.model.evaluation.ReferenceNodule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * LUNA16 scoring of CAD marks (the {@code candidates.csv} of {@code analyze}) against a reference standard: FROC,
 * CPM, and sensitivity, FPs per scan and per-bucket sensitivity at one operating point. Several files of each kind
 * may be given (repeat the option or separate with commas); they are concatenated.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "LUNA16 FROC / CPM of CAD marks against reference annotations.")
class EvaluateCommand implements Callable<Integer> {

    /** The column {@code synthesize} writes the nodule type into; used as the bucket label when present. */
    static final String LABEL_COLUMN = "type";
    /** The column {@code synthesize} writes the placement into; a second bucket table when present. */
    static final String PLACEMENT_COLUMN = "placement";

    @Option(names = "--candidates", required = true, split = ",",
            description = "LUNA16 candidates CSV(s): seriesuid,coordX,coordY,coordZ,probability")
    List<Path> candidates;

    @Option(names = "--annotations", required = true, split = ",",
            description = "LUNA16 annotations CSV(s): seriesuid,coordX,coordY,coordZ,diameter_mm[,type,...]")
    List<Path> annotations;

    @Option(names = "--excluded", split = ",",
            description = "LUNA16 irrelevant findings CSV(s): marks inside them are neither hits nor false positives")
    List<Path> excluded = new ArrayList<>();

    @Option(names = "--reported", split = ",",
            description = "the marks the product reported (analyze's reported.csv): scored as one more operating"
                    + " point, with the detector's size minimums and per-scan cap as they were applied")
    List<Path> reported = new ArrayList<>();

    @Option(names = "--scans",
            description = "scans evaluated, the FP-rate denominator"
                    + " (default: distinct series in annotations and candidates)")
    Integer scans;

    @Option(names = "--threshold", defaultValue = "0.5",
            description = "operating-point score threshold (default: ${DEFAULT-VALUE})")
    double threshold;

    @Option(names = "--label-column",
            description = "annotation column to bucket sensitivity by, e.g. type or placement (default: type, and"
                    + " a second table by placement when the annotations have that column)")
    String labelColumn;

    private final PrintStream out = System.out;

    @Override
    public Integer call() {
        try {
            String primary = labelColumn != null ? labelColumn.strip() : LABEL_COLUMN;
            if (labelColumn != null && !anyHas(primary)) {
                throw new IllegalArgumentException("no annotations file has a column '" + primary + "'");
            }
            List<ReferenceNodule> references = references(primary);
            List<ExcludedFinding> irrelevant = new ArrayList<>();
            for (Path file : excluded) {
                irrelevant.addAll(Luna16Csv.readExcluded(file));
            }
            List<Detection> marks = new ArrayList<>();
            for (Path file : candidates) {
                marks.addAll(Luna16Csv.readCandidates(file));
            }
            Set<String> series = new TreeSet<>();
            references.forEach(r -> series.add(r.seriesUid()));
            marks.forEach(d -> series.add(d.seriesUid()));
            int scanCount = scans != null ? scans : Math.max(1, series.size());
            out.printf("%d reference nodule(s), %d irrelevant finding(s), %d mark(s); %d scan(s)%s%n",
                    references.size(), irrelevant.size(), marks.size(), scanCount,
                    scans != null ? "" : " (distinct series in annotations and candidates)");
            FrocEvaluator evaluator = FrocEvaluator.of(references, irrelevant, marks, scanCount);
            out.println();
            out.print(FrocReport.format(evaluator.froc(), evaluator.atThreshold(threshold)));
            if (!reported.isEmpty()) {
                List<Detection> reportedMarks = new ArrayList<>();
                for (Path file : reported) {
                    reportedMarks.addAll(Luna16Csv.readCandidates(file));
                }
                out.println();
                // every reported mark counts, whatever its score: the product decided to show it
                out.print(FrocReport.formatReported(FrocEvaluator.of(references, irrelevant, reportedMarks, scanCount)
                        .atThreshold(Double.NEGATIVE_INFINITY), scanCount));
            }
            if (labelColumn == null && anyHas(PLACEMENT_COLUMN)) {
                // same marks and matching, nodules labelled by placement instead of type
                printLabelBuckets(PLACEMENT_COLUMN, FrocEvaluator.of(references(PLACEMENT_COLUMN), irrelevant, marks,
                        scanCount).atThreshold(threshold));
            }
            return 0;
        } catch (NoSuchFileException e) {
            out.println("cannot evaluate: no such file " + e.getFile());
            return 2;
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            // a missing or malformed file is bad input: one line saying which and why
            out.println("cannot evaluate: " + e.getMessage());
            return 2;
        }
    }

    private List<ReferenceNodule> references(String column) throws IOException {
        List<ReferenceNodule> references = new ArrayList<>();
        for (Path file : annotations) {
            references.addAll(Luna16Csv.readAnnotations(file, hasColumn(file, column) ? column : null));
        }
        return references;
    }

    private boolean anyHas(String column) throws IOException {
        for (Path file : annotations) {
            if (hasColumn(file, column)) {
                return true;
            }
        }
        return false;
    }

    private void printLabelBuckets(String column, OperatingPointResult op) {
        out.println();
        out.printf(Locale.ROOT, "Operating point by %s: score >= %.4f%n", column, op.threshold());
        String row = "  %-" + Math.max(6, column.length()) + "s %-20s %7s %8s %11s%n";
        out.printf(Locale.ROOT, row, "by", "bucket", "nodules", "detected", "sensitivity");
        for (BucketSensitivity b : op.buckets()) {
            if (b.grouping() == BucketSensitivity.Grouping.LABEL) {
                out.printf(Locale.ROOT, row, column, b.bucket(), b.nodules(), b.detected(),
                        Double.isNaN(b.sensitivity()) ? "n/a" : String.format(Locale.ROOT, "%.3f", b.sensitivity()));
            }
        }
    }

    private static boolean hasColumn(Path csv, String column) throws IOException {
        try (var lines = Files.lines(csv, StandardCharsets.UTF_8)) {
            String head = lines.findFirst().orElse("").replace("\uFEFF", "");
            return Arrays.stream(head.split(",", -1)).map(String::strip).anyMatch(column::equals);
        }
    }
}
