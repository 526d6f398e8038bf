package org.lungcad.dicom.volume;

/** Smallest and largest Hounsfield value of a volume. */
public record HuRange(float min, float max) {

    public HuRange {
        if (!(min <= max)) {
            throw new IllegalArgumentException("min " + min + " > max " + max);
        }
    }
}
