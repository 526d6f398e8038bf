package org.lungcad.model.measure;

/**
 * What the scanner's blur does to a small solid blob, so that its type comes from evidence rather than from a
 * blurred mean. A solid sphere of diameter d imaged on slices of thickness T keeps, on its central ray, at worst
 * (when its centre falls half-way between two slice centres) the share min(1, d / 2T) of its contrast over the
 * lung; its edge is spread over about half a slice and half a pixel on each side. A 3 mm solid dot on 2.5 mm slices
 * thus peaks near -520 HU rather than 0 and most of its segmented voxels lie in the blurred rim: by the mean it
 * reads ground glass. Something is ground glass only when it is larger than the blur can explain.
 */
final class PartialVolume {

    /** Typical aerated lung around a nodule; the contrast a solid blob loses is lost towards this. */
    static final double LUNG_HU = -850;
    /** A solid core smaller than this is noise, not evidence. */
    static final double MIN_CORE_MM = 1.0;

    private PartialVolume() {
    }

    /** Share of a solid sphere's contrast left on its central ray, worst case over its position between slices. */
    static double retention(double diameterMm, double sliceMm) {
        return Math.min(1, diameterMm / (2 * sliceMm));
    }

    /** The solid threshold, lowered by the contrast a solid blob of this size loses on these slices. */
    static double solidThresholdHu(double solidThresholdHu, double diameterMm, double sliceMm) {
        return LUNG_HU + retention(diameterMm, sliceMm) * (solidThresholdHu - LUNG_HU);
    }

    /** Width of the blurred edge on each side: half a slice and half a pixel. */
    static double rimMm(double pixelMm, double sliceMm) {
        return (sliceMm + pixelMm) / 2;
    }

    /**
     * Whether the non-solid part of a blob is no wider than the blur: then it is a solid blob (a solid nodule or a
     * vessel seen end-on), not a ground-glass or part-solid one.
     */
    static boolean rimIsBlur(double diameterMm, double solidCoreMm, double pixelMm, double sliceMm) {
        return solidCoreMm >= MIN_CORE_MM && solidCoreMm >= diameterMm - 2 * rimMm(pixelMm, sliceMm);
    }
}
