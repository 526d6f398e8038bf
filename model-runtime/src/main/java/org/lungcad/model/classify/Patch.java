package org.lungcad.model.classify;

import java.util.Arrays;
import java.util.Objects;

/**
 * A candidate patch in Hounsfield units, laid out as the model takes it (no batch axis).
 *
 * @param hu    values, last axis fastest
 * @param shape (3, P, P) for {@link PatchLayout#TRIPLANAR}, (1, Z, Y, X) for {@link PatchLayout#VOLUME}
 */
public record Patch(float[] hu, long[] shape) {

    public Patch {
        Objects.requireNonNull(hu, "hu");
        shape = Objects.requireNonNull(shape, "shape").clone();
        long n = 1;
        for (long s : shape) {
            if (s < 1) {
                throw new IllegalArgumentException("shape must be positive: " + Arrays.toString(shape));
            }
            n *= s;
        }
        if (n != hu.length) {
            throw new IllegalArgumentException(hu.length + " values do not fill shape " + Arrays.toString(shape));
        }
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }
}
