package org.lungcad.model.synthetic.placement;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.lungcad.model.ScanVolume;
import org.lungcad.model.lung.LungMask;
import org.lungcad.model.geometry.SphereDirections;

/**
 * Centres for nodules that touch the chest wall (juxtapleural) or an intrapulmonary vessel (juxtavascular), found
 * from the CT itself: the lungs' air ({@link NodulePlacer#lungOf}) and the HU. A try starts at a random lung voxel next to the wall or to a
 * vessel, steps about one radius into the lung along the local normal, and is kept only when the distance from the
 * centre to that wall or vessel is {@value #MIN_REACH}–{@value #MAX_REACH} × the radius (and at most
 * {@value #MAX_SHORTFALL_MM} mm short of it, for large nodules) and the structure is what it should be (see
 * {@link #pleuralCentre} and {@link #vascularCentre}). Rays find the structure; the distance is then checked over
 * every voxel in reach, because rays far apart at 12 mm can miss a one-voxel speck of dense tissue.
 */
final class ContactSites {

    /** A vessel (or wall) voxel is denser than this; the lungs' air ends at -400 HU, partial volume between. */
    static final float DENSE_HU = -300;
    static final double MIN_REACH = 0.8;
    static final double MAX_REACH = 1.0;
    /** A 25 mm nodule 0.8 r from the wall would be 2.5 mm off contact; keep it within 1 mm of touching. */
    static final double MAX_SHORTFALL_MM = 1.0;
    /** Behind the pleura there is at least this much tissue: thinner is a vessel or a fissure, not the wall. */
    static final double WALL_DEPTH_MM = 6;
    /** A vessel's narrowest chord: at least this (the 2 mm), at most 10 mm (wider is hilum or wall). */
    static final double MIN_VESSEL_WIDTH_MM = 2;
    static final double MAX_VESSEL_WIDTH_MM = 10;
    /** A juxtavascular nodule keeps this clear of the chest wall, so the two placements stay distinct. */
    static final double WALL_CLEARANCE_MM = 3;
    /** Largest |z| of the wall's normal: steeper is the diaphragm or the apex. */
    private static final double MAX_NORMAL_Z = 0.6;
    /** Smallest lateral component of the wall's normal: more medial is the mediastinum. */
    private static final double MIN_NORMAL_LATERAL = -0.35;
    /** Share of the nodule's body that must be lung: it touches its neighbour, it is not buried in it. */
    private static final double MIN_LUNG_SHARE = 0.6;
    private static final double[][] SHELL = SphereDirections.fibonacci(42);

    private final ScanVolume volume;
    private final LungMask lung;
    private final RayProbe probe;
    private final RayProbe chords;
    private final int[] pleuralSeeds;
    private final int[] vascularSeeds;
    /** Patient x between the lungs: a normal pointing towards it faces the mediastinum. */
    private final double midlineX;
    private final double seedReachMm;
    private final RayProbe.VoxelTest nonLung;
    private final RayProbe.VoxelTest dense;

    /** @param lungVoxels the indices of the lung's voxels ({@link LungMask#voxelIndices()}) */
    ContactSites(ScanVolume volume, LungMask lung, int[] lungVoxels) {
        this.volume = volume;
        this.lung = lung;
        this.probe = new RayProbe(volume, 162);
        this.chords = new RayProbe(volume, 64);
        this.nonLung = (i, j, k) -> !lung.contains(i, j, k);
        this.dense = (i, j, k) -> i >= 0 && j >= 0 && k >= 0 && i < volume.width() && j < volume.height()
                && k < volume.depth() && volume.at(i, j, k) > DENSE_HU;
        this.seedReachMm = 3 * Math.max(volume.spacingX(), Math.max(volume.spacingY(), volume.spacingZ()));
        int wallSteps = (int) Math.ceil(WALL_DEPTH_MM / Math.min(volume.spacingX(), volume.spacingY()));
        int vesselSteps = (int) Math.ceil(MAX_VESSEL_WIDTH_MM / Math.min(volume.spacingX(), volume.spacingY())) + 1;
        this.pleuralSeeds = IntStream.of(lungVoxels).filter(v -> beside(v, wallSteps, true)).toArray();
        this.vascularSeeds = IntStream.of(lungVoxels).filter(v -> beside(v, vesselSteps, false)).toArray();
        this.midlineX = IntStream.range(0, lungVoxels.length).filter(m -> m % 97 == 0)
                .mapToDouble(m -> patient(lungVoxels[m])[0]).average().orElse(0);
    }

