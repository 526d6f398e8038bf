package org.lungcad.model.detect;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.lungcad.model.ScanVolume;
import org.lungcad.model.lung.LungMask;

/**
 * Multi-scale Hessian "dot" filter on the working grid, restricted to the lung mask.
 *
 * <p>Small scales run on the working grid cropped to the lungs; scales from
 * {@link CandidateDetectorConfig#coarseFromMm()} on a copy averaged 2x2x2, which keeps a 30 mm
 * nodule's filter at an eighth of the cost. Each scale runs in z-slabs (see {@link #SLAB_VOXELS}), one
 * NDManager scope per slab. Peaks of all scales are merged by non-maximum suppression
 * (a weaker peak inside a stronger one's estimated radius is the same object) and re-centred on the
 * attenuation centroid, since a coarse-grid peak is only known to within a voxel.
 */
public final class CandidateDetector {

    /** HU window of the filter input: bone and contrast above +200 HU would dominate every response. */
    private static final float HU_MIN = -1000f;
    private static final float HU_MAX = 200f;
    /** About 24 MB of float per tensor: below glibc's largest mmap threshold, so freed blocks are reused. */
    private static final int SLAB_VOXELS = 6_000_000;

    private final NDManager root;
    private final CandidateDetectorConfig config;

    /** @param root manager whose sub-managers hold each call's tensors; the caller owns and closes it */
    public CandidateDetector(NDManager root, CandidateDetectorConfig config) {
        this.root = Objects.requireNonNull(root, "root");
        this.config = Objects.requireNonNull(config, "config");
    }

    public CandidateDetectorConfig config() {
        return config;
    }

    /** Candidates ordered by decreasing response, at most {@code maxCandidates}. */
    public List<Candidate> detect(ScanVolume work, LungMask lungs) {
        if (work.width() != lungs.width() || work.height() != lungs.height() || work.depth() != lungs.depth()) {
            throw new IllegalArgumentException("lung mask is not on the working grid");
        }
        double t = work.spacingX();
        if (Math.abs(work.spacingY() - t) > 1e-6 * t || Math.abs(work.spacingZ() - t) > 1e-6 * t) {
            throw new IllegalArgumentException("the working grid must be isotropic (resample first)");
        }
        byte[] mask = lungs.toBinary();
        int[] box = boundingBox(mask, work.width(), work.height(), work.depth());
        if (box == null) {
            return List.of();
        }
        List<Double> fine = config.scalesMm().stream().filter(s -> s < config.coarseFromMm()).toList();
        List<Double> coarse = config.scalesMm().stream().filter(s -> s >= config.coarseFromMm()).toList();
        List<Raw> raw = new ArrayList<>();
        if (!fine.isEmpty()) {
            int margin = (int) Math.ceil(3 * fine.get(fine.size() - 1) / t) + 2;
            raw.addAll(run(work, mask, box, margin, 1, fine));
        }
        if (!coarse.isEmpty()) {
            int margin = (int) Math.ceil(3 * coarse.get(coarse.size() - 1) / t) + 4;
            raw.addAll(run(work, mask, box, margin, 2, coarse));
        }
        return suppress(work, raw);
    }

    /** A peak in working-grid coordinates, before suppression. */
    private record Raw(double i, double j, double k, double sigmaMm, double response, double blobRatio,
                       double tubeRatio) {
    }

    private List<Raw> run(ScanVolume work, byte[] mask, int[] box, int margin, int factor, List<Double> scales) {
        Crop crop = Crop.of(work, mask, box, margin, factor);
        double t = work.spacingX() * factor;
        int plane = crop.w * crop.h;
        List<Raw> out = new ArrayList<>();
        for (double sigma : scales) {
            // slabs along z with a halo that covers the Gaussian, the two derivative taps and the
            // peak window: tensors stay small enough for the allocator to reuse freed memory instead
            // of mapping fresh pages for every op (which cost more system time than the filter itself)
            int halo = (int) Math.ceil(3 * sigma / t) + 3;
            int core = Math.max(8, SLAB_VOXELS / plane - 2 * halo);
            for (int z0 = 0; z0 < crop.d; z0 += core) {
                int z1 = Math.min(crop.d, z0 + core);
                int a = Math.max(0, z0 - halo);
                int b = Math.min(crop.d, z1 + halo);
                try (NDManager sub = root.newSubManager()) {
                    Shape shape = new Shape(1, 1, b - a, crop.h, crop.w);
                    NDArray x = sub.create(java.nio.FloatBuffer.wrap(crop.values, a * plane, (b - a) * plane), shape);
                    NDArray m = sub.create(java.nio.FloatBuffer.wrap(crop.mask, a * plane, (b - a) * plane), shape);
                    for (HessianBlobFilter.Peak p : HessianBlobFilter.peaks(x, m, sigma / t, config.minResponse(),
                            config.minBlobRatio(), config.faintMinResponse(), config.faintMinBlobRatio())) {
                        int ci = (int) (p.index() % crop.w);
                        int cj = (int) ((p.index() / crop.w) % crop.h);
                        int ck = (int) (p.index() / plane) + a;
                        if (ck < z0 || ck >= z1) {
                            continue;
                        }
                        // a coarse voxel covers fine voxels f*c .. f*c+f-1: its centre is at f*c + (f-1)/2
                        double off = (factor - 1) / 2.0;
                        out.add(new Raw(crop.i0 + ci * factor + off, crop.j0 + cj * factor + off,
                                crop.k0 + ck * factor + off, sigma, p.response(),
                                p.l1() / p.l3(), p.l2() / p.l3()));
                    }
                }
            }
        }
        return out;
    }

