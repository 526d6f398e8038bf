package org.lungcad.model;

/** Nodule attenuation class as Lung-RADS and the Brock model use it. */
public enum NoduleType {
    SOLID("solid"),
    PART_SOLID("part-solid"),
    GROUND_GLASS("ground-glass"),
    /** Benign pattern of calcification; Lung-RADS category 1, Brock not applied. */
    CALCIFIED("calcified");

    private final String label;

    NoduleType(String label) {
        this.label = label;
    }

    /** Human-readable label for reports and CSV files. */
    public String label() {
        return label;
    }
}
