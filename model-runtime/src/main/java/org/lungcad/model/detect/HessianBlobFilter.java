package org.lungcad.model.detect;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.nn.pooling.Pool;
import java.util.ArrayList;
import java.util.List;

/**
 * The blob filter as NDArray ops on a (1, 1, D, H, W) volume: Gaussian smoothing as three 1-D
 * convolutions, the Hessian by central differences, its eigenvalues in closed form, the "dot"
 * response of Li et al. (Med. Phys. 2003), local maxima by max-pooling (stride given explicitly). Every tensor belongs to the
 * caller's manager; intermediates are closed as soon as they are used, to bound peak memory.
 */
final class HessianBlobFilter {

    /** A local maximum: linear index into the filtered volume and the values there. */
    record Peak(long index, float response, float l1, float l2, float l3) {
    }

    private HessianBlobFilter() {
    }

    /**
     * Peaks of the scale-normalised dot response at {@code sigmaVox}, inside {@code mask}.
     *
     * <p>Two steps, to keep the 50-op eigenvalue chain off the whole volume: local maxima of the
     * scale-normalised Laplacian (-trace of the Hessian, found with a 3x3x3 max-pool), then the full
     * Hessian and its eigenvalues only at those maxima. Nothing is lost: with all eigenvalues negative,
     * dot = l1^2/|l3| &lt;= |l1| &lt;= -trace/3, so a voxel below 3 x the lower response threshold in the
     * Laplacian cannot pass either test. A peak is kept above {@code minResponse} with {@code l1/l3 >=
     * minBlobRatio}, or above {@code faintMinResponse} when it is clearly round ({@code l1/l3 >=
     * faintMinBlobRatio}: faint ground glass).
     */
    static List<Peak> peaks(NDArray volume, NDArray mask, double sigmaVox, double minResponse, double minBlobRatio,
                            double faintMinResponse, double faintMinBlobRatio) {
        double lowest = Math.min(minResponse, faintMinResponse);
        long[] dims = volume.getShape().getShape();
        int w = (int) dims[4];
        int h = (int) dims[3];
        int d = (int) dims[2];
        float s = (float) (sigmaVox * sigmaVox);
        NDArray g = gaussian(volume, sigmaVox);
        float[] second = {s, -2 * s, s};
        NDArray dxx = conv1d(g, second, 2);
        NDArray dyy = conv1d(g, second, 1);
        NDArray dzz = conv1d(g, second, 0);
        NDArray log = dxx.add(dyy).addi(dzz).negi();
        NDArray pooled = Pool.maxPool3d(log, new Shape(3, 3, 3), new Shape(1, 1, 1), new Shape(1, 1, 1), false);
        NDArray isPeak = log.gte(pooled)
                .logicalAnd(log.gt((float) (3 * lowest)))
                .logicalAnd(mask.gt(0.5f))
                .reshape(-1);
        pooled.close();
        NDArray at = isPeak.nonzero().reshape(-1);
        long[] index = at.toLongArray();
        if (index.length == 0) {
            return List.of();
        }
        // neighbours' flat indices, clamped at the volume's faces (peaks lie inside the mask, away from them)
        long plane = (long) w * h;
        NDArray i = at.mod(w);
        // torch divides integers into floats: floor to get the row and slice (exact below 2^24 voxels)
        NDArray j = at.div(w).floor().mod(h);
        NDArray k = at.div(plane).floor();
        NDArray px = i.lt(w - 1).toType(DataType.INT64, false);
        NDArray mx = i.gt(0).toType(DataType.INT64, false);
        NDArray py = j.lt(h - 1).toType(DataType.INT64, false).muli(w);
        NDArray my = j.gt(0).toType(DataType.INT64, false).muli(w);
        NDArray pz = k.lt(d - 1).toType(DataType.INT64, false).muli(plane);
        NDArray mz = k.gt(0).toType(DataType.INT64, false).muli(plane);
        NDArray flat = g.reshape(-1);
        float q = s / 4;
        NDArray dxy = mixed(flat, at, px, mx, py, my, q);
        NDArray dxz = mixed(flat, at, px, mx, pz, mz, q);
        NDArray dyz = mixed(flat, at, py, my, pz, mz, q);
        NDArray[] ev = eigenvalues(new NDArray[] {
            dxx.reshape(-1).take(at), dyy.reshape(-1).take(at), dzz.reshape(-1).take(at), dxy, dxz, dyz});
        float[] e1 = ev[0].toFloatArray();
        float[] e2 = ev[1].toFloatArray();
        float[] e3 = ev[2].toFloatArray();
        List<Peak> out = new ArrayList<>();
        for (int n = 0; n < index.length; n++) {
            // bright blob: all eigenvalues negative (e1 is the largest); dot = |l_small|^2 / |l_large|
            if (!(e1[n] < 0)) {
                continue;
            }
            float response = e1[n] * e1[n] / Math.abs(e3[n]);
            float ratio = e1[n] / e3[n];
            if ((response > minResponse && ratio >= minBlobRatio)
                    || (response > faintMinResponse && ratio >= faintMinBlobRatio)) {
                out.add(new Peak(index[n], response, e1[n], e2[n], e3[n]));
            }
        }
        return out;
    }

