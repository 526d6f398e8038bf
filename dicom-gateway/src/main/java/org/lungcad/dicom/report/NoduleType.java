package org.lungcad.dicom.report;

/** Nodule composition as reported; Lung-RADS and Brock both depend on it. */
public enum NoduleType {
    SOLID("solid"),
    PART_SOLID("part-solid"),
    GROUND_GLASS("ground-glass"),
    CALCIFIED("calcified");

    private final String label;

    NoduleType(String label) {
        this.label = label;
    }

    /** Short lower-case words for rendered labels. */
    public String label() {
        return label;
    }
}
