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
 * working grid for a 6 mm nodule): threshold, limit to the lung, cut attached vessels by an opening
 * at the nodule's scale, keep the component at the centre, then tighten to the half-way HU between
 * parenchyma and nodule so that the edge sits where a blurred edge's true position is.
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
        byte[] nodule = segmentAt(p, hu, inLung, fg, seed, diameterMm,
                Math.min(config.maxOpeningRadiusMm(), diameterMm / 5));
        boolean leaked = p.touchesBorder(nodule);
        if (leaked && diameterMm >= RETRY_MIN_DIAMETER_MM) {
            // a large blob attached to something thicker than the first opening (a large vessel, the
            // mediastinum): one retry with twice the radius, kept only if it no longer runs out of the
            // patch. Not for small blobs: a wider opening turns a vessel segment into a compact blob;
            // nor when the result is contrast-enhanced blood (a hilar artery cut round), not tissue
            byte[] retry = segmentAt(p, hu, inLung, fg, seed, diameterMm,
                    Math.min(2 * config.maxOpeningRadiusMm(), diameterMm / 3));
            if (!p.touchesBorder(retry) && count(retry) > 0 && meanHu(retry, hu) <= RETRY_MAX_MEAN_HU) {
                nodule = retry;
                leaked = false;
            }
        }
        return Optional.of(new NoduleSegmentation(scan, i0, j0, k0, p.w, p.h, p.d, hu, nodule, inLung, leaked));
    }

    private byte[] segmentAt(Patch p, float[] hu, byte[] inLung, byte[] fg, int seed, double diameterMm, double rhoMax) {
        byte[] region = detachVessels(p, fg, diameterMm, rhoMax);
        if (region[seed] == 0) {
            region = fg;
        }
        byte[] nodule = p.componentAt(region, seed);
        byte[] tight = tighten(p, hu, inLung, fg, nodule);
        int tightSeed = p.nearest(tight, Math.max(2.0, diameterMm / 4));
        return tightSeed >= 0 ? p.componentAt(tight, tightSeed) : nodule;
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

    /** Lung membership with about 2 mm of tolerance, so that a nodule's pleural side is not shaved. */
    private static boolean nearLung(LungMask lungs, double[] q) {
        if (lungs.containsPatient(q)) {
            return true;
        }
        double r = 2.0;
        double[][] offsets = {{r, 0, 0}, {-r, 0, 0}, {0, r, 0}, {0, -r, 0}, {0, 0, r}, {0, 0, -r}};
        for (double[] o : offsets) {
            if (lungs.containsPatient(new double[] {q[0] + o[0], q[1] + o[1], q[2] + o[2]})) {
                return true;
            }
        }
        return false;
    }

    /**
     * Opening at the nodule's scale, reconstructed inside the threshold mask: structures thinner than
     * twice the radius (vessels, pleural tags) vanish in the erosion, and only the grown-back core
     * connected to the centre remains. The radius halves until the centre survives the erosion.
     */
    private byte[] detachVessels(Patch p, byte[] fg, double diameterMm, double rhoMax) {
        double minSpacing = Math.min(p.scan.spacingX(), p.scan.spacingY());
        // first pass a fifth of the diameter: removes vessels up to 2/5 of the nodule wide and keeps
        // the tips of a 2:1 ellipsoid
        for (double rho = rhoMax; rho >= minSpacing; rho /= 2) {
            List<int[]> ball = ball(p.scan, rho);
            byte[] core = erode(p, fg, ball);
            int coreSeed = p.nearest(core, Math.max(2.0, diameterMm / 2));
            if (coreSeed < 0) {
                continue;
            }
            // grow back 1 mm further than eroded: the tips of an elongated nodule, narrower than the
            // ball, come back; an attached vessel keeps only a 1 mm stub
            return dilateWithin(p, p.componentAt(core, coreSeed), ball(p.scan, rho + 1.0), fg);
        }
        return fg;
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

    /** Offsets (di, dj, dk) of a ball of radius rho mm on the scan's (anisotropic) voxels. */
    static List<int[]> ball(ScanVolume scan, double rho) {
        int ri = (int) Math.floor(rho / scan.spacingX());
        int rj = (int) Math.floor(rho / scan.spacingY());
        int rk = (int) Math.floor(rho / scan.spacingZ());
        List<int[]> out = new ArrayList<>();
        for (int dk = -rk; dk <= rk; dk++) {
            for (int dj = -rj; dj <= rj; dj++) {
                for (int di = -ri; di <= ri; di++) {
                    double x = di * scan.spacingX();
                    double y = dj * scan.spacingY();
                    double z = dk * scan.spacingZ();
                    if (x * x + y * y + z * z <= rho * rho + 1e-9) {
                        out.add(new int[] {di, dj, dk});
                    }
                }
            }
        }
        return out;
    }

    private static byte[] erode(Patch p, byte[] m, List<int[]> ball) {
        byte[] out = new byte[m.length];
        for (int k = 0; k < p.d; k++) {
            for (int j = 0; j < p.h; j++) {
                for (int i = 0; i < p.w; i++) {
                    int v = p.index(i, j, k);
                    if (m[v] == 0) {
                        continue;
                    }
                    boolean all = true;
                    for (int[] o : ball) {
                        int ii = i + o[0];
                        int jj = j + o[1];
                        int kk = k + o[2];
                        // beyond the patch counts as background only in-plane; through-plane the patch
                        // may be only a few slices, and a nodule cut by the scan's end must survive
                        if (ii < 0 || jj < 0 || ii >= p.w || jj >= p.h) {
                            all = false;
                            break;
                        }
                        if (kk < 0 || kk >= p.d) {
                            continue;
                        }
                        if (m[p.index(ii, jj, kk)] == 0) {
                            all = false;
                            break;
                        }
                    }
                    out[v] = all ? (byte) 1 : 0;
                }
            }
        }
        return out;
    }

    private static byte[] dilateWithin(Patch p, byte[] m, List<int[]> ball, byte[] limit) {
        byte[] out = new byte[m.length];
        for (int k = 0; k < p.d; k++) {
            for (int j = 0; j < p.h; j++) {
                for (int i = 0; i < p.w; i++) {
                    if (m[p.index(i, j, k)] == 0) {
                        continue;
                    }
                    for (int[] o : ball) {
                        int ii = i + o[0];
                        int jj = j + o[1];
                        int kk = k + o[2];
                        if (ii >= 0 && jj >= 0 && kk >= 0 && ii < p.w && jj < p.h && kk < p.d) {
                            int n = p.index(ii, jj, kk);
                            if (limit[n] != 0) {
                                out[n] = 1;
                            }
                        }
                    }
                }
            }
        }
        return out;
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

        byte[] componentAt(byte[] m, int seed) {
            VoxelComponents cc = VoxelComponents.label(m, w, h, d);
            int label = cc.label(seed);
            byte[] out = new byte[m.length];
            for (int v = 0; v < m.length; v++) {
                out[v] = label != 0 && cc.label(v) == label ? (byte) 1 : 0;
            }
            return out;
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
