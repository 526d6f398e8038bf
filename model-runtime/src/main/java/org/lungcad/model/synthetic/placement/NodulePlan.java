package org.lungcad.model.synthetic.placement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.lungcad.model.NoduleType;
import org.lungcad.model.ScanVolume;
import org.lungcad.model.synthetic.NoduleSpec;
import org.lungcad.model.synthetic.Placement;

/**
 * Which synthetic nodules a seed gives and where they go: sizes, types and shapes in turn from seed-drawn offsets,
 * placements from a mix, largest first (they need the most room). Shared by the {@code synthesize} command and the
 * learned stage's training, so that one seed means the same nodules in both.
 */
public record NodulePlan(int nodules, List<Double> sizesMm, List<NoduleType> types, List<NoduleSpec.Shape> shapes,
                         PlacementMix placements) {

    public static final List<Double> DEFAULT_SIZES = List.of(4.0, 6.0, 8.0, 10.0, 15.0, 20.0, 25.0);

    public NodulePlan {
        if (nodules < 1 || nodules > 50) {
            throw new IllegalArgumentException("--nodules must be in 1..50: " + nodules);
        }
        for (double d : sizesMm) {
            if (!(d >= NoduleSpec.MIN_DIAMETER_MM && d <= NoduleSpec.MAX_DIAMETER_MM)) {
                throw new IllegalArgumentException("--sizes must lie in [2, 40] mm: " + d);
            }
        }
        sizesMm = List.copyOf(sizesMm);
        types = List.copyOf(types);
        shapes = List.copyOf(shapes);
        if (sizesMm.isEmpty() || types.isEmpty() || shapes.isEmpty()) {
            throw new IllegalArgumentException("sizes, types and shapes must not be empty");
        }
    }

    /** Every size, type, shape and the default placement mix. */
    public static NodulePlan all(int nodules) {
        return new NodulePlan(nodules, DEFAULT_SIZES, List.of(NoduleType.SOLID, NoduleType.PART_SOLID,
                NoduleType.GROUND_GLASS), List.of(NoduleSpec.Shape.values()),
                PlacementMix.parse(List.of(PlacementMix.DEFAULT.split(","))));
    }

    /** The seed's nodules, centres not yet set, largest first. */
    public List<NoduleSpec> draw(long seed) {
        List<Placement> placementList = placements.allocate(nodules, seed);
        SplittableRandom rnd = new SplittableRandom(seed);
        int o1 = rnd.nextInt(sizesMm.size());
        int o2 = rnd.nextInt(types.size());
        int o3 = rnd.nextInt(shapes.size());
        List<NoduleSpec> plan = new ArrayList<>();
        for (int n = 0; n < nodules; n++) {
            plan.add(new NoduleSpec(new double[3], sizesMm.get((n + o1) % sizesMm.size()),
                    types.get((n + o2) % types.size()), shapes.get((n + o3) % shapes.size()), rnd.nextLong(),
                    placementList.get(n)));
        }
        plan.sort(Comparator.comparingDouble(NoduleSpec::diameterMm).reversed());
        return plan;
    }

    /**
     * Positions for the drawn nodules in a scan. A juxta nodule for which no site has room is placed freely instead
     * (and recorded as free), so the case keeps its nodule count; one with no room at all is left out. Each such
     * decision is told to {@code log}.
     */
    public static List<NoduleSpec> place(ScanVolume scan, List<NoduleSpec> plan, List<NodulePlacer.Known> known,
                                         long seed, Consumer<String> log) {
        NodulePlacer placer = new NodulePlacer(scan, NodulePlacer.lungOf(scan), known, seed);
        List<NoduleSpec> placed = new ArrayList<>();
        for (NoduleSpec s : plan) {
            Optional<double[]> p = placer.place(s.diameterMm(), s.placement());
            Placement where = s.placement();
            if (p.isEmpty() && where != Placement.FREE) {
                log.accept(String.format(Locale.ROOT, "  no %s site left for a %.1f mm nodule: placed free instead",
                        where.label(), s.diameterMm()));
                where = Placement.FREE;
                p = placer.place(s.diameterMm(), where);
            }
            if (p.isEmpty()) {
                log.accept(String.format(Locale.ROOT, "  no room left for a %.1f mm nodule: not inserted", s.diameterMm()));
                continue;
            }
            placed.add(s.at(p.get(), where));
        }
        return placed;
    }
}
