package org.lungcad.model.score;

import java.util.Objects;
import java.util.OptionalInt;
import org.lungcad.model.NoduleType;
import org.lungcad.model.Sex;

/**
 * Everything the Brock full model with spiculation needs for one nodule.
 *
 * @param ageYears          empty when unknown (the model then uses its centring age, see {@link BrockModel})
 * @param familyHistory     lung cancer in a first-degree relative
 * @param emphysema         emphysema on the CT
 * @param longestDiameterMm the nodule's longest diameter (Brock size), positive
 * @param noduleCount       nodules in the scan, at least 1
 * @param spiculation       spiculated margin (the model's factor is binary)
 */
public record BrockInput(
        OptionalInt ageYears, Sex sex, boolean familyHistory, boolean emphysema,
        NoduleType type, double longestDiameterMm, boolean upperLobe, int noduleCount, boolean spiculation) {

    public BrockInput {
        Objects.requireNonNull(ageYears, "ageYears (use OptionalInt.empty())");
        Objects.requireNonNull(sex, "sex (use Sex.UNKNOWN)");
        Objects.requireNonNull(type, "type");
        if (!(longestDiameterMm > 0) || Double.isInfinite(longestDiameterMm)) {
            throw new IllegalArgumentException("longest diameter must be a positive number of mm: " + longestDiameterMm);
        }
        if (noduleCount < 1) {
            throw new IllegalArgumentException("nodule count must be at least 1 (this nodule): " + noduleCount);
        }
        if (ageYears.isPresent() && ageYears.getAsInt() < 0) {
            throw new IllegalArgumentException("age must not be negative: " + ageYears.getAsInt());
        }
    }
}
