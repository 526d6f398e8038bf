package org.lungcad.model.followup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Pairs the prior study's nodules with the current study's one to one, once the prior centres are mapped into the
 * current frame (registration is the caller's): closest pairs first, each nodule in at most one pair, a pair only
 * when the centres are close enough for the nodules' size and the sizes are plausible for one nodule a few months
 * or years apart. What stays unpaired is new (current) or resolved (prior).
 *
 * @param maxDistanceMm   the largest centre distance for any pair, also for small nodules (registration error)
 * @param radiusFactor    a pair may be as far apart as this times the larger nodule's radius, if that is more
 * @param maxDiameterRatio the larger diameter at most this times the smaller one
 */
public record NoduleMatcher(double maxDistanceMm, double radiusFactor, double maxDiameterRatio) {

    public NoduleMatcher {
        if (!(maxDistanceMm > 0) || !(radiusFactor >= 0) || !(maxDiameterRatio >= 1)) {
            throw new IllegalArgumentException("distance > 0, radius factor >= 0 and diameter ratio >= 1 required");
        }
    }

    /** 10 mm, or 1.5 radii for larger nodules; diameters within a factor of 3. */
    public static NoduleMatcher defaults() {
        return new NoduleMatcher(10, 1.5, 3);
    }

    /** A nodule as the matcher sees it: centre in the current study's frame (LPS mm) and mean diameter. */
    public record Mark(double[] centreLpsMm, double meanDiameterMm) {
        public Mark {
            Objects.requireNonNull(centreLpsMm, "centreLpsMm");
            if (centreLpsMm.length != 3 || !(meanDiameterMm > 0)) {
                throw new IllegalArgumentException("a centre of 3 coordinates and a positive diameter are needed");
            }
            centreLpsMm = centreLpsMm.clone();
        }

        @Override
        public double[] centreLpsMm() {
            return centreLpsMm.clone();
        }
    }

    /** One pair: indices into the prior and the current list, and their centre distance. */
    public record Pair(int prior, int current, double distanceMm) {
    }

    /** The pairs, and the indices left unpaired: current ones are new, prior ones resolved. */
    public record Matching(List<Pair> pairs, List<Integer> newCurrent, List<Integer> resolvedPrior) {
    }

    public Matching match(List<Mark> prior, List<Mark> current) {
        List<Pair> candidates = new ArrayList<>();
        for (int p = 0; p < prior.size(); p++) {
            for (int c = 0; c < current.size(); c++) {
                Mark a = prior.get(p);
                Mark b = current.get(c);
                double distance = distance(a.centreLpsMm(), b.centreLpsMm());
                double larger = Math.max(a.meanDiameterMm(), b.meanDiameterMm());
                double smaller = Math.min(a.meanDiameterMm(), b.meanDiameterMm());
                if (distance <= Math.max(maxDistanceMm, radiusFactor * larger / 2)
                        && larger <= maxDiameterRatio * smaller) {
                    candidates.add(new Pair(p, c, distance));
                }
            }
        }
        candidates.sort(Comparator.comparingDouble(Pair::distanceMm).thenComparingInt(Pair::prior)
                .thenComparingInt(Pair::current));
        boolean[] priorUsed = new boolean[prior.size()];
        boolean[] currentUsed = new boolean[current.size()];
        List<Pair> pairs = new ArrayList<>();
        for (Pair pair : candidates) {
            if (!priorUsed[pair.prior()] && !currentUsed[pair.current()]) {
                priorUsed[pair.prior()] = true;
                currentUsed[pair.current()] = true;
                pairs.add(pair);
            }
        }
        pairs.sort(Comparator.comparingInt(Pair::current));
        return new Matching(List.copyOf(pairs), unused(currentUsed), unused(priorUsed));
    }

    private static List<Integer> unused(boolean[] used) {
        List<Integer> free = new ArrayList<>();
        for (int i = 0; i < used.length; i++) {
            if (!used[i]) {
                free.add(i);
            }
        }
        return List.copyOf(free);
    }

    private static double distance(double[] a, double[] b) {
        double[] d = {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
        return Math.sqrt(Arrays.stream(d).map(v -> v * v).sum());
    }
}
