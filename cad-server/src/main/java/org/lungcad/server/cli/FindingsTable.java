package org.lungcad.server.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.lungcad.server.analysis.FindingSummary;

/** The findings of one series as a table a person reads, with the CAD disclaimer. */
final class FindingsTable {

    private FindingsTable() {
    }

    static void print(PrintStream out, String algorithm, List<FindingSummary> findings) {
        out.println();
        out.println("Findings — " + algorithm + " — computer-aided detection, not a diagnosis");
        if (findings.isEmpty()) {
            out.println("  No nodules detected at the operating point.");
            return;
        }
        out.printf(Locale.ROOT, "  %-9s %-26s %-13s %6s %9s %-12s %-12s %5s %6s %s%n", "id", "centre LPS (mm)",
                "long×short", "mean", "vol mm³", "type", "lobe", "score", "Brock", "Lung-RADS");
        for (FindingSummary f : findings) {
            double[] c = f.centerLpsMm();
            out.printf(Locale.ROOT, "  %-9s (%7.1f,%7.1f,%7.1f) %5.1f×%-5.1fmm %6.1f %9.0f %-12s %-12s %5.2f %6s %s%n",
                    f.id(), c[0], c[1], c[2], f.longAxisMm(), f.shortAxisMm(), f.meanDiameterMm(), f.volumeMm3(),
                    f.type().toLowerCase(Locale.ROOT), f.lobe().toLowerCase(Locale.ROOT), f.detectionScore(),
                    f.malignancyProbability() == null ? "n/a"
                            : String.format(Locale.ROOT, "%.1f%%", 100 * f.malignancyProbability()),
                    f.lungRads());
        }
    }
}