    private List<Candidate> suppress(ScanVolume work, List<Raw> raw) {
        List<Raw> sorted = new ArrayList<>(raw);
        sorted.sort(Comparator.comparingDouble(Raw::response).reversed());
        double t = work.spacingX();
        List<Raw> kept = new ArrayList<>();
        for (Raw r : sorted) {
            double dr = CandidateDetectorConfig.diameterForScale(r.sigmaMm());
            boolean inside = false;
            for (Raw k : kept) {
                double dk = CandidateDetectorConfig.diameterForScale(k.sigmaMm());
                double dist = t * Math.sqrt(sq(r.i() - k.i()) + sq(r.j() - k.j()) + sq(r.k() - k.k()));
                if (dist < 0.5 * Math.max(dr, dk)) {
                    inside = true;
                    break;
                }
            }
            if (!inside) {
                kept.add(r);
                if (kept.size() >= config.maxCandidates()) {
                    break;
                }
            }
        }
        List<Candidate> out = new ArrayList<>(kept.size());
        for (Raw r : kept) {
            double d = CandidateDetectorConfig.diameterForScale(r.sigmaMm());
            double[] c = Recentring.centroid(work, new double[] {r.i(), r.j(), r.k()}, d / 2);
            out.add(new Candidate(c, work.toPatient(c[0], c[1], c[2]), r.sigmaMm(), d, r.response(),
                    r.blobRatio(), r.tubeRatio(), Recentring.huAt(work, c)));
        }
        return out;
    }

    private static double sq(double x) {
        return x * x;
    }

    private static int[] boundingBox(byte[] mask, int w, int h, int d) {
        int[] b = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1, -1};
        for (int k = 0; k < d; k++) {
            for (int j = 0; j < h; j++) {
                int row = (k * h + j) * w;
                for (int i = 0; i < w; i++) {
                    if (mask[row + i] != 0) {
                        b[0] = Math.min(b[0], i);
                        b[1] = Math.min(b[1], j);
                        b[2] = Math.min(b[2], k);
                        b[3] = Math.max(b[3], i);
                        b[4] = Math.max(b[4], j);
                        b[5] = Math.max(b[5], k);
                    }
                }
            }
        }
        return b[3] < 0 ? null : b;
    }

    /**
     * The lungs' bounding box plus a margin, HU windowed and scaled to (HU + 1000) / 1000; outside the
     * scan the nearest edge voxel is repeated, so the zero padding of the convolutions only touches the
     * margin, never the lungs.
     */
    private static final class Crop {
        final int i0;
        final int j0;
        final int k0;
        final int w;
        final int h;
        final int d;
        final float[] values;
        final float[] mask;

        private Crop(int i0, int j0, int k0, int w, int h, int d) {
            this.i0 = i0;
            this.j0 = j0;
            this.k0 = k0;
            this.w = w;
            this.h = h;
            this.d = d;
            this.values = new float[w * h * d];
            this.mask = new float[w * h * d];
        }

        /** Crop at {@code factor} times the working spacing; a coarse voxel is the mean of factor^3 voxels. */
        static Crop of(ScanVolume work, byte[] lung, int[] box, int margin, int factor) {
            int i0 = box[0] - margin;
            int j0 = box[1] - margin;
            int k0 = box[2] - margin;
            int w = roundUp(box[3] - box[0] + 1 + 2 * margin, factor) / factor;
            int h = roundUp(box[4] - box[1] + 1 + 2 * margin, factor) / factor;
            int d = roundUp(box[5] - box[2] + 1 + 2 * margin, factor) / factor;
            Crop c = new Crop(i0, j0, k0, w, h, d);
            float[] hu = work.hu();
            int ww = work.width();
            int wh = work.height();
            int wd = work.depth();
            float norm = 1f / (factor * factor * factor);
            for (int k = 0; k < d * factor; k++) {
                int gk = clamp(k0 + k, wd);
                boolean kIn = k0 + k == gk;
                for (int j = 0; j < h * factor; j++) {
                    int gj = clamp(j0 + j, wh);
                    boolean jIn = kIn && j0 + j == gj;
                    int row = (gk * wh + gj) * ww;
                    int o = ((k / factor) * h + j / factor) * w;
                    for (int i = 0; i < w * factor; i++) {
                        int gi = clamp(i0 + i, ww);
                        float v = Math.max(HU_MIN, Math.min(HU_MAX, hu[row + gi]));
                        c.values[o + i / factor] += (v - HU_MIN) / 1000f * norm;
                        if (jIn && i0 + i == gi && lung[row + gi] != 0) {
                            c.mask[o + i / factor] += norm;
                        }
                    }
                }
            }
            return c;
        }

        private static int roundUp(int n, int f) {
            return (n + f - 1) / f * f;
        }

        private static int clamp(int x, int n) {
            return Math.max(0, Math.min(n - 1, x));
        }
    }
}