    int pleuralSeedCount() {
        return pleuralSeeds.length;
    }

    int vascularSeedCount() {
        return vascularSeeds.length;
    }

    /**
     * One try at a juxtapleural centre; null when it fails. Kept when the nearest non-lung voxel lies at 0.8–1.0 ×
     * the radius, at least {@value #WALL_DEPTH_MM} mm of non-lung lies behind it, mostly denser than
     * {@value #DENSE_HU} HU (the wall, not a fissure or a vessel), and its normal is neither the diaphragm's nor the
     * mediastinum's.
     */
    double[] pleuralCentre(double radius, SplittableRandom rnd) {
        double[] c = stepInward(pleuralSeeds, radius, nonLung, rnd);
        if (c == null) {
            return null;
        }
        RayProbe.Hit h = probe.nearest(c, MAX_REACH * radius, nonLung);
        if (h == null || h.distanceMm() < minReach(radius) || probe.exactDistance(c, radius, nonLung) < minReach(radius)) {
            return null;
        }
        double[] d = h.direction();
        boolean chestWall = Math.abs(d[2]) <= MAX_NORMAL_Z && Math.signum(c[0] - midlineX) * d[0] >= MIN_NORMAL_LATERAL;
        return chestWall && isWall(h.point(c), d) && mostlyLung(c, radius) ? c : null;
    }

    /**
     * One try at a juxtavascular centre; null when it fails. Kept when the nearest voxel denser than
     * {@value #DENSE_HU} HU lies at 0.8–1.0 × the radius and belongs to a tube {@value #MIN_VESSEL_WIDTH_MM}–
     * {@value #MAX_VESSEL_WIDTH_MM} mm wide with lung on both sides, and the nodule stays clear of the chest wall.
     */
    double[] vascularCentre(double radius, SplittableRandom rnd) {
        double[] c = stepInward(vascularSeeds, radius, dense, rnd);
        if (c == null) {
            return null;
        }
        RayProbe.Hit h = probe.nearest(c, MAX_REACH * radius, dense);
        if (h == null || h.distanceMm() < minReach(radius) || !probe.at(c, (i, j, k) -> lung.contains(i, j, k))) {
            return null;
        }
        return isVessel(h.point(c), h.direction()) && mostlyLung(c, radius)
                && !nearWall(c, radius + WALL_CLEARANCE_MM) && probe.exactDistance(c, radius, dense) >= minReach(radius)
                ? c : null;
    }

    static double minReach(double radius) {
        return Math.max(MIN_REACH * radius, MAX_REACH * radius - MAX_SHORTFALL_MM);
    }

    /** From a random seed voxel to its nearest {@code target} voxel, then back into the lung by the wanted reach. */
    private double[] stepInward(int[] seeds, double radius, RayProbe.VoxelTest target, SplittableRandom rnd) {
        if (seeds.length == 0) {
            return null;
        }
        int v = seeds[rnd.nextInt(seeds.length)];
        int[] ijk = ijk(v);
        double[] start = volume.toPatient(ijk[0] + 0.8 * (rnd.nextDouble() - 0.5), ijk[1] + 0.8 * (rnd.nextDouble() - 0.5),
                ijk[2] + 0.8 * (rnd.nextDouble() - 0.5));
        RayProbe.Hit h = probe.nearest(start, seedReachMm, target);
        if (h == null || h.distanceMm() == 0) {
            return null;
        }
        double lo = minReach(radius);
        double t = lo + (MAX_REACH * radius - lo) * (0.1 + 0.8 * rnd.nextDouble());
        double[] c = RayProbe.along(h.point(start), h.direction(), -t);
        double[] cv = volume.toVoxel(c);
        boolean inside = cv[0] >= 0 && cv[1] >= 0 && cv[2] >= 0 && cv[0] <= volume.width() - 1
                && cv[1] <= volume.height() - 1 && cv[2] <= volume.depth() - 1;
        return inside ? c : null;
    }

    /** At least WALL_DEPTH_MM of non-lung behind the surface point, two thirds of it dense. */
    private boolean isWall(double[] surface, double[] d) {
        if (probe.run(surface, d, WALL_DEPTH_MM, nonLung) < WALL_DEPTH_MM) {
            return false;
        }
        int denseSamples = 0;
        for (int mm = 1; mm <= WALL_DEPTH_MM; mm++) {
            denseSamples += probe.at(RayProbe.along(surface, d, mm), dense) ? 1 : 0;
        }
        return denseSamples >= 2 * WALL_DEPTH_MM / 3;
    }

