package org.lungcad.model.score;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import org.lungcad.model.LungRadsCategory;
import org.lungcad.model.Nodule;
import org.lungcad.model.NoduleType;

/**
 * Lung-RADS v2022 category of one nodule on a baseline (first) screening CT, from type and size alone
 * (ACR Lung-RADS v2022; Christensen et al., CHEST 2024;165(3):738-753). Sizes are mean diameters
 * (mean of long and short axis) rounded to 0.1 mm.
 * <ul>
 *   <li>calcified (benign pattern): 1</li>
 *   <li>solid: &lt;6 mm 2; 6 to &lt;8 mm 3; 8 to &lt;15 mm 4A; &ge;15 mm 4B</li>
 *   <li>part-solid: total &lt;6 mm 2; total &ge;6 mm with solid component &lt;6 mm 3, 6 to &lt;8 mm 4A, &ge;8 mm 4B</li>
 *   <li>ground-glass (non-solid): &lt;30 mm 2; &ge;30 mm 3</li>
 *   <li>4X: a category 3 or 4 nodule with additional features that increase suspicion; here a spiculation
 *       measure at or above the configured threshold</li>
 * </ul>
 * Growth, new nodules, perifissural and airway rules need prior scans or reading not done here.
 */
public final class LungRads {

    private final double spiculationThreshold;

    /** @param spiculationThreshold spiculation measure in (0, 1] at or above which a category 3/4 nodule becomes 4X */
    public LungRads(double spiculationThreshold) {
        if (!(spiculationThreshold > 0 && spiculationThreshold <= 1)) {
            throw new IllegalArgumentException("spiculation threshold must be in (0, 1]: " + spiculationThreshold);
        }
        this.spiculationThreshold = spiculationThreshold;
    }

    public double spiculationThreshold() {
        return spiculationThreshold;
    }

    public LungRadsCategory categorize(Nodule nodule) {
        Objects.requireNonNull(nodule, "nodule");
        return categorize(nodule.type(), nodule.meanDiameterMm(), nodule.solidComponentMm(), nodule.spiculation());
    }

    /**
     * @param meanDiameterMm   total mean diameter
     * @param solidComponentMm mean diameter of the solid component (used for part-solid nodules only)
     * @param spiculation      measure in [0, 1]
     */
    public LungRadsCategory categorize(NoduleType type, double meanDiameterMm, double solidComponentMm, double spiculation) {
        Objects.requireNonNull(type, "type");
        if (!(meanDiameterMm > 0) || Double.isInfinite(meanDiameterMm)) {
            throw new IllegalArgumentException("mean diameter must be positive: " + meanDiameterMm);
        }
        if (!(solidComponentMm >= 0) || Double.isInfinite(solidComponentMm)) {
            throw new IllegalArgumentException("solid component must be >= 0: " + solidComponentMm);
        }
        if (!(spiculation >= 0 && spiculation <= 1)) {
            throw new IllegalArgumentException("spiculation must be in [0, 1]: " + spiculation);
        }
        LungRadsCategory bySize = bySize(type, round(meanDiameterMm), round(solidComponentMm));
        boolean suspicious = spiculation >= spiculationThreshold;
        boolean threeOrFour = bySize == LungRadsCategory.CATEGORY_3 || bySize == LungRadsCategory.CATEGORY_4A
                || bySize == LungRadsCategory.CATEGORY_4B;
        return threeOrFour && suspicious ? LungRadsCategory.CATEGORY_4X : bySize;
    }

    private static LungRadsCategory bySize(NoduleType type, double size, double solid) {
        return switch (type) {
            case CALCIFIED -> LungRadsCategory.CATEGORY_1;
            case SOLID -> size < 6 ? LungRadsCategory.CATEGORY_2
                    : size < 8 ? LungRadsCategory.CATEGORY_3
                    : size < 15 ? LungRadsCategory.CATEGORY_4A
                    : LungRadsCategory.CATEGORY_4B;
            case PART_SOLID -> size < 6 ? LungRadsCategory.CATEGORY_2
                    : solid < 6 ? LungRadsCategory.CATEGORY_3
                    : solid < 8 ? LungRadsCategory.CATEGORY_4A
                    : LungRadsCategory.CATEGORY_4B;
            case GROUND_GLASS -> size < 30 ? LungRadsCategory.CATEGORY_2 : LungRadsCategory.CATEGORY_3;
        };
    }

    /** Lung-RADS measures to 0.1 mm; rounding here keeps 5.99999 (float noise) from falling below 6. */
    private static double round(double mm) {
        return BigDecimal.valueOf(mm).setScale(1, RoundingMode.HALF_UP).doubleValue();
    }
}
