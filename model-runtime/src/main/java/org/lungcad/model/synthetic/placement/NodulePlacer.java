package org.lungcad.model.synthetic.placement;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.lungcad.model.ScanVolume;
import org.lungcad.model.lung.LungAir;
import org.lungcad.model.lung.LungMask;
import org.lungcad.model.lung.LungMaskConfig;
import org.lungcad.model.synthetic.Placement;
import org.lungcad.model.geometry.SphereDirections;

/**
 * Random nodule positions in the lungs of a CT (real or the phantom), deterministic for a seed. A free nodule's
 * centre lies in parenchyma (not a vessel, not an airway) and a ball of its radius plus
 * {@link #PARENCHYMA_MARGIN_MM} around it is lung ({@link #lungOf}); a juxtapleural or juxtavascular one touches the
 * chest wall or a vessel ({@link ContactSites}). Every nodule keeps clear of the nodules placed before and of known findings (e.g.
 * the series' LUNA16 nodule).
 */
public final class NodulePlacer {

    /** Lung around the nodule's surface, so that it is an isolated nodule the reference standard can match. */
    static final double PARENCHYMA_MARGIN_MM = 3;
    /** Gap between two synthetic nodules' surfaces: their marks cannot be confused. */
    static final double GAP_BETWEEN_NODULES_MM = 10;
    /** Gap between a synthetic nodule's surface and a known finding's: a hit is never ambiguous. */
    static final double GAP_TO_KNOWN_MM = 30;
    /** Local mean HU of parenchyma: denser is a vessel or wall, lower is an airway, emphysema or gas. */
    static final double MIN_LOCAL_HU = -960;
    static final double MAX_LOCAL_HU = -600;
    private static final int ATTEMPTS_PER_NODULE = 50_000;
    /** A contact try costs a few thousand ray steps; enough tries to find a site where one in a hundred fits. */
    private static final int CONTACT_ATTEMPTS_PER_NODULE = 20_000;
    private static final double[][] DIRECTIONS = SphereDirections.fibonacci(42);

    /** A point to keep clear of, with its radius (mm). */
    public record Known(double[] centerLps, double radiusMm) {
    }

    private final ScanVolume volume;
    private final LungMask lung;
    /** The lung voxels' indices, for uniform draws; shared with {@link ContactSites}. */
    private final int[] lungVoxels;
    private final List<Known> known;
    private final List<Known> placed = new ArrayList<>();
    private final SplittableRandom rnd;
    /** Built on the first juxta placement: a pass over the lung, not needed for free nodules. */
    private ContactSites contact;

    /** @param lung the lungs on the grid of {@code volume}, normally {@link #lungOf}(volume) */
    public NodulePlacer(ScanVolume volume, LungMask lung, List<Known> known, long seed) {
        if (lung.width() != volume.width() || lung.height() != volume.height() || lung.depth() != volume.depth()) {
            throw new IllegalArgumentException("the lung mask is not on the volume's grid");
        }
        this.volume = volume;
        this.lung = lung;
        this.lungVoxels = lung.voxelIndices();
        this.known = List.copyOf(known);
        this.rnd = new SplittableRandom(seed);
    }

    /**
     * Where nodules may go: the lungs' air as the detector's own lung mask finds it before holes are filled and the
     * border closed, so that vessels and the wall stay outside it. Plain Java: placement needs no engine.
     */
    public static LungMask lungOf(ScanVolume volume) {
        return LungAir.of(volume, LungMaskConfig.DEFAULT);
    }

    /**
     * A position for a nodule of this diameter, or empty when none was found (the lungs are full or too small).
     * Place the largest nodules first: they need the most room.
     */
    public Optional<double[]> place(double diameterMm) {
        return place(diameterMm, Placement.FREE);
    }

    /** As {@link #place(double)}, for a placement kind; empty when no site of that kind has room. */
    public Optional<double[]> place(double diameterMm, Placement placement) {
        if (lungVoxels.length == 0) {
            return Optional.empty();
        }
        double radius = diameterMm / 2;
        if (placement != Placement.FREE) {
            return placeInContact(radius, placement);
        }
        for (int attempt = 0; attempt < ATTEMPTS_PER_NODULE; attempt++) {
            int idx = lungVoxels[rnd.nextInt(lungVoxels.length)];
            int i = idx % volume.width();
            int j = (idx / volume.width()) % volume.height();
            int k = idx / (volume.width() * volume.height());
            // anywhere inside the voxel, not only on voxel centres (which would favour the detector)
            double[] p = volume.toPatient(i + rnd.nextDouble() - 0.5, j + rnd.nextDouble() - 0.5,
                    k + rnd.nextDouble() - 0.5);
            if (clearOfOthers(p, radius) && parenchyma(i, j, k) && surroundedByLung(p, radius + PARENCHYMA_MARGIN_MM)) {
                placed.add(new Known(p, radius));
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private Optional<double[]> placeInContact(double radius, Placement placement) {
        if (contact == null) {
            contact = new ContactSites(volume, lung, lungVoxels);
        }
        for (int attempt = 0; attempt < CONTACT_ATTEMPTS_PER_NODULE; attempt++) {
            double[] p = placement == Placement.JUXTAPLEURAL ? contact.pleuralCentre(radius, rnd)
                    : contact.vascularCentre(radius, rnd);
            if (p != null && clearOfOthers(p, radius)) {
                placed.add(new Known(p, radius));
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private boolean clearOfOthers(double[] p, double radius) {
        return clear(p, radius, known, GAP_TO_KNOWN_MM) && clear(p, radius, placed, GAP_BETWEEN_NODULES_MM);
    }

    private static boolean clear(double[] p, double radius, List<Known> others, double gapMm) {
        for (Known o : others) {
            double need = radius + o.radiusMm() + gapMm;
            if (squared(p, o.centerLps()) < need * need) {
                return false;
            }
        }
        return true;
    }

    /** 3 × 3 × 3 mean HU in the parenchyma range. */
    private boolean parenchyma(int i, int j, int k) {
        double sum = 0;
        int n = 0;
        for (int dk = -1; dk <= 1; dk++) {
            for (int dj = -1; dj <= 1; dj++) {
                for (int di = -1; di <= 1; di++) {
                    int a = i + di;
                    int b = j + dj;
                    int c = k + dk;
                    if (a >= 0 && b >= 0 && c >= 0 && a < volume.width() && b < volume.height() && c < volume.depth()) {
                        sum += volume.at(a, b, c);
                        n++;
                    }
                }
            }
        }
        double mean = sum / n;
        return mean > MIN_LOCAL_HU && mean < MAX_LOCAL_HU;
    }

    /** Points on spheres of a third, two thirds and all of the radius all lie in the lung. */
    private boolean surroundedByLung(double[] p, double radius) {
        for (double f : new double[] {1.0 / 3, 2.0 / 3, 1.0}) {
            for (double[] d : DIRECTIONS) {
                double[] v = volume.toVoxel(new double[] {p[0] + f * radius * d[0], p[1] + f * radius * d[1],
                    p[2] + f * radius * d[2]});
                if (!lung.contains((int) Math.round(v[0]), (int) Math.round(v[1]), (int) Math.round(v[2]))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static double squared(double[] a, double[] b) {
        double dx = a[0] - b[0];
        double dy = a[1] - b[1];
        double dz = a[2] - b[2];
        return dx * dx + dy * dy + dz * dz;
    }
}