    /** A tube: its narrowest chord (through a point 1 mm inside) is 2–10 mm, its longest twice that, lung on both sides. */
    private boolean isVessel(double[] surface, double[] d) {
        double[] q = RayProbe.along(surface, d, MIN_VESSEL_WIDTH_MM / 2);
        if (!probe.at(q, dense)) {
            return false;
        }
        double min = Double.MAX_VALUE;
        double max = 0;
        double[] across = null;
        double[] ends = null;
        for (double[] u : chords.directions()) {
            double a = chords.run(q, u, 25, dense);
            double b = chords.run(q, new double[] {-u[0], -u[1], -u[2]}, 25, dense);
            if (a + b < min) {
                min = a + b;
                across = u;
                ends = new double[] {a, b};
            }
            max = Math.max(max, a + b);
        }
        if (min < MIN_VESSEL_WIDTH_MM || min > MAX_VESSEL_WIDTH_MM || max < 2 * min) {
            return false;
        }
        double[] back = {-across[0], -across[1], -across[2]};
        // partial volume (-400..-300 HU) may separate the vessel from the lung by a voxel or so
        double gap = 2 * Math.max(volume.spacingX(), volume.spacingY());
        return probe.run(RayProbe.along(q, across, ends[0]), across, gap, nonLung) < gap
                && probe.run(RayProbe.along(q, back, ends[1]), back, gap, nonLung) < gap;
    }

    /** Whether a point at {@code reachMm} lies in non-lung that runs WALL_DEPTH_MM deep outwards (the wall). */
    private boolean nearWall(double[] c, double reachMm) {
        for (double[] d : SHELL) {
            double[] p = RayProbe.along(c, d, reachMm);
            if (probe.at(p, nonLung) && probe.run(p, d, WALL_DEPTH_MM, nonLung) >= WALL_DEPTH_MM) {
                return true;
            }
        }
        return false;
    }

    /**
     * Most of the body is lung, and that lung is parenchyma by its mean HU: the lungs' air holds the smaller airways,
     * and a nodule in a bronchus' lumen next to its wall is neither juxtapleural nor juxtavascular.
     */
    private boolean mostlyLung(double[] c, double radius) {
        int inLung = 0;
        int all = 0;
        double sum = 0;
        for (double f : new double[] {1.0 / 3, 2.0 / 3, 1.0}) {
            for (double[] d : SHELL) {
                double[] v = volume.toVoxel(RayProbe.along(c, d, f * radius));
                int i = (int) Math.round(v[0]);
                int j = (int) Math.round(v[1]);
                int k = (int) Math.round(v[2]);
                all++;
                if (lung.contains(i, j, k)) {
                    inLung++;
                    sum += volume.at(i, j, k);
                }
            }
        }
        double mean = inLung == 0 ? 0 : sum / inLung;
        return inLung >= MIN_LUNG_SHARE * all && mean > NodulePlacer.MIN_LOCAL_HU && mean < NodulePlacer.MAX_LOCAL_HU;
    }

    /**
     * A lung voxel whose in-plane neighbour starts a run of non-lung: for the wall at least {@code steps} long
     * (a cheap pre-filter; the try checks properly), for a vessel a dense one that ends in lung within steps.
     */
    private boolean beside(int v, int steps, boolean wall) {
        int[] p = ijk(v);
        int[][] axes = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};
        for (int[] a : axes) {
            int i = p[0] + a[0];
            int j = p[1] + a[1];
            if (lung.contains(i, j, p[2]) || (!wall && !dense.test(i, j, p[2]))) {
                continue;
            }
            int m = 1;
            while (m <= steps && !lung.contains(p[0] + m * a[0], p[1] + m * a[1], p[2])) {
                m++;
            }
            if (wall ? m > steps : m <= steps) { // a vessel ends in lung again (contains() checks bounds)
                return true;
            }
        }
        return false;
    }

    private int[] ijk(int v) {
        int plane = volume.width() * volume.height();
        return new int[] {v % volume.width(), (v / volume.width()) % volume.height(), v / plane};
    }

    private double[] patient(int v) {
        int[] p = ijk(v);
        return volume.toPatient(p[0], p[1], p[2]);
    }
}
