package org.lungcad.server.offline;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.lungcad.model.evaluation.ExcludedFinding;
import org.lungcad.model.evaluation.Luna16Csv;
import org.lungcad.model.synthetic.placement.NodulePlacer;

/**
 * Findings a source CT already holds (LUNA16 annotations and irrelevant findings of its series). {@code synthesize}
 * keeps its nodules clear of them and writes them, re-keyed to the derived series, to {@value #FILE_NAME}: the
 * ground truth lists inserted nodules only, so for the evaluation of a derived series pass this file as
 * {@code --excluded} (a mark on the real nodule is then neither a hit nor a false positive), or append its rows with
 * a positive diameter to the annotations to score the real nodule too.
 */
public final class KnownFindings {

    public static final String FILE_NAME = "source-findings.csv";
    /** Radius assumed for a LUNA16 irrelevant finding without a diameter, as the LUNA16 script assumes. */
    static final double UNKNOWN_RADIUS_MM = ExcludedFinding.DEFAULT_DIAMETER_MM / 2;

    /** One row; a negative diameter is LUNA16's "none given". */
    public record Row(double[] centerLps, double diameterMm) {
        public NodulePlacer.Known asKnown() {
            return new NodulePlacer.Known(centerLps, diameterMm > 0 ? diameterMm / 2 : UNKNOWN_RADIUS_MM);
        }
    }

    private KnownFindings() {
    }

    /** The LUNA16 annotation-format CSV files in the folder that holds {@code seriesFolder} (as in ../shared/data). */
    public static List<Path> besides(Path seriesFolder) throws IOException {
        Path parent = seriesFolder.toAbsolutePath().normalize().getParent();
        if (parent == null) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(parent)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".csv")).sorted()
                    .filter(KnownFindings::isAnnotationFile).toList();
        }
    }

    /** The rows of {@code seriesUid} in the files, duplicates (same centre and diameter) once. */
    public static List<Row> read(List<Path> files, String seriesUid) throws IOException {
        Set<List<Double>> seen = new LinkedHashSet<>();
        for (Path file : files) {
            // the excluded-findings reader accepts both kinds of rows (and -1 diameters)
            for (ExcludedFinding f : Luna16Csv.readExcluded(file)) {
                if (f.seriesUid().equals(seriesUid)) {
                    double[] c = f.centerLps();
                    seen.add(List.of(c[0], c[1], c[2], f.diameterMm()));
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        seen.forEach(v -> rows.add(new Row(new double[] {v.get(0), v.get(1), v.get(2)}, v.get(3))));
        return rows;
    }

    /** LUNA16 annotation format under the new series UID. */
    public static void write(Path file, List<Row> rows, String seriesUid) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(Luna16Csv.ANNOTATIONS_HEADER + "\n");
            for (Row r : rows) {
                double[] c = r.centerLps();
                w.write(seriesUid + "," + c[0] + "," + c[1] + "," + c[2] + "," + r.diameterMm() + "\n");
            }
        }
    }

    private static boolean isAnnotationFile(Path csv) {
        try (Stream<String> lines = Files.lines(csv, StandardCharsets.UTF_8)) {
            String head = lines.findFirst().orElse("").replace("\uFEFF", "");
            return Arrays.asList(head.split(",", -1)).subList(0, Math.min(5, head.split(",", -1).length))
                    .equals(Arrays.asList(Luna16Csv.ANNOTATIONS_HEADER.split(",")));
        } catch (IOException | RuntimeException e) {
            return false; // unreadable or not text: not an annotation file
        }
    }
}
