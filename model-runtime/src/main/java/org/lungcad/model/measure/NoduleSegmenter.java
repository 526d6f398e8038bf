package org.lungcad.model.measure;

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
 * so that the edge sits where a blurred edge's true position is. A small blob is worked on slices
 * interpolated between the scan's (see {@link SegmentationPatch}): on thick slices its depth is
 * otherwise capped by the slice spacing, like that of any vessel it touches. A small blob that stays
 * joined to a vessel as thick as itself is cut at its {@link RadialExtent radial extent} instead.
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
    /**
     * A blob cut at its radial extent is separate when the tissue beyond lies at least this much on one
     * side (mean unit direction: a straight vessel through the blob gives about 0, a junction little
     * more; on the synthetic cases vessel structures cut round gave 0.11-0.30, nodules beside a vessel
     * 0.23-0.70, most above 0.4).
     */
    private static final double ONE_SIDED = 0.4;

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
        SegmentationPatch p = SegmentationPatch.cut(scan, lungs, scan.toVoxel(centerLps), half, diameterMm);
        if (p == null) {
            return Optional.empty();
        }
        float[] hu = p.hu;
        byte[] inLung = p.inLung;
        byte[] fg = new byte[p.size()];
        for (int v = 0; v < fg.length; v++) {
            fg[v] = hu[v] > config.noduleThresholdHu() && inLung[v] != 0 ? (byte) 1 : 0;
        }
        int seed = p.nearest(fg, Math.max(2.0, diameterMm / 4));
        if (seed < 0) {
            return Optional.empty();
        }
        // depth of every tissue voxel (mm to the nearest non-tissue voxel): at the nodule's middle it is
        // the radius of the largest ball inside the nodule
        double[] depth = sqrtAll(p.squaredDistanceTo(inverse(fg), true));
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
        if (leaked && diameterMm < RETRY_MIN_DIAMETER_MM) {
            // a small nodule on a vessel as thick as itself: no opening parts them, but the nodule's
            // round outline ends where the vessel only grazes the shells around its middle. Only for
            // an outline that ends within twice the inscribed radius and below the retry's size (a
            // blob that only a 10 mm ball contains is no small nodule: a hilar trunk cut round)
            RadialExtent extent = RadialExtent.of(p, fg, core, inscribed,
                    Math.min(2 * inscribed, RETRY_MIN_DIAMETER_MM / 2));
            byte[] limited = extent == null ? null : limitTo(p, hu, inLung, fg, core, extent.radiusMm());
            if (limited != null) {
                nodule = limited;
                // cut round, the blob is a nodule only if what it touches lies on one side (a vessel
                // beside it); a blob with tissue running on across it is a vessel segment, crossing or
                // junction cut round and stays marked as leaked
                leaked = extent.oneSided() < ONE_SIDED;
            }
        }
        return Optional.of(new NoduleSegmentation(scan, p.i0, p.j0, p.k0, p.w, p.h, p.slices, p.huOnScanGrid(),
                p.onScanGrid(nodule), p.onScanGrid(inLung), leaked));
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

    private Attempt segmentAt(SegmentationPatch p, float[] hu, byte[] inLung, byte[] fg, double[] depth, int core,
                              double diameterMm, double rho) {
        double[] attached = new double[1];
        byte[] region = detachVessels(p, fg, depth, core, rho, attached);
        byte[] nodule = p.componentAt(region, core);
        byte[] tight = tighten(p, hu, inLung, fg, nodule);
        int tightSeed = tight[core] != 0 ? core : p.nearest(tight, Math.max(2.0, diameterMm / 4));
        boolean inseparable = attached[0] >= MAX_ATTACHED_FRACTION * depth[core];
        return new Attempt(tightSeed >= 0 ? p.componentAt(tight, tightSeed) : nodule, inseparable);
    }

    /**
     * A small blob that no opening could part from what it touches (a vessel as thick as itself): the
     * tissue within its {@link RadialExtent radial extent} {@code r} of the middle, tightened as usual;
     * null when the result is enhanced blood.
     */
    private byte[] limitTo(SegmentationPatch p, float[] hu, byte[] inLung, byte[] fg, int core, double r) {
        // the distance to one voxel is its offset: no distance transform needed
        byte[] ball = new byte[fg.length];
        p.forEachOffset(core, (v, dx, dy, dz) -> {
            ball[v] = fg[v] != 0 && dx * dx + dy * dy + dz * dz <= r * r ? (byte) 1 : 0;
        });
        byte[] nodule = p.componentAt(ball, core);
        byte[] tight = tighten(p, hu, inLung, fg, nodule);
        byte[] out = tight[core] != 0 ? p.componentAt(tight, core) : nodule;
        return count(out) > 0 && notEnhancedBlood(out, hu) ? out : null;
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
     * Opening at the nodule's own scale, reconstructed inside the threshold mask: the core is what lies
     * deeper than {@code rho} (a fixed fraction of the nodule's inscribed radius), so that every
     * attached structure thinner than the nodule (vessels, pleural tags) vanishes while the nodule's
     * core survives; the core connected to the deepest point is grown back by the same radius, and cut-off parts that lie
     * wholly near it return (the tips of an elongated nodule).
     */
    private static byte[] detachVessels(SegmentationPatch p, byte[] fg, double[] depth, int core, double rho,
                                        double[] attachedDepth) {
        double minSpacing = Math.min(p.sx, p.sy);
        if (rho < minSpacing || depth[core] <= rho) {
            return fg;
        }
        byte[] deep = new byte[fg.length];
        for (int v = 0; v < fg.length; v++) {
            deep[v] = fg[v] != 0 && depth[v] > rho ? (byte) 1 : 0;
        }
        byte[] kept = p.componentAt(deep, core);
        double[] toCore = p.squaredDistanceTo(kept, false);
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
    private byte[] tighten(SegmentationPatch p, float[] hu, byte[] inLung, byte[] fg, byte[] nodule) {
        // plain float arrays: a refined patch reaches a million voxels, too many to box
        float[] bg = new float[hu.length];
        float[] inside = new float[hu.length];
        int nb = 0;
        int ni = 0;
        for (int v = 0; v < hu.length; v++) {
            if (nodule[v] != 0) {
                inside[ni++] = hu[v];
            } else if (inLung[v] != 0 && fg[v] == 0) {
                bg[nb++] = hu[v];
            }
        }
        double background = nb < 20 ? -850 : percentile(bg, nb, 0.5);
        double level = Math.max(config.noduleThresholdHu(), Math.min(-350, (background + percentile(inside, ni, 0.75)) / 2));
        byte[] out = new byte[hu.length];
        for (int v = 0; v < hu.length; v++) {
            out[v] = nodule[v] != 0 && hu[v] >= level ? (byte) 1 : 0;
        }
        return out;
    }

    /** The q-quantile of the first n values (sorts them in place). */
    private static double percentile(float[] values, int n, double q) {
        java.util.Arrays.sort(values, 0, n);
        return n == 0 ? 0 : values[(int) Math.min(n - 1, q * n)];
    }
}
