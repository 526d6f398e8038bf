package org.lungcad.model.lung;

/**
 * Settings of the lung mask.
 *
 * @param airThresholdHu        voxels below this are air-like (lung parenchyma is about -900..-700)
 * @param airwayThresholdHu     stricter threshold that follows the trachea lumen without leaking into lung
 * @param minLungVolumeMl       smaller air components are not lungs (bowel gas, noise)
 * @param closingRadiusMm       rolling-ball radius of the border closing that keeps juxtapleural nodules
 *                              inside the mask; nodules much wider than twice this may be cut
 * @param removeAirways         remove trachea and main bronchi traced from the upper slices
 */
public record LungMaskConfig(double airThresholdHu, double airwayThresholdHu, double minLungVolumeMl,
                             double closingRadiusMm, boolean removeAirways) {

    public static final LungMaskConfig DEFAULT = new LungMaskConfig(-400, -900, 100, 10, true);

    public LungMaskConfig {
        if (!(airThresholdHu > -1000 && airThresholdHu < 0)) {
            throw new IllegalArgumentException("air threshold must be in (-1000, 0) HU: " + airThresholdHu);
        }
        if (!(airwayThresholdHu > -1024 && airwayThresholdHu <= airThresholdHu)) {
            throw new IllegalArgumentException("airway threshold must be in (-1024, airThreshold]: " + airwayThresholdHu);
        }
        if (!(minLungVolumeMl >= 0 && minLungVolumeMl < 5000)) {
            throw new IllegalArgumentException("minimum lung volume must be in [0, 5000) ml: " + minLungVolumeMl);
        }
        if (!(closingRadiusMm >= 0 && closingRadiusMm <= 30)) {
            throw new IllegalArgumentException("closing radius must be in [0, 30] mm: " + closingRadiusMm);
        }
    }
}