    /** Central-difference mixed derivative at the given voxels: (f(++) - f(+-) - f(-+) + f(--)) x scale. */
    private static NDArray mixed(NDArray flat, NDArray at, NDArray pa, NDArray ma, NDArray pb, NDArray mb, float scale) {
        NDArray pp = flat.take(at.add(pa).addi(pb));
        NDArray pm = flat.take(at.add(pa).subi(mb));
        NDArray mp = flat.take(at.sub(ma).addi(pb));
        NDArray mm = flat.take(at.sub(ma).subi(mb));
        return pp.subi(pm).subi(mp).addi(mm).muli(scale);
    }

    /** Separable Gaussian: three 1-D convolutions, never a dense 3-D kernel. */
    static NDArray gaussian(NDArray x, double sigma) {
        int radius = (int) Math.ceil(3 * sigma);
        float[] k = new float[2 * radius + 1];
        double sum = 0;
        for (int a = -radius; a <= radius; a++) {
            k[a + radius] = (float) Math.exp(-a * a / (2 * sigma * sigma));
            sum += k[a + radius];
        }
        for (int a = 0; a < k.length; a++) {
            k[a] /= (float) sum;
        }
        NDArray out = x;
        for (int axis = 0; axis < 3; axis++) {
            NDArray next = conv1d(out, k, axis);
            if (out != x) {
                out.close();
            }
            out = next;
        }
        return out;
    }

    /**
     * Eigenvalues l1 &gt;= l2 &gt;= l3 of the symmetric 3x3 matrices {a, b, c, d, e, f} =
     * [[a, d, e], [d, b, f], [e, f, c]], by the trigonometric closed form (no iteration, so it runs as
     * a fixed chain of element-wise ops on CPU and GPU alike).
     */
    static NDArray[] eigenvalues(NDArray[] m) {
        NDArray a = m[0];
        NDArray b = m[1];
        NDArray c = m[2];
        NDArray d = m[3];
        NDArray e = m[4];
        NDArray f = m[5];
        // in-place where the API allows: each op on a slab is ~20 MB of memory traffic
        NDArray q = a.add(b).addi(c).divi(3f);
        NDArray aq = a.sub(q);
        NDArray bq = b.sub(q);
        NDArray cq = c.sub(q);
        NDArray f2 = f.square();
        NDArray p1 = d.square().addi(e.square()).addi(f2);
        NDArray p2 = aq.square().addi(bq.square()).addi(cq.square()).addi(p1.muli(2f));
        NDArray p = p2.divi(6f).sqrt().maximum(1e-12f);
        // det(A - qI), then r = det((A - qI) / p) / 2, clipped against rounding outside [-1, 1]
        NDArray det = aq.mul(bq.mul(cq).subi(f2))
                .subi(d.mul(d.mul(cq).subi(f.mul(e))))
                .addi(e.mul(d.mul(f).subi(bq.mul(e))));
        NDArray r = det.divi(p.pow(3f).muli(2f)).clip(-1f, 1f);
        NDArray phi = r.acos().divi(3f);
        NDArray twoP = p.mul(2f);
        NDArray l1 = twoP.mul(phi.cos()).addi(q);
        NDArray l3 = twoP.mul(phi.addi((float) (2 * Math.PI / 3)).cos()).addi(q);
        NDArray l2 = q.muli(3f).subi(l1).subi(l3);
        for (NDArray t : new NDArray[] {aq, bq, cq, f2, p1, p2, p, det, r, phi, twoP}) {
            t.close();
        }
        return new NDArray[] {l1, l2, l3};
    }

    /** 1-D correlation along axis 0 = D, 1 = H, 2 = W, zero-padded to keep the size. */
    static NDArray conv1d(NDArray x, float[] kernel, int axis) {
        NDManager m = x.getManager();
        int n = kernel.length;
        int r = n / 2;
        long[] ks = {1, 1, 1, 1, 1};
        ks[2 + axis] = n;
        long[] pad = {0, 0, 0};
        pad[axis] = r;
        try (NDArray w = m.create(kernel, new Shape(ks))) {
            return Conv3d.conv3d(x, w, null, new Shape(1, 1, 1), new Shape(pad), new Shape(1, 1, 1), 1)
                    .singletonOrThrow();
        }
    }
}
