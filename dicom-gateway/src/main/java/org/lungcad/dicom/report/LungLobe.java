package org.lungcad.dicom.report;

/** The lung lobe a finding lies in; UNKNOWN when the lobe could not be determined (reported as "Lung"). */
public enum LungLobe {
    RIGHT_UPPER("right upper lobe"),
    RIGHT_MIDDLE("right middle lobe"),
    RIGHT_LOWER("right lower lobe"),
    LEFT_UPPER("left upper lobe"),
    LEFT_LOWER("left lower lobe"),
    UNKNOWN("lung");

    private final String label;

    LungLobe(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
