package org.lungcad.model.synthetic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.lungcad.model.NoduleType;
import org.lungcad.model.ScanVolume;

/**
 * Inserts synthetic nodules into a CT volume and says exactly what it inserted.
 *
 * <p>Per nodule, on a local patch only: the shape is rasterised with supersampling (occupancy in [0, 1]),
 * filled with a type-specific attenuation with mild texture (solid 15…45 HU, ground-glass −600…−400 HU,
 * part-solid = ground-glass halo with a solid core, calcified +300…+700 HU), blurred with a Gaussian PSF
 * of the scan's resolution (FWHM = factor × voxel spacing per axis), blended over the background,
 * and given noise of the SD estimated from the surrounding parenchyma so that the nodule does not look
 * smoother than the scan. Where the background is already denser than the nodule (a vessel, the pleura,
 * the chest wall) the background is kept, so juxtavascular and juxtapleural nodules keep their neighbours.
 * The input volume is never changed.
 */
public final class SyntheticNoduleInserter {

    /** Parenchyma HU range used for the noise estimate. */
    private static final float PARENCHYMA_MIN = -950;
    private static final float PARENCHYMA_MAX = -600;
    private static final double FWHM_TO_SIGMA = 1 / (2 * Math.sqrt(2 * Math.log(2)));
    private static final double NOISE_SHELL_MM = 8;

    private final Config config;

    /**
     * @param partSolidCoreFraction solid core diameter as a fraction of a part-solid nodule's diameter, (0, 1)
     * @param psfFwhmFactor         PSF full width at half maximum as a multiple of the voxel spacing, per axis
     * @param minInPlaneFwhmMm      floor of the in-plane PSF FWHM (no CT resolves better than ~0.5 mm)
     * @param fallbackNoiseSdHu     noise SD when too little parenchyma surrounds the nodule to measure it
     * @param supersampling         subsamples per voxel axis when rasterising the shape, 1 to 8
     */
    public record Config(double partSolidCoreFraction, double psfFwhmFactor, double minInPlaneFwhmMm,
                         double fallbackNoiseSdHu, int supersampling) {
        public static final Config DEFAULT = new Config(0.5, 1.0, 0.6, 20, 3);

        public Config {
            if (!(partSolidCoreFraction > 0 && partSolidCoreFraction < 1)) {
                throw new IllegalArgumentException("part-solid core fraction must be in (0, 1): " + partSolidCoreFraction);
            }
            if (!(psfFwhmFactor >= 0 && psfFwhmFactor <= 4)) {
                throw new IllegalArgumentException("PSF FWHM factor must be in [0, 4]: " + psfFwhmFactor);
            }
            if (!(minInPlaneFwhmMm >= 0 && minInPlaneFwhmMm <= 5)) {
                throw new IllegalArgumentException("minimum in-plane FWHM must be in [0, 5] mm: " + minInPlaneFwhmMm);
            }
            if (!(fallbackNoiseSdHu >= 0 && fallbackNoiseSdHu <= 500)) {
                throw new IllegalArgumentException("fallback noise SD must be in [0, 500] HU: " + fallbackNoiseSdHu);
            }
            if (supersampling < 1 || supersampling > 8) {
                throw new IllegalArgumentException("supersampling must be in [1, 8]: " + supersampling);
            }
        }
    }

    /** The volume with the nodules, and one ground-truth row per nodule in the order given. */
    public record Insertion(ScanVolume volume, List<GroundTruth> groundTruth) {
        public Insertion {
            Objects.requireNonNull(volume, "volume");
            groundTruth = List.copyOf(groundTruth);
        }
    }

