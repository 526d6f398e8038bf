package org.lungcad.model.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.lungcad.model.ScanVolume;
import org.lungcad.model.lung.LungMask;
import org.lungcad.model.lung.VoxelComponents;

/**
 * Segments one nodule around a candidate centre on the original scan (0.7 mm pixels beat the 1 mm
 * working grid for a 6 mm nodule): threshold, limit to the (closed) lung mask, find the nodule's own
 * middle as the local maximum of depth (distance to non-tissue) nearest the centre, cut attached
 * vessels by an opening at three quarters of that inscribed radius (exact, by distance transforms),
 * keep the component at the middle, then tighten to the half-way HU between parenchyma and nodule
 * so that the edge sits where a blurred edge's true position is.
 *
 * <p>Plain Java: patches are a few thousand to a few hundred thousand voxels, with per-voxel control
 * flow (ball structuring elements on anisotropic voxels, connected components) that tensor ops do not
 * express; the copies to and from a tensor would cost more than the work.
 */
public final class NoduleSegmenter {

    /** Blobs the filter sizes below this are not retried with a wider opening. */
    private static final double RETRY_MIN_DIAMETER_MM = 10;
    /** A retried segmentation denser than this on average is enhanced blood, not a nodule. */
    private static final double RETRY_MAX_MEAN_HU = 150;
    /** ...unless it is mostly calcium: a calcified nodule averages well above this. */
    private static final double CALCIFIED_MEAN_HU = 300;
    /** Opening radius as a fraction of the nodule's inscribed radius: cuts tubes up to 3/4 of its width. */
    private static final double OPENING_FRACTION = 0.75;
    /** Cut-off parts lying wholly within this distance beyond the opening come back (nodule tips). */
    private static final double TIP_REACH_MM = 1.5;
    /** Attachments at least this fraction of the nodule's inscribed radius thick: not separable. */
    private static final double MAX_ATTACHED_FRACTION = 0.85;
    /** The retry's fraction, for attachments nearly as wide as the nodule. */
    private static final double RETRY_OPENING_FRACTION = 0.9;

    private final SegmenterConfig config;

