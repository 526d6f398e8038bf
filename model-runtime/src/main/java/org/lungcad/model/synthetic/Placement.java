package org.lungcad.model.synthetic;

import java.util.Arrays;
import java.util.Locale;

/**
 * Where a synthetic nodule sits relative to its neighbours: detectors typically lose nodules that touch the chest
 * wall or a vessel, so these are generated on purpose and the sensitivity is reported per placement.
 */
public enum Placement {
    /** Surrounded by parenchyma on all sides. */
    FREE,
    /** Touching the pleura where it lines the chest wall: the centre lies about one radius from the lung boundary. */
    JUXTAPLEURAL,
    /** Touching an intrapulmonary vessel: the centre lies about one radius from the vessel surface. */
    JUXTAVASCULAR;

    /** Lower-case name, as on the command line and in the ground-truth CSV. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** By name or label, case-insensitive; "pleural" and "vascular" are accepted as short forms. */
    public static Placement parse(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(p -> p.label().equals(s) || p.label().equals("juxta" + s))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown placement '" + text
                        + "' (free, juxtapleural, juxtavascular)"));
    }
}
