package org.lungcad.server.analysis;

import org.lungcad.dicom.volume.CtVolume;
import org.lungcad.dicom.volume.HuRange;

/** The persisted description of a loaded volume. */
final class VolumeSummaries {

    private VolumeSummaries() {
    }

    static VolumeSummary of(CtVolume v) {
        HuRange hu = v.huRange();
        return new VolumeSummary(v.columns(), v.rows(), v.slices(), v.spacingX(), v.spacingY(), v.spacingZ(),
                hu.min(), hu.max());
    }
}