    public NoduleSegmenter(SegmenterConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public SegmenterConfig config() {
        return config;
    }

    /**
     * @param scan          the original scan
     * @param lungs         lung mask on the working grid, or null for no lung limit
     * @param centerLps     candidate centre (patient LPS mm)
     * @param diameterMm    the detector's size estimate
     * @return the nodule, or empty when no nodule tissue lies at the centre
     */
    public Optional<NoduleSegmentation> segment(ScanVolume scan, LungMask lungs, double[] centerLps, double diameterMm) {
        double half = Math.max(config.minPatchHalfMm(), config.patchFactor() * diameterMm);
        double[] c = scan.toVoxel(centerLps);
        int i0 = Math.max(0, (int) Math.floor(c[0] - half / scan.spacingX()));
        int j0 = Math.max(0, (int) Math.floor(c[1] - half / scan.spacingY()));
        int k0 = Math.max(0, (int) Math.floor(c[2] - half / scan.spacingZ()));
        int i1 = Math.min(scan.width() - 1, (int) Math.ceil(c[0] + half / scan.spacingX()));
        int j1 = Math.min(scan.height() - 1, (int) Math.ceil(c[1] + half / scan.spacingY()));
        int k1 = Math.min(scan.depth() - 1, (int) Math.ceil(c[2] + half / scan.spacingZ()));
        if (i1 < i0 || j1 < j0 || k1 < k0) {
            return Optional.empty();
        }
        Patch p = new Patch(scan, i0, j0, k0, i1 - i0 + 1, j1 - j0 + 1, k1 - k0 + 1,
                new double[] {c[0] - i0, c[1] - j0, c[2] - k0});
        float[] hu = new float[p.size()];
        byte[] inLung = new byte[p.size()];
        byte[] fg = new byte[p.size()];
        for (int k = 0; k < p.d; k++) {
            for (int j = 0; j < p.h; j++) {
                for (int i = 0; i < p.w; i++) {
                    int v = p.index(i, j, k);
                    hu[v] = scan.at(i0 + i, j0 + j, k0 + k);
                    inLung[v] = lungs == null || nearLung(lungs, scan.toPatient(i0 + i, j0 + j, k0 + k)) ? (byte) 1 : 0;
                    fg[v] = hu[v] > config.noduleThresholdHu() && inLung[v] != 0 ? (byte) 1 : 0;
                }
            }
        }
        int seed = p.nearest(fg, Math.max(2.0, diameterMm / 4));
        if (seed < 0) {
            return Optional.empty();
        }
        // depth of every tissue voxel (mm to the nearest non-tissue voxel): at the nodule's middle it is
        // the radius of the largest ball inside the nodule
        double[] depth = sqrtAll(DistanceMap.squared(inverse(fg), p.w, p.h, p.d,
                p.scan.spacingX(), p.scan.spacingY(), p.scan.spacingZ(), true));
        // climb from the tissue at the centre to the nearest local maximum of depth: a nodule on a
        // vessel as thick as itself keeps its own middle, where the deepest point nearby may lie in
        // the vessel
        int core = p.climb(fg, depth, seed);
        double inscribed = depth[core];
        double rho = Math.min(2 * config.maxOpeningRadiusMm(), OPENING_FRACTION * inscribed);
        Attempt first = segmentAt(p, hu, inLung, fg, depth, core, diameterMm, rho);
        byte[] nodule = first.nodule();
        // an opening wider than the configured one can cut a thick artery round: enhanced blood is
        // not a nodule, and such a result counts as leaked
        boolean leaked = first.inseparable() || p.touchesBorder(nodule)
                || (rho > config.maxOpeningRadiusMm() && !notEnhancedBlood(nodule, hu));
        if (leaked && diameterMm >= RETRY_MIN_DIAMETER_MM) {
            // a large blob attached to something nearly as thick as itself (a large vessel, the
            // mediastinum): one retry with a wider opening, kept only if it no longer runs out of the
            // patch. Not for small blobs: a wider opening turns a vessel segment into a compact blob;
            // nor when the result is contrast-enhanced blood (a hilar artery cut round), not tissue
            Attempt second = segmentAt(p, hu, inLung, fg, depth, core, diameterMm,
                    Math.min(2 * config.maxOpeningRadiusMm(), RETRY_OPENING_FRACTION * inscribed));
            byte[] retry = second.nodule();
            if (!second.inseparable() && !p.touchesBorder(retry) && count(retry) > 0 && notEnhancedBlood(retry, hu)) {
                nodule = retry;
                leaked = false;
            }
        }
        return Optional.of(new NoduleSegmentation(scan, i0, j0, k0, p.w, p.h, p.d, hu, nodule, inLung, leaked));
    }

    /**
     * Contrast-enhanced blood averages +150..+300 HU and more; a calcified nodule too, but it averages
     * above +300 HU and is mostly calcium (above the calcified threshold), which a cut-round artery,
     * diluted at its blurred rim, is not.
     */
    private boolean notEnhancedBlood(byte[] m, float[] hu) {
        double mean = meanHu(m, hu);
        if (mean <= RETRY_MAX_MEAN_HU) {
            return true;
        }
        int n = 0;
        int calcium = 0;
        for (int v = 0; v < m.length; v++) {
            if (m[v] != 0) {
                n++;
                if (hu[v] >= config.calcifiedThresholdHu()) {
                    calcium++;
                }
            }
        }
        return mean > CALCIFIED_MEAN_HU && calcium >= 0.6 * n;
    }

    /**
     * One segmentation; {@code inseparable} when what the opening cut off is nearly as thick as the
     * nodule itself: a vessel junction or crossing, whose inscribed ball is only a little wider than
     * its branches, would otherwise be cut round into a compact blob.
     */
    private record Attempt(byte[] nodule, boolean inseparable) {
    }

    private Attempt segmentAt(Patch p, float[] hu, byte[] inLung, byte[] fg, double[] depth, int core,
                              double diameterMm, double rho) {
        double[] attached = new double[1];
        byte[] region = detachVessels(p, fg, depth, core, rho, attached);
        byte[] nodule = p.componentAt(region, core);
        byte[] tight = tighten(p, hu, inLung, fg, nodule);
        int tightSeed = tight[core] != 0 ? core : p.nearest(tight, Math.max(2.0, diameterMm / 4));
        boolean inseparable = attached[0] >= MAX_ATTACHED_FRACTION * depth[core];
        return new Attempt(tightSeed >= 0 ? p.componentAt(tight, tightSeed) : nodule, inseparable);
    }

    private static double meanHu(byte[] m, float[] hu) {
        double sum = 0;
        int n = 0;
        for (int v = 0; v < m.length; v++) {
            if (m[v] != 0) {
                sum += hu[v];
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    private static int count(byte[] m) {
        int n = 0;
        for (byte b : m) {
            n += b;
        }
        return n;
    }

    /**
     * Lung membership on the closed lung mask, without tolerance: the closing already brings a
     * juxtapleural nodule inside, and its border there runs along the pleura, which is the only
     * boundary between a nodule and the chest wall that the attenuation does not show. A tolerance
     * band would add a shell of chest wall to every juxtapleural nodule.
     */
    private static boolean nearLung(LungMask lungs, double[] q) {
        return lungs.containsPatient(q);
    }

    /**
     * Opening at the nodule's own scale, reconstructed inside the threshold mask: the core is what lies
     * deeper than {@code rho} (a fixed fraction of the nodule's inscribed radius), so that every
     * attached structure thinner than the nodule (vessels, pleural tags) vanishes while the nodule's
     * core survives; the core connected to the deepest point is grown back by the same radius, and cut-off parts that lie
     * wholly near it return (the tips of an elongated nodule).
     */
    private static byte[] detachVessels(Patch p, byte[] fg, double[] depth, int core, double rho,
                                        double[] attachedDepth) {
        double minSpacing = Math.min(p.scan.spacingX(), p.scan.spacingY());
        if (rho < minSpacing || depth[core] <= rho) {
            return fg;
        }
        byte[] deep = new byte[fg.length];
        for (int v = 0; v < fg.length; v++) {
            deep[v] = fg[v] != 0 && depth[v] > rho ? (byte) 1 : 0;
        }
        byte[] kept = p.componentAt(deep, core);
        double[] toCore = DistanceMap.squared(kept, p.w, p.h, p.d,
                p.scan.spacingX(), p.scan.spacingY(), p.scan.spacingZ(), false);
        double reach = rho * rho + 1e-9;
        byte[] out = new byte[fg.length];
        byte[] rest = new byte[fg.length];
        for (int v = 0; v < fg.length; v++) {
            if (fg[v] != 0) {
                out[v] = toCore[v] <= reach ? (byte) 1 : 0;
                rest[v] = (byte) (1 - out[v]);
            }
        }
        // what the opening cut off comes back where it lies wholly close to the core: the tips of an
        // elongated nodule, narrower than the ball; a vessel or a tag runs on beyond and stays off
        VoxelComponents cut = VoxelComponents.label(rest, p.w, p.h, p.d);
        double tip = (rho + TIP_REACH_MM) * (rho + TIP_REACH_MM) + 1e-9;
        boolean[] far = new boolean[cut.count() + 1];
        // the thickness of what stays cut off, measured just beyond the tips' reach (not farther: a
        // thin vessel may join a thick one elsewhere in the patch)
        double shell = Math.pow(Math.sqrt(tip) + depth[core], 2);
        for (int v = 0; v < fg.length; v++) {
            if (rest[v] != 0 && toCore[v] > tip) {
                far[cut.label(v)] = true;
                if (toCore[v] <= shell) {
                    attachedDepth[0] = Math.max(attachedDepth[0], depth[v]);
                }
            }
        }
        for (int v = 0; v < fg.length; v++) {
            if (rest[v] != 0 && !far[cut.label(v)]) {
                out[v] = 1;
            }
        }
        return out;
    }

    private static byte[] inverse(byte[] m) {
        byte[] out = new byte[m.length];
        for (int v = 0; v < m.length; v++) {
            out[v] = m[v] != 0 ? 0 : (byte) 1;
        }
        return out;
    }

    private static double[] sqrtAll(double[] a) {
        for (int v = 0; v < a.length; v++) {
            a[v] = Math.sqrt(a[v]);
        }
        return a;
    }

    /**
     * The half-way threshold between the parenchyma around (median of in-lung voxels below the nodule
     * threshold) and the nodule (its 75th percentile: the median of a small blurred nodule is pulled
     * down by its rim, while a higher percentile would ignore the ground glass of a part-solid one), clamped to [nodule threshold, -350]: a blurred
     * edge's true position, for solid and ground-glass nodules alike.
     */
    private byte[] tighten(Patch p, float[] hu, byte[] inLung, byte[] fg, byte[] nodule) {
        List<Float> bg = new ArrayList<>();
        List<Float> inside = new ArrayList<>();
        for (int v = 0; v < hu.length; v++) {
            if (nodule[v] != 0) {
                inside.add(hu[v]);
            } else if (inLung[v] != 0 && fg[v] == 0) {
                bg.add(hu[v]);
            }
        }
        double background = bg.size() < 20 ? -850 : percentile(bg, 0.5);
        double level = Math.max(config.noduleThresholdHu(), Math.min(-350, (background + percentile(inside, 0.75)) / 2));
        byte[] out = new byte[hu.length];
        for (int v = 0; v < hu.length; v++) {
            out[v] = nodule[v] != 0 && hu[v] >= level ? (byte) 1 : 0;
        }
        return out;
    }

    private static double percentile(List<Float> values, double q) {
        float[] a = new float[values.size()];
        for (int n = 0; n < a.length; n++) {
            a[n] = values.get(n);
        }
        java.util.Arrays.sort(a);
        return a.length == 0 ? 0 : a[(int) Math.min(a.length - 1, q * a.length)];
    }

    /** Patch geometry and the helpers that need it. */
    private static final class Patch {
        final ScanVolume scan;
        final int i0;
        final int j0;
        final int k0;
        final int w;
        final int h;
        final int d;
        final double[] center;

        Patch(ScanVolume scan, int i0, int j0, int k0, int w, int h, int d, double[] center) {
            this.scan = scan;
            this.i0 = i0;
            this.j0 = j0;
            this.k0 = k0;
            this.w = w;
            this.h = h;
            this.d = d;
            this.center = center;
        }

        int size() {
            return w * h * d;
        }

        int index(int i, int j, int k) {
            return (k * h + j) * w + i;
        }

        /** The set voxel nearest (mm) to the centre within {@code radiusMm}, or -1. */
        int nearest(byte[] m, double radiusMm) {
            int best = -1;
            double bestD = radiusMm * radiusMm;
            for (int v = 0; v < m.length; v++) {
                if (m[v] == 0) {
                    continue;
                }
                double dx = (v % w - center[0]) * scan.spacingX();
                double dy = ((v / w) % h - center[1]) * scan.spacingY();
                double dz = (v / (w * h) - center[2]) * scan.spacingZ();
                double d2 = dx * dx + dy * dy + dz * dz;
                if (d2 <= bestD) {
                    bestD = d2;
                    best = v;
                }
            }
            return best;
        }

        /** Steepest ascent of {@code depth} over the 26 neighbours inside {@code m}, from {@code start}. */
        int climb(byte[] m, double[] depth, int start) {
            int at = start;
            while (true) {
                int i = at % w;
                int j = (at / w) % h;
                int k = at / (w * h);
                int best = at;
                for (int dk = -1; dk <= 1; dk++) {
                    for (int dj = -1; dj <= 1; dj++) {
                        for (int di = -1; di <= 1; di++) {
                            int ii = i + di;
                            int jj = j + dj;
                            int kk = k + dk;
                            if (ii < 0 || jj < 0 || kk < 0 || ii >= w || jj >= h || kk >= d) {
                                continue;
                            }
                            int n = index(ii, jj, kk);
                            if (m[n] != 0 && depth[n] > depth[best] + 1e-9) {
                                best = n;
                            }
                        }
                    }
                }
                if (best == at) {
                    return at;
                }
                at = best;
            }
        }

        byte[] componentAt(byte[] m, int seed) {
            return VoxelComponents.componentOf(m, w, h, d, seed);
        }

        /** In-plane border only, and the through-plane border where the scan itself goes on. */
        boolean touchesBorder(byte[] m) {
            for (int v = 0; v < m.length; v++) {
                if (m[v] == 0) {
                    continue;
                }
                int i = v % w;
                int j = (v / w) % h;
                int k = v / (w * h);
                boolean zEdge = (k == 0 && k0 > 0) || (k == d - 1 && k0 + d < scan.depth());
                if (i == 0 || j == 0 || i == w - 1 || j == h - 1 || zEdge) {
                    return true;
                }
            }
            return false;
        }
    }
}
