package org.lungcad.model;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * What the detector knows about the patient (from PatientAge / PatientSex); both may be missing.
 *
 * @param ageYears age at the time of the scan, empty when the header has none
 * @param sex      never null; {@link Sex#UNKNOWN} when absent
 */
public record PatientContext(OptionalInt ageYears, Sex sex) {

    /** Oldest age accepted; anything above is a header error, not a patient. */
    public static final int MAX_AGE_YEARS = 130;

    public PatientContext {
        Objects.requireNonNull(ageYears, "ageYears (use OptionalInt.empty())");
        Objects.requireNonNull(sex, "sex (use Sex.UNKNOWN)");
        if (ageYears.isPresent() && (ageYears.getAsInt() < 0 || ageYears.getAsInt() > MAX_AGE_YEARS)) {
            throw new IllegalArgumentException("age out of range 0.." + MAX_AGE_YEARS + ": " + ageYears.getAsInt());
        }
    }

    public static PatientContext of(int ageYears, Sex sex) {
        return new PatientContext(OptionalInt.of(ageYears), sex);
    }

    public static PatientContext unknown() {
        return new PatientContext(OptionalInt.empty(), Sex.UNKNOWN);
    }
}