    public SyntheticNoduleInserter(Config config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Returns a new volume with the nodules inserted one after another.
     *
     * @throws IllegalArgumentException when a nodule's centre lies outside the volume
     */
    public Insertion insert(ScanVolume scan, String seriesUid, List<NoduleSpec> specs) {
        Objects.requireNonNull(scan, "scan");
        Objects.requireNonNull(specs, "specs");
        float[] hu = scan.hu().clone();
        ScanVolume work = new ScanVolume(scan.width(), scan.height(), scan.depth(), hu,
                scan.spacingX(), scan.spacingY(), scan.spacingZ(), scan.origin(),
                scan.rowDirection(), scan.columnDirection(), scan.sliceDirection());
        List<GroundTruth> truth = new ArrayList<>();
        for (NoduleSpec spec : specs) {
            truth.add(insertOne(work, seriesUid, spec));
        }
        return new Insertion(work, truth);
    }

    private GroundTruth insertOne(ScanVolume v, String seriesUid, NoduleSpec spec) {
        double[] center = spec.centerLps();
        double[] cv = v.toVoxel(center);
        if (cv[0] < -0.5 || cv[1] < -0.5 || cv[2] < -0.5
                || cv[0] > v.width() - 0.5 || cv[1] > v.height() - 0.5 || cv[2] > v.depth() - 0.5) {
            throw new IllegalArgumentException("nodule centre " + Arrays.toString(center) + " lies outside the volume");
        }
        SplittableRandom rnd = new SplittableRandom(spec.seed());
        NoduleShapeModel shape = new NoduleShapeModel(spec.diameterMm(), spec.shape(), rnd);
        Attenuation att = Attenuation.draw(spec.type(), spec.diameterMm(), rnd);

        double[] sigmaMm = {
            Math.max(config.psfFwhmFactor() * v.spacingX(), config.minInPlaneFwhmMm()) * FWHM_TO_SIGMA,
            Math.max(config.psfFwhmFactor() * v.spacingY(), config.minInPlaneFwhmMm()) * FWHM_TO_SIGMA,
            config.psfFwhmFactor() * v.spacingZ() * FWHM_TO_SIGMA};
        double extentMm = shape.extent() + 3 * Math.max(sigmaMm[0], Math.max(sigmaMm[1], sigmaMm[2])) + NOISE_SHELL_MM;
        Patch p = Patch.around(v, cv, extentMm);

        float[] occ = new float[p.size()];
        float[] val = new float[p.size()];
        rasterise(v, p, center, shape, att, spec.type(), occ, val);
        GaussianBlur.blur(occ, p.nx, p.ny, p.nz, sigmaMm[0] / v.spacingX(), sigmaMm[1] / v.spacingY(), sigmaMm[2] / v.spacingZ());
        GaussianBlur.blur(val, p.nx, p.ny, p.nz, sigmaMm[0] / v.spacingX(), sigmaMm[1] / v.spacingY(), sigmaMm[2] / v.spacingZ());

        double noiseSd = estimateNoise(v, p, center, shape.extent() + 2);
        blend(v, p, occ, val, noiseSd, rnd);

        double solid = switch (spec.type()) {
            case PART_SOLID -> config.partSolidCoreFraction() * spec.diameterMm();
            case GROUND_GLASS -> 0;
            default -> spec.diameterMm();
        };
        return new GroundTruth(seriesUid, center, spec.diameterMm(), spec.type(), spec.shape(), solid,
                att.nominalHu(), noiseSd, spec.seed(), spec.placement());
    }

    /** Occupancy and occupancy-weighted HU per patch voxel, by supersampling the shape. */
    private void rasterise(ScanVolume v, Patch p, double[] c, NoduleShapeModel shape, Attenuation att,
                           NoduleType type, float[] occ, float[] val) {
        int s = config.supersampling();
        double w = 1.0 / (s * s * s);
        double[] ei = scaled(v.rowDirection(), v.spacingX());
        double[] ej = scaled(v.columnDirection(), v.spacingY());
        double[] ek = scaled(v.sliceDirection(), v.spacingZ());
        double halfDiagonal = 0.5 * Math.sqrt(v.spacingX() * v.spacingX() + v.spacingY() * v.spacingY() + v.spacingZ() * v.spacingZ());
        double reach = shape.extent() + halfDiagonal;
        boolean partSolid = type == NoduleType.PART_SOLID;
        for (int k = 0; k < p.nz; k++) {
            for (int j = 0; j < p.ny; j++) {
                for (int i = 0; i < p.nx; i++) {
                    double[] o = v.toPatient(p.i0 + i, p.j0 + j, p.k0 + k);
                    double ox = o[0] - c[0];
                    double oy = o[1] - c[1];
                    double oz = o[2] - c[2];
                    if (ox * ox + oy * oy + oz * oz > reach * reach) {
                        continue;
                    }
                    double o1 = 0;
                    double v1 = 0;
                    for (int a = 0; a < s; a++) {
                        double fa = (a + 0.5) / s - 0.5;
                        for (int b = 0; b < s; b++) {
                            double fb = (b + 0.5) / s - 0.5;
                            for (int d = 0; d < s; d++) {
                                double fd = (d + 0.5) / s - 0.5;
                                double x = ox + fa * ei[0] + fb * ej[0] + fd * ek[0];
                                double y = oy + fa * ei[1] + fb * ej[1] + fd * ek[1];
                                double z = oz + fa * ei[2] + fb * ej[2] + fd * ek[2];
                                if (shape.inside(x, y, z)) {
                                    boolean core = !partSolid || shape.insideCore(x, y, z, config.partSolidCoreFraction());
                                    o1 += w;
                                    v1 += w * att.hu(x, y, z, core);
                                }
                            }
                        }
                    }
                    int idx = p.index(i, j, k);
                    occ[idx] = (float) o1;
                    val[idx] = (float) v1;
                }
            }
        }
    }

    /** Robust noise SD of parenchyma in the shell outside the nodule: MAD of a 6-neighbour Laplacian residual. */
    private double estimateNoise(ScanVolume v, Patch p, double[] c, double innerMm) {
        float[] hu = v.hu();
        List<Float> residuals = new ArrayList<>();
        for (int k = 1; k < p.nz - 1; k++) {
            for (int j = 1; j < p.ny - 1; j++) {
                for (int i = 1; i < p.nx - 1; i++) {
                    int gi = p.i0 + i;
                    int gj = p.j0 + j;
                    int gk = p.k0 + k;
                    double[] o = v.toPatient(gi, gj, gk);
                    double dx = o[0] - c[0];
                    double dy = o[1] - c[1];
                    double dz = o[2] - c[2];
                    if (dx * dx + dy * dy + dz * dz < innerMm * innerMm) {
                        continue;
                    }
                    float x = hu[v.index(gi, gj, gk)];
                    if (x < PARENCHYMA_MIN || x > PARENCHYMA_MAX) {
                        continue;
                    }
                    float mean = (hu[v.index(gi - 1, gj, gk)] + hu[v.index(gi + 1, gj, gk)] + hu[v.index(gi, gj - 1, gk)]
                            + hu[v.index(gi, gj + 1, gk)] + hu[v.index(gi, gj, gk - 1)] + hu[v.index(gi, gj, gk + 1)]) / 6f;
                    residuals.add(x - mean);
                }
            }
        }
        if (residuals.size() < 100) {
            return config.fallbackNoiseSdHu();
        }
        double mad = medianAbsDeviation(residuals);
        // white noise: var(x - mean of 6) = sigma^2 (1 + 1/6)
        return 1.4826 * mad / Math.sqrt(1 + 1.0 / 6);
    }

    private static double medianAbsDeviation(List<Float> values) {
        double[] a = values.stream().mapToDouble(Float::doubleValue).sorted().toArray();
        double med = a[a.length / 2];
        double[] dev = Arrays.stream(a).map(x -> Math.abs(x - med)).sorted().toArray();
        return dev[dev.length / 2];
    }

    private static void blend(ScanVolume v, Patch p, float[] occ, float[] val, double noiseSd, SplittableRandom rnd) {
        float[] hu = v.hu();
        float[] before = p.copyFrom(v);
        for (int k = 0; k < p.nz; k++) {
            for (int j = 0; j < p.ny; j++) {
                for (int i = 0; i < p.nx; i++) {
                    int idx = p.index(i, j, k);
                    double o = Math.min(1, occ[idx]);
                    if (o < 1e-3) {
                        continue;
                    }
                    double nodule = val[idx] / occ[idx];
                    double bg = before[idx];
                    if (p.localMean(before, i, j, k) >= nodule) {
                        continue; // denser neighbour (vessel, pleura, wall): keep it
                    }
                    double keepNoise = 1 - o;
                    double added = Math.sqrt(Math.max(0, 1 - keepNoise * keepNoise)) * noiseSd * rnd.nextGaussian();
                    hu[v.index(p.i0 + i, p.j0 + j, p.k0 + k)] = (float) (o * nodule + (1 - o) * bg + added);
                }
            }
        }
    }

    private static double[] scaled(double[] u, double s) {
        return new double[] {u[0] * s, u[1] * s, u[2] * s};
    }
}
