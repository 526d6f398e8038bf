package org.lungcad.model.synthetic;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.lungcad.model.ScanVolume;
import org.lungcad.model.geometry.SphereDirections;

/** A generated chest phantom: the CT volume and its true lung mask (vessels and intrapulmonary bronchi included). */
public final class Phantom {

    private final ScanVolume volume;
    private final BitSet lung;

    Phantom(ScanVolume volume, BitSet lung) {
        this.volume = Objects.requireNonNull(volume, "volume");
        this.lung = (BitSet) lung.clone();
    }

    public ScanVolume volume() {
        return volume;
    }

    /** True lung membership of a voxel. */
    public boolean inLung(int i, int j, int k) {
        return lung.get(volume.index(i, j, k));
    }

    public long lungVoxelCount() {
        return lung.cardinality();
    }

    /**
     * Random positions (LPS mm) deep in the lungs for nodule insertion: every point within {@code marginMm}
     * is lung, the neighbourhood is parenchyma rather than a vessel, and positions are at least 2 × margin apart.
     * Deterministic for a seed; may return fewer than asked when the lungs have no more room.
     */
    public List<double[]> sampleLungPositions(int count, double marginMm, long seed) {
        if (count < 0 || !(marginMm >= 0)) {
            throw new IllegalArgumentException("count must be >= 0 and margin >= 0");
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] dirs = SphereDirections.fibonacci(26);
        List<double[]> found = new ArrayList<>();
        for (int attempt = 0; attempt < 5000 * Math.max(1, count) && found.size() < count; attempt++) {
            int idx = rnd.nextInt(volume.hu().length);
            if (!lung.get(idx)) {
                continue;
            }
            int i = idx % volume.width();
            int j = (idx / volume.width()) % volume.height();
            int k = idx / (volume.width() * volume.height());
            double[] p = volume.toPatient(i, j, k);
            if (isClear(p, dirs, marginMm) && farFrom(found, p, 2 * marginMm)) {
                found.add(p);
            }
        }
        return found;
    }

    private boolean isClear(double[] p, double[][] dirs, double margin) {
        if (localMean(p) > -600) {
            return false;
        }
        for (double f : new double[] {0.5, 1.0}) {
            for (double[] d : dirs) {
                double[] v = volume.toVoxel(new double[] {p[0] + f * margin * d[0], p[1] + f * margin * d[1], p[2] + f * margin * d[2]});
                int i = (int) Math.round(v[0]);
                int j = (int) Math.round(v[1]);
                int k = (int) Math.round(v[2]);
                if (i < 0 || j < 0 || k < 0 || i >= volume.width() || j >= volume.height() || k >= volume.depth()
                        || !lung.get(volume.index(i, j, k))) {
                    return false;
                }
            }
        }
        return true;
    }

    private double localMean(double[] p) {
        double[] v = volume.toVoxel(p);
        double sum = 0;
        int n = 0;
        for (int dk = -1; dk <= 1; dk++) {
            for (int dj = -1; dj <= 1; dj++) {
                for (int di = -1; di <= 1; di++) {
                    int i = (int) Math.round(v[0]) + di;
                    int j = (int) Math.round(v[1]) + dj;
                    int k = (int) Math.round(v[2]) + dk;
                    if (i >= 0 && j >= 0 && k >= 0 && i < volume.width() && j < volume.height() && k < volume.depth()) {
                        sum += volume.at(i, j, k);
                        n++;
                    }
                }
            }
        }
        return sum / n;
    }

    private static boolean farFrom(List<double[]> points, double[] p, double distance) {
        for (double[] q : points) {
            double dx = p[0] - q[0];
            double dy = p[1] - q[1];
            double dz = p[2] - q[2];
            if (dx * dx + dy * dy + dz * dz < distance * distance) {
                return false;
            }
        }
        return true;
    }
}
