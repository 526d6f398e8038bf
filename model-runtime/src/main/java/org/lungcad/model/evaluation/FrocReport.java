package org.lungcad.model.evaluation;

import java.util.List;
import java.util.Locale;

/** The evaluation as a plain-text table for people: what the {@code evaluate} command prints. */
public final class FrocReport {

    private FrocReport() {
    }

    /** The FROC summary only. */
    public static String format(FrocResult froc) {
        StringBuilder out = new StringBuilder();
        appendFroc(out, froc);
        return out.toString();
    }

    /** The FROC summary, then the operating point with its buckets and the nodules it misses. */
    public static String format(FrocResult froc, OperatingPointResult op) {
        StringBuilder out = new StringBuilder();
        appendFroc(out, froc);
        out.append('\n');
        appendOperatingPoint(out, op, froc.scans());
        return out.toString();
    }

    private static void appendFroc(StringBuilder out, FrocResult froc) {
        line(out, "LUNA16 FROC: %d reference nodules in %d scans", froc.nodules(), froc.scans());
        line(out, "  %-10s %11s", "FPs/scan", "sensitivity");
        for (SensitivityAt s : froc.sensitivities()) {
            line(out, "  %-10s %11s", rate(s.fpPerScan()), fraction(s.sensitivity()));
        }
        line(out, "  %-10s %11s", "CPM", fraction(froc.cpm()));
    }

    /**
     * The product's own reported marks as the operating point (its threshold, size minimums and per-scan cap applied
     * by the detector, not re-derived from scores), with buckets and the nodules it misses.
     */
    public static String formatReported(OperatingPointResult reported, int scans) {
        StringBuilder out = new StringBuilder();
        appendOperatingPoint(out, reported, scans, "Reported by the product (its threshold, size minimums and cap):",
                "nearest reported mark");
        return out.toString();
    }

    private static void appendOperatingPoint(StringBuilder out, OperatingPointResult op, int scans) {
        appendOperatingPoint(out, op, scans, "Operating point: score >= " + number(op.threshold()),
                "nearest mark at or above the threshold");
    }

    private static void appendOperatingPoint(StringBuilder out, OperatingPointResult op, int scans, String title,
                                             String nearest) {
        long detected = op.detected();
        line(out, "%s", title);
        line(out, "  sensitivity %s (%d of %d nodules)", fraction(op.sensitivity()), detected, op.matches().size());
        line(out, "  FPs/scan    %.3f (%d false positives in %d scans)", op.fpPerScan(),
                Math.round(op.fpPerScan() * scans), scans);
        if (!op.buckets().isEmpty()) {
            out.append('\n');
            line(out, "  %-6s %-20s %7s %8s %11s", "by", "bucket", "nodules", "detected", "sensitivity");
            for (BucketSensitivity b : op.buckets()) {
                line(out, "  %-6s %-20s %7d %8d %11s", b.grouping().name().toLowerCase(Locale.ROOT), b.bucket(),
                        b.nodules(), b.detected(), fraction(b.sensitivity()));
            }
        }
        List<MatchedNodule> missed = op.matches().stream().filter(m -> !m.hit()).toList();
        if (missed.isEmpty()) {
            return;
        }
        out.append('\n');
        line(out, "  Missed nodules (%s in the same scan):", nearest);
        line(out, "  %9s %9s %9s %8s %-14s %10s %10s  %s", "x mm", "y mm", "z mm", "diam mm", "label",
                "nearest mm", "its score", "series");
        for (MatchedNodule m : missed) {
            ReferenceNodule r = m.nodule();
            double[] c = r.centerLps();
            line(out, "  %9.2f %9.2f %9.2f %8.2f %-14s %10s %10s  %s", c[0], c[1], c[2], r.diameterMm(),
                    r.label() == null ? "-" : r.label(), Double.isNaN(m.distanceMm()) ? "none" : String.format(
                            Locale.ROOT, "%.2f", m.distanceMm()), number(m.score()), r.seriesUid());
        }
    }

    /** 0.125 stays 0.125 and 8 prints as 8, as the rates are usually written. */
    private static String rate(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static String fraction(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static void line(StringBuilder out, String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
