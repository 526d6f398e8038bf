package org.lungcad.model.synthetic;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lungcad.model.NoduleType;

/**
 * Ground truth as a LUNA16 annotations file: the first five columns are exactly LUNA16's
 * ({@code seriesuid,coordX,coordY,coordZ,diameter_mm}, world LPS mm), so LUNA16 evaluation scripts read it;
 * the synthetic details follow as extra columns, {@code placement} last so that older readers that split on the
 * first eleven columns keep working. Files written before placements existed ({@link #HEADER_V1}) are still read;
 * their nodules were all placed freely.
 */
public final class GroundTruthCsv {

    public static final String HEADER_V1 =
            "seriesuid,coordX,coordY,coordZ,diameter_mm,type,shape,solid_component_mm,mean_hu,noise_sd_hu,seed";
    public static final String HEADER = HEADER_V1 + ",placement";

    private GroundTruthCsv() {
    }

    public static void write(Path file, List<GroundTruth> rows) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(HEADER);
            w.write('\n');
            for (GroundTruth g : rows) {
                double[] c = g.centerLps();
                w.write(String.format(Locale.ROOT, "%s,%.4f,%.4f,%.4f,%.4f,%s,%s,%.4f,%.1f,%.2f,%d,%s%n",
                        g.seriesUid(), c[0], c[1], c[2], g.diameterMm(), g.type().name(), g.shape().name(),
                        g.solidComponentMm(), g.meanHu(), g.noiseSdHu(), g.seed(), g.placement().label()));
            }
        }
    }

    /** Reads a file written by {@link #write}, or by the earlier version without the placement column. */
    public static List<GroundTruth> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String head = lines.isEmpty() ? "" : lines.get(0).replace("\uFEFF", "").strip();
        int columns = head.equals(HEADER) ? 12 : head.equals(HEADER_V1) ? 11 : -1;
        if (columns < 0) {
            throw new IllegalArgumentException(file + ": not a LungCAD ground-truth file (header differs)");
        }
        List<GroundTruth> rows = new ArrayList<>();
        for (int n = 1; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length != columns) {
                throw new IllegalArgumentException(file + " line " + (n + 1) + ": expected " + columns
                        + " columns, got " + f.length);
            }
            try {
                rows.add(new GroundTruth(f[0],
                        new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3])},
                        Double.parseDouble(f[4]), NoduleType.valueOf(f[5]), NoduleSpec.Shape.valueOf(f[6]),
                        Double.parseDouble(f[7]), Double.parseDouble(f[8]), Double.parseDouble(f[9]), Long.parseLong(f[10]),
                        columns == 12 ? Placement.parse(f[11]) : Placement.FREE));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + " line " + (n + 1) + ": " + e.getMessage(), e);
            }
        }
        return rows;
    }
}
