package org.lungcad.model.evaluation;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * LUNA16 CSV files: {@code annotations.csv} and {@code annotations_excluded.csv}
 * ({@code seriesuid,coordX,coordY,coordZ,diameter_mm}) and candidate files
 * ({@code seriesuid,coordX,coordY,coordZ,probability}), coordinates in patient LPS mm.
 *
 * <p>Columns are found by header name, as the LUNA16 script does, so extra columns (such as the
 * {@code type} and {@code shape} columns of {@link org.lungcad.model.synthetic.GroundTruthCsv}) are allowed;
 * one of them can serve as the nodule label. Fields are plain: LUNA16 files have no quoting.
 */
public final class Luna16Csv {

    public static final String ANNOTATIONS_HEADER = "seriesuid,coordX,coordY,coordZ,diameter_mm";
    public static final String CANDIDATES_HEADER = "seriesuid,coordX,coordY,coordZ,probability";

    private static final List<String> POINT_COLUMNS = List.of("seriesuid", "coordX", "coordY", "coordZ");

    private Luna16Csv() {
    }

    /** Reference nodules, unlabelled. */
    public static List<ReferenceNodule> readAnnotations(Path file) throws IOException {
        return readAnnotations(file, null);
    }

    /**
     * Reference nodules, labelled from one extra column (e.g. {@code "type"}).
     *
     * @param labelColumn header name of the label column, or null for no labels
     */
    public static List<ReferenceNodule> readAnnotations(Path file, String labelColumn) throws IOException {
        Table t = Table.read(file);
        int[] c = t.columns("diameter_mm");
        int label = labelColumn == null ? -1 : t.index(labelColumn);
        return t.rows(f -> new ReferenceNodule(f[c[0]], point(f, c), Double.parseDouble(f[c[4]]),
                label < 0 ? null : f[label]));
    }

    /** Irrelevant findings; a diameter of -1 (none given) is kept as it is, see {@link ExcludedFinding#radiusMm()}. */
    public static List<ExcludedFinding> readExcluded(Path file) throws IOException {
        Table t = Table.read(file);
        int[] c = t.columns("diameter_mm");
        return t.rows(f -> new ExcludedFinding(f[c[0]], point(f, c), Double.parseDouble(f[c[4]])));
    }

    /** CAD marks. */
    public static List<Detection> readCandidates(Path file) throws IOException {
        Table t = Table.read(file);
        int[] c = t.columns("probability");
        return t.rows(f -> new Detection(f[c[0]], point(f, c), Double.parseDouble(f[c[4]])));
    }

    /** Writes CAD marks with {@link #CANDIDATES_HEADER}; numbers round-trip exactly, so ties stay ties. */
    public static void writeCandidates(Path file, List<Detection> detections) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(CANDIDATES_HEADER);
            w.write('\n');
            for (Detection d : detections) {
                double[] p = d.centerLps();
                // Double.toString is locale-independent and shortest-exact; Python's float() reads it
                w.write(d.seriesUid() + "," + p[0] + "," + p[1] + "," + p[2] + "," + d.score() + "\n");
            }
        }
    }

    private static double[] point(String[] f, int[] c) {
        return new double[] {Double.parseDouble(f[c[1]]), Double.parseDouble(f[c[2]]), Double.parseDouble(f[c[3]])};
    }

    /** A headed CSV file split into fields; row errors are reported with the file and line number. */
    private record Table(Path file, List<String> header, List<String> lines) {

        static Table read(Path file) throws IOException {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (all.isEmpty()) {
                throw new IllegalArgumentException(file + ": empty, expected a header line");
            }
            // tolerate a UTF-8 byte-order mark, which spreadsheet programs write
            String head = all.get(0).startsWith("\uFEFF") ? all.get(0).substring(1) : all.get(0);
            List<String> header = Arrays.stream(head.split(",", -1)).map(String::strip).toList();
            return new Table(file, header, all.subList(1, all.size()));
        }

        int index(String column) {
            int i = header.indexOf(column);
            if (i < 0) {
                throw new IllegalArgumentException(file + ": no column '" + column + "' in header " + header);
            }
            return i;
        }

        /** Indices of seriesuid, coordX, coordY, coordZ and then {@code last}. */
        int[] columns(String last) {
            List<String> wanted = new ArrayList<>(POINT_COLUMNS);
            wanted.add(last);
            return wanted.stream().mapToInt(this::index).toArray();
        }

        <T> List<T> rows(Function<String[], T> parse) {
            List<T> out = new ArrayList<>();
            for (int n = 0; n < lines.size(); n++) {
                String line = lines.get(n);
                if (line.isBlank()) {
                    continue;
                }
                String[] f = Arrays.stream(line.split(",", -1)).map(String::strip).toArray(String[]::new);
                int lineNo = n + 2;
                if (f.length != header.size()) {
                    throw new IllegalArgumentException(file + " line " + lineNo + ": expected " + header.size()
                            + " columns, got " + f.length);
                }
                try {
                    out.add(parse.apply(f));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(file + " line " + lineNo + ": " + e.getMessage(), e);
                }
            }
            return out;
        }
    }
}
