package org.lungcad.model.classify;

import java.util.Locale;

/** How a candidate patch is laid out as the model's input tensor (without the batch axis). */
public enum PatchLayout {
    /** Axial, coronal and sagittal planes through the centre as three channels: (3, P, P); needs a cubic patch. */
    TRIPLANAR,
    /** The whole cube as one channel: (1, Z, Y, X). */
    VOLUME;

    /** The descriptor's spelling: {@code triplanar} or {@code volume}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PatchLayout parse(String s) {
        for (PatchLayout l : values()) {
            if (l.label().equals(s.trim().toLowerCase(Locale.ROOT))) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown patch layout '" + s + "' (triplanar or volume)");
    }
}
