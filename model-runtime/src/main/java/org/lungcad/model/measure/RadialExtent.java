package org.lungcad.model.measure;

/**
 * How far a blob reaches from its middle, by the share of tissue on concentric shells: near 1 inside
 * the blob, and where the blob ends it drops to what an attached vessel or a wall covers of the
 * shell (a vessel passing beside a ball covers a band on one side, well under half). For a nodule on a
 * vessel as thick as itself, where no opening can tell them apart by width, this is where the
 * nodule's round outline ends. A plain vessel segment also stops here (its two caps cover less than
 * half of a shell beyond its radius); what tells the two apart is where the tissue beyond lies: a
 * vessel passing beside a nodule leaves it on one side, one running through the blob (a segment, a
 * crossing, a junction) on opposite sides.
 *
 * @param radiusMm  radius of the first shell that tissue covers less than half
 * @param oneSided  length of the mean unit direction from the middle to the tissue just beyond that
 *                  radius: near 0 when it lies on opposite sides, towards 1 when on one side only
 */
record RadialExtent(double radiusMm, double oneSided) {

    /** Shell thickness: the in-plane pixel or a little less, so a shell holds a few hundred voxels at 3 mm. */
    private static final double SHELL_MM = 0.5;
    /** A shell less than this covered by tissue lies beyond the blob. */
    private static final double STOP_OCCUPANCY = 0.5;
    /** Tissue this far beyond the outline tells on which side the attachment lies. */
    private static final double BEYOND_MM = 2.0;

    /**
     * The extent from {@code fromMm} outwards, or null when every shell up to {@code maxMm} is at least
     * half tissue, or the patch ends first (a truncated shell proves nothing).
     */
    static RadialExtent of(SegmentationPatch p, byte[] tissue, int core, double fromMm, double maxMm) {
        int bins = (int) Math.ceil((maxMm + BEYOND_MM) / SHELL_MM) + 1;
        int[] all = new int[bins];
        int[] hit = new int[bins];
        p.forEachOffset(core, (v, dx, dy, dz) -> {
            int b = (int) (Math.sqrt(dx * dx + dy * dy + dz * dz) / SHELL_MM);
            if (b < bins) {
                all[b]++;
                hit[b] += tissue[v];
            }
        });
        int ci = core % p.w;
        int cj = (core / p.w) % p.h;
        int ck = core / (p.w * p.h);
        double reach = Math.min(Math.min(ci * p.sx, (p.w - 1 - ci) * p.sx), Math.min(cj * p.sy, (p.h - 1 - cj) * p.sy));
        reach = Math.min(reach, Math.min(ck * p.sz, (p.d - 1 - ck) * p.sz));
        for (int b = (int) (fromMm / SHELL_MM); b * SHELL_MM <= maxMm && (b + 1) * SHELL_MM + BEYOND_MM <= reach; b++) {
            if (all[b] > 0 && hit[b] < STOP_OCCUPANCY * all[b]) {
                double r = b * SHELL_MM;
                return new RadialExtent(r, oneSided(p, tissue, core, r, r + BEYOND_MM));
            }
        }
        return null;
    }

    /** Length of the mean unit vector from the middle to the tissue voxels between radii {@code r0} and {@code r1}. */
    private static double oneSided(SegmentationPatch p, byte[] tissue, int core, double r0, double r1) {
        double[] sum = new double[4];
        p.forEachOffset(core, (v, dx, dy, dz) -> {
            double r = Math.sqrt(dx * dx + dy * dy + dz * dz);
            if (r >= r0 && r < r1 && tissue[v] != 0) {
                sum[0] += dx / r;
                sum[1] += dy / r;
                sum[2] += dz / r;
                sum[3]++;
            }
        });
        return sum[3] == 0 ? 1 : Math.sqrt(sum[0] * sum[0] + sum[1] * sum[1] + sum[2] * sum[2]) / sum[3];
    }
}
