package org.lungcad.server.cli;

import org.lungcad.dicom.series.Vector3;
import org.lungcad.dicom.volume.CtSeriesSpec;
import org.lungcad.dicom.volume.StudyIdentity;
import org.lungcad.model.ScanVolume;

/** A generated volume (the phantom) as a synthetic CT series to write, for {@code synthesize} and the demo. */
final class SyntheticSeriesMapper {

    private SyntheticSeriesMapper() {
    }

    /** Same voxel order and affine convention on both sides; the HU array is shared, not copied. */
    static CtSeriesSpec toSyntheticSeries(ScanVolume v, StudyIdentity study, int seriesNumber, String description) {
        return CtSeriesSpec.synthetic(v.width(), v.height(), v.depth(), v.spacingX(), v.spacingY(), v.spacingZ(),
                Vector3.of(v.origin()), Vector3.of(v.rowDirection()), Vector3.of(v.columnDirection()), v.hu(), study,
                seriesNumber, description);
    }
}
