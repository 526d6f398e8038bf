package org.lungcad.model;

/** Lung lobe holding a nodule. The lingula is part of the left upper lobe. */
public enum Lobe {
    RIGHT_UPPER("right upper lobe"),
    RIGHT_MIDDLE("right middle lobe"),
    RIGHT_LOWER("right lower lobe"),
    LEFT_UPPER("left upper lobe"),
    LEFT_LOWER("left lower lobe"),
    UNKNOWN("unknown lobe");

    private final String label;

    Lobe(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Brock "upper lobe" factor: right or left upper lobe (lingula included); unknown counts as not upper. */
    public boolean isUpper() {
        return this == RIGHT_UPPER || this == LEFT_UPPER;
    }
}
