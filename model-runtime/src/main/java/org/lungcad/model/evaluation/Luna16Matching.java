package org.lungcad.model.evaluation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Assigns each scored detection to a nodule hit, an ignored mark or a false positive, as the LUNA16 script
 * does; the FROC curve and the operating points are then counts over this one assignment.
 */
final class Luna16Matching {

    /** A reference nodule and its highest-scoring hit, if any. */
    record NoduleMatch(ReferenceNodule nodule, Optional<Detection> bestHit) {
    }

    private final List<NoduleMatch> nodules;
    private final List<Detection> falsePositives;
    // the marks left after the per-scan cap, grouped by series UID: only to find the nearest mark to a miss
    private final Map<String, List<Detection>> scoredBySeries;

    private Luna16Matching(List<NoduleMatch> nodules, List<Detection> falsePositives,
                           Map<String, List<Detection>> scoredBySeries) {
        this.nodules = List.copyOf(nodules);
        this.falsePositives = List.copyOf(falsePositives);
        this.scoredBySeries = scoredBySeries;
    }

    static Luna16Matching match(List<ReferenceNodule> references, List<ExcludedFinding> excluded,
                                List<Detection> detections, int maxMarksPerScan) {
        Map<String, List<Detection>> bySeries = new LinkedHashMap<>();
        for (Detection d : detections) {
            bySeries.computeIfAbsent(d.seriesUid(), k -> new ArrayList<>()).add(d);
        }
        bySeries.replaceAll((uid, marks) -> List.copyOf(cap(marks, maxMarksPerScan)));

        // indexed by series so that each mark is compared only with the findings of its own scan
        Map<String, List<ReferenceNodule>> refsBySeries = new LinkedHashMap<>();
        references.forEach(r -> refsBySeries.computeIfAbsent(r.seriesUid(), k -> new ArrayList<>()).add(r));
        Map<String, List<ExcludedFinding>> excludedBySeries = new LinkedHashMap<>();
        excluded.forEach(e -> excludedBySeries.computeIfAbsent(e.seriesUid(), k -> new ArrayList<>()).add(e));

        List<NoduleMatch> matches = new ArrayList<>(references.size());
        for (ReferenceNodule r : references) {
            matches.add(new NoduleMatch(r, bestHit(r, bySeries.getOrDefault(r.seriesUid(), List.of()))));
        }
        List<Detection> falsePositives = new ArrayList<>();
        for (Map.Entry<String, List<Detection>> series : bySeries.entrySet()) {
            List<ReferenceNodule> refs = refsBySeries.getOrDefault(series.getKey(), List.of());
            List<ExcludedFinding> irrelevant = excludedBySeries.getOrDefault(series.getKey(), List.of());
            for (Detection d : series.getValue()) {
                if (!insideAny(d, refs, irrelevant)) {
                    falsePositives.add(d);
                }
            }
        }
        return new Luna16Matching(matches, falsePositives, Collections.unmodifiableMap(bySeries));
    }

    /**
     * The script scores at most {@code max} marks per scan: those strictly above the (max+1)-th best score,
     * so marks tied at the cut are all dropped and a scan may keep fewer than {@code max}.
     */
    private static List<Detection> cap(List<Detection> marks, int max) {
        if (marks.size() <= max) {
            return marks;
        }
        double[] scores = marks.stream().mapToDouble(Detection::score).sorted().toArray();
        double cut = scores[scores.length - 1 - max];
        return marks.stream().filter(d -> d.score() > cut).toList();
    }

    private static Optional<Detection> bestHit(ReferenceNodule r, List<Detection> marks) {
        double[] centre = r.centerLps();
        double r2 = r.radiusMm() * r.radiusMm();
        // highest score wins; among equal scores the nearer mark, so the reported distance is the kindest one
        Comparator<Detection> better = Comparator.comparingDouble(Detection::score)
                .thenComparing(Comparator.comparingDouble((Detection d) -> Checks.squaredDistance(centre, d.centerLps())).reversed());
        return marks.stream().filter(d -> Checks.squaredDistance(centre, d.centerLps()) < r2).max(better);
    }

    /** A mark inside any nodule (a hit or a double hit) or any excluded finding is not a false positive. */
    private static boolean insideAny(Detection d, List<ReferenceNodule> references, List<ExcludedFinding> excluded) {
        double[] p = d.centerLps();
        return references.stream().anyMatch(r -> inside(p, r.centerLps(), r.radiusMm()))
                || excluded.stream().anyMatch(e -> inside(p, e.centerLps(), e.radiusMm()));
    }

    /** Strictly inside, as the script's {@code dist < radiusSquared}. */
    static boolean inside(double[] point, double[] centre, double radiusMm) {
        return Checks.squaredDistance(point, centre) < radiusMm * radiusMm;
    }

    List<NoduleMatch> nodules() {
        return nodules;
    }

    List<Detection> falsePositives() {
        return falsePositives;
    }

    /** The scored marks of one series (after the per-scan cap). */
    List<Detection> scored(String seriesUid) {
        return scoredBySeries.getOrDefault(seriesUid, List.of());
    }
}
