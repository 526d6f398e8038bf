package org.lungcad.model.synthetic.placement;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.lungcad.model.synthetic.Placement;

/**
 * The share of each placement among the synthetic nodules of a case, parsed from {@code synthesize --placements}:
 * {@code name[:weight]}, e.g. {@code free:40,juxtapleural:30,juxtavascular:30}; without weights the kinds share
 * equally. Counts follow the weights by largest remainder (10 nodules at 40/30/30 give exactly 4/3/3), and which
 * nodule gets which kind is shuffled by the seed, so sizes and types are not tied to placements.
 */
public record PlacementMix(Map<Placement, Double> weights) {

    public static final String DEFAULT = "free:40,juxtapleural:30,juxtavascular:30";

    public PlacementMix {
        if (weights.isEmpty()) {
            throw new IllegalArgumentException("--placements names no placement");
        }
        weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
    }

    public static PlacementMix parse(List<String> items) {
        Map<Placement, Double> w = new LinkedHashMap<>();
        for (String item : items) {
            String[] parts = item.split(":", -1);
            double weight;
            try {
                weight = parts.length == 1 ? 1 : Double.parseDouble(parts[1].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--placements weight is not a number: '" + item + "'");
            }
            if (parts.length > 2 || !(weight > 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("--placements wants name[:positive weight]: '" + item + "'");
            }
            w.merge(Placement.parse(parts[0]), weight, Double::sum);
        }
        return new PlacementMix(w);
    }

    /** One placement per nodule, {@code count} in all, in a seed-shuffled order. */
    public List<Placement> allocate(int count, long seed) {
        double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
        List<Placement> kinds = new ArrayList<>(weights.keySet());
        int[] n = new int[kinds.size()];
        double[] remainder = new double[kinds.size()];
        int given = 0;
        for (int m = 0; m < kinds.size(); m++) {
            double exact = count * weights.get(kinds.get(m)) / total;
            n[m] = (int) Math.floor(exact);
            remainder[m] = exact - n[m];
            given += n[m];
        }
        for (; given < count; given++) {
            int best = 0;
            for (int m = 1; m < kinds.size(); m++) {
                best = remainder[m] > remainder[best] ? m : best; // ties: the kind listed first
            }
            n[best]++;
            remainder[best] = -1;
        }
        List<Placement> out = new ArrayList<>();
        for (int m = 0; m < kinds.size(); m++) {
            out.addAll(Collections.nCopies(n[m], kinds.get(m)));
        }
        Collections.shuffle(out, new Random(seed));
        return out;
    }
}
