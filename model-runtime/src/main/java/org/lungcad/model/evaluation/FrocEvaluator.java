package org.lungcad.model.evaluation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * LUNA16 evaluation of one detector run against a reference standard (rules: see the package documentation).
 * Matching is done once, in {@link #of}; {@link #froc()} and {@link #atThreshold} only count.
 *
 * <pre>{@code
 * FrocEvaluator eval = FrocEvaluator.of(references, excluded, detections, scans);
 * System.out.print(FrocReport.format(eval.froc(), eval.atThreshold(0.5)));
 * }</pre>
 */
public final class FrocEvaluator {

    /** The FP rates the CPM averages over. */
    public static final List<Double> LUNA16_FP_RATES = List.of(0.125, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0);
    /** The script's {@code maxNumberOfCADMarks}. */
    public static final int LUNA16_MAX_MARKS_PER_SCAN = 100;
    /** Size buckets {@code <6, 6-10, 10-20, >=20 mm}: 6 mm and 8 mm are Lung-RADS cut-offs, 20 mm a Brock one. */
    public static final List<Double> DEFAULT_SIZE_EDGES_MM = List.of(6.0, 10.0, 20.0);
    /** Bucket name for nodules without a label, when others have one. */
    public static final String UNLABELLED = "(no label)";

    private final Luna16Matching matching;
    private final int scans;

    private FrocEvaluator(Luna16Matching matching, int scans) {
        this.matching = matching;
        this.scans = scans;
    }

    /** Evaluates with LUNA16's cap of {@value #LUNA16_MAX_MARKS_PER_SCAN} marks per scan. */
    public static FrocEvaluator of(List<ReferenceNodule> references, List<ExcludedFinding> excluded,
                                   List<Detection> detections, int scans) {
        return of(references, excluded, detections, scans, LUNA16_MAX_MARKS_PER_SCAN);
    }

    /**
     * @param scans           scans evaluated, including those without nodules or marks: the FP-rate denominator
     * @param maxMarksPerScan marks scored per scan ({@link Integer#MAX_VALUE} for no cap)
     */
    public static FrocEvaluator of(List<ReferenceNodule> references, List<ExcludedFinding> excluded,
                                   List<Detection> detections, int scans, int maxMarksPerScan) {
        Objects.requireNonNull(references, "references");
        Objects.requireNonNull(excluded, "excluded");
        Objects.requireNonNull(detections, "detections");
        if (maxMarksPerScan < 1) {
            throw new IllegalArgumentException("maxMarksPerScan must be >= 1: " + maxMarksPerScan);
        }
        // fewer scans than series seen would inflate the FP rate silently
        Set<String> seen = new HashSet<>();
        references.forEach(r -> seen.add(r.seriesUid()));
        detections.forEach(d -> seen.add(d.seriesUid()));
        if (scans < Math.max(1, seen.size())) {
            throw new IllegalArgumentException("scans = " + scans + ", but the references and detections span "
                    + seen.size() + " series (and at least 1 is needed)");
        }
        return new FrocEvaluator(Luna16Matching.match(references, excluded, detections, maxMarksPerScan), scans);
    }

    /** The FROC curve, sensitivity at the {@link #LUNA16_FP_RATES} and their mean, the CPM. */
    public FrocResult froc() {
        int nodules = matching.nodules().size();
        // each nodule enters once with its best hit score; missed nodules never enter (the script drops them)
        record Mark(double score, boolean hit) {
        }
        List<Mark> marks = new ArrayList<>();
        matching.nodules().forEach(m -> m.bestHit().ifPresent(d -> marks.add(new Mark(d.score(), true))));
        matching.falsePositives().forEach(d -> marks.add(new Mark(d.score(), false)));
        marks.sort(Comparator.comparingDouble(Mark::score).reversed());

        List<FrocPoint> curve = new ArrayList<>();
        curve.add(new FrocPoint(Double.POSITIVE_INFINITY, 0, sensitivity(0, nodules)));
        int hits = 0;
        int fps = 0;
        for (int i = 0; i < marks.size(); i++) {
            Mark m = marks.get(i);
            if (m.hit()) {
                hits++;
            } else {
                fps++;
            }
            // one point per distinct score: tied marks switch on together
            if (i + 1 == marks.size() || marks.get(i + 1).score() != m.score()) {
                curve.add(new FrocPoint(m.score(), (double) fps / scans, sensitivity(hits, nodules)));
            }
        }
        List<SensitivityAt> at = LUNA16_FP_RATES.stream()
                .map(rate -> new SensitivityAt(rate, interpolate(curve, rate))).toList();
        double cpm = at.stream().mapToDouble(SensitivityAt::sensitivity).average().orElse(Double.NaN);
        return new FrocResult(curve, at, cpm, nodules, scans);
    }

    /**
     * Sensitivity at {@code fpPerScan} with {@code numpy.interp} semantics, as the LUNA16 script reads its curve:
     * linear between neighbouring points; at a vertical step (several points with the same FP rate) the
     * highest of them; beyond the last point, the last sensitivity (so a detector with no false positives keeps
     * its final sensitivity at every rate).
     */
    static double interpolate(List<FrocPoint> curve, double fpPerScan) {
        int last = curve.size() - 1;
        if (fpPerScan < curve.get(0).fpPerScan()) {
            return curve.get(0).sensitivity();
        }
        if (fpPerScan >= curve.get(last).fpPerScan()) {
            return curve.get(last).sensitivity();
        }
        int j = 0;
        while (curve.get(j + 1).fpPerScan() <= fpPerScan) {
            j++;
        }
        FrocPoint a = curve.get(j);
        FrocPoint b = curve.get(j + 1);
        if (a.fpPerScan() == fpPerScan) {
            return a.sensitivity();
        }
        double t = (fpPerScan - a.fpPerScan()) / (b.fpPerScan() - a.fpPerScan());
        return a.sensitivity() + t * (b.sensitivity() - a.sensitivity());
    }

    /** The detector reporting every mark scoring at or above {@code threshold}, with the default size buckets. */
    public OperatingPointResult atThreshold(double threshold) {
        return atThreshold(threshold, DEFAULT_SIZE_EDGES_MM);
    }

    /**
     * @param sizeEdgesMm increasing diameters splitting the size buckets; {@code [6, 10, 20]} gives
     *                    {@code <6, 6-10, 10-20, >=20 mm} (lower edge inclusive)
     */
    public OperatingPointResult atThreshold(double threshold, List<Double> sizeEdgesMm) {
        if (Double.isNaN(threshold)) {
            throw new IllegalArgumentException("threshold is NaN");
        }
        List<Double> edges = checkedEdges(sizeEdgesMm);
        List<MatchedNodule> matches = matching.nodules().stream().map(m -> matched(m, threshold)).toList();
        long detected = matches.stream().filter(MatchedNodule::hit).count();
        long fps = matching.falsePositives().stream().filter(d -> d.score() >= threshold).count();

        List<BucketSensitivity> buckets = new ArrayList<>(labelBuckets(matches));
        buckets.addAll(sizeBuckets(matches, edges));
        return new OperatingPointResult(threshold, sensitivity((int) detected, matches.size()),
                (double) fps / scans, buckets, matches);
    }

    private MatchedNodule matched(Luna16Matching.NoduleMatch m, double threshold) {
        ReferenceNodule r = m.nodule();
        double[] centre = r.centerLps();
        Optional<Detection> hit = m.bestHit().filter(d -> d.score() >= threshold);
        // for a miss, the nearest reported mark says how far off the detector was
        Optional<Detection> shown = hit.isPresent() ? hit : matching.scored(r.seriesUid()).stream()
                .filter(d -> d.score() >= threshold)
                .min(Comparator.comparingDouble(d -> Checks.squaredDistance(centre, d.centerLps())));
        return shown.map(d -> new MatchedNodule(r, hit.isPresent(),
                        Math.sqrt(Checks.squaredDistance(centre, d.centerLps())), d.score()))
                .orElseGet(() -> new MatchedNodule(r, false, Double.NaN, Double.NaN));
    }

    /** One bucket per distinct label, sorted; none at all when no nodule carries a label. */
    private static List<BucketSensitivity> labelBuckets(List<MatchedNodule> matches) {
        if (matches.stream().allMatch(m -> m.nodule().label() == null)) {
            return List.of();
        }
        Set<String> labels = new TreeSet<>();
        matches.forEach(m -> labels.add(labelOf(m)));
        // the unlabelled bucket goes last, whatever it sorts as
        return Stream.concat(labels.stream().filter(l -> !l.equals(UNLABELLED)),
                        labels.stream().filter(UNLABELLED::equals))
                .map(label -> bucket(BucketSensitivity.Grouping.LABEL, label,
                        matches.stream().filter(m -> labelOf(m).equals(label)).toList()))
                .toList();
    }

    private static String labelOf(MatchedNodule m) {
        return m.nodule().label() == null ? UNLABELLED : m.nodule().label();
    }

    /** Every size bucket, empty ones too, so tables from different runs line up. */
    private static List<BucketSensitivity> sizeBuckets(List<MatchedNodule> matches, List<Double> edges) {
        List<BucketSensitivity> out = new ArrayList<>();
        for (int i = 0; i <= edges.size(); i++) {
            double lo = i == 0 ? Double.NEGATIVE_INFINITY : edges.get(i - 1);
            double hi = i == edges.size() ? Double.POSITIVE_INFINITY : edges.get(i);
            String name = i == 0 ? "<" + mm(hi) + " mm"
                    : i == edges.size() ? ">=" + mm(lo) + " mm" : mm(lo) + "-" + mm(hi) + " mm";
            out.add(bucket(BucketSensitivity.Grouping.SIZE, name, matches.stream()
                    .filter(m -> m.nodule().diameterMm() >= lo && m.nodule().diameterMm() < hi).toList()));
        }
        return out;
    }

    private static BucketSensitivity bucket(BucketSensitivity.Grouping grouping, String name, List<MatchedNodule> in) {
        return BucketSensitivity.of(grouping, name, in.size(), (int) in.stream().filter(MatchedNodule::hit).count());
    }

    private static List<Double> checkedEdges(List<Double> edges) {
        List<Double> copy = List.copyOf(Objects.requireNonNull(edges, "sizeEdgesMm"));
        for (int i = 0; i < copy.size(); i++) {
            double e = copy.get(i);
            if (!(e > 0) || !Double.isFinite(e) || (i > 0 && !(e > copy.get(i - 1)))) {
                throw new IllegalArgumentException("size edges must be positive, finite and increasing: " + copy);
            }
        }
        return copy;
    }

    /** "6" rather than "6.0" for whole millimetres. */
    private static String mm(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static double sensitivity(int hits, int nodules) {
        return nodules == 0 ? Double.NaN : (double) hits / nodules;
    }
}
