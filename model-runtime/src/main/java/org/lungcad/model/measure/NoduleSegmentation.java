package org.lungcad.model.measure;

import org.lungcad.model.ScanVolume;

/**
 * A nodule's voxels in a patch of the ORIGINAL scan (not the working grid), with the patch's HU.
 * A hand-over from {@link NoduleSegmenter} to {@link NoduleMeasurements}: the arrays are not copied
 * (patches reach a few hundred thousand voxels), so treat them as read-only.
 *
 * @param scan          the scan the patch was cut from (geometry for patient positions)
 * @param i0            first column of the patch in the scan, likewise j0 (row) and k0 (slice)
 * @param width         patch size in columns, likewise height and depth
 * @param hu            patch HU, x fastest
 * @param mask          1 where the nodule is
 * @param inLung        1 where the patch lies in the (closed) lung mask
 * @param touchesBorder the segmentation reaches the patch border (likely leaked into a vessel or wall), or
 *                      could not be told from an attachment nearly as thick as itself, or is enhanced blood
 */
public record NoduleSegmentation(ScanVolume scan, int i0, int j0, int k0, int width, int height, int depth,
                                 float[] hu, byte[] mask, byte[] inLung, boolean touchesBorder) {

    public NoduleSegmentation {
        int n = width * height * depth;
        if (hu.length != n || mask.length != n || inLung.length != n) {
            throw new IllegalArgumentException("patch arrays must have " + n + " voxels");
        }
    }

    public int voxelCount() {
        int c = 0;
        for (byte b : mask) {
            c += b;
        }
        return c;
    }
}
