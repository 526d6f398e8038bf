package org.lungcad.server.analysis;

import org.lungcad.dicom.series.SeriesHeader;
import org.lungcad.dicom.volume.CtVolume;
import org.lungcad.model.PatientContext;
import org.lungcad.model.ScanVolume;
import org.lungcad.model.Sex;

/** The one place where the gateway's and the detector's types meet (the two libraries never import each other). */
public final class ScanVolumeMapper {

    private ScanVolumeMapper() {
    }

    /** Same voxel order and affine convention on both sides; the HU array is shared, not copied. */
    public static ScanVolume toScanVolume(CtVolume v) {
        return new ScanVolume(v.columns(), v.rows(), v.slices(), v.hu(), v.spacingX(), v.spacingY(), v.spacingZ(),
                v.origin().toArray(), v.rowDirection().toArray(), v.columnDirection().toArray(),
                v.sliceDirection().toArray());
    }

    /** PatientAge and PatientSex of the CT, for the Brock model; absent values stay unknown. */
    public static PatientContext patient(SeriesHeader header) {
        Sex sex = header.patientSex().map(s -> switch (s) {
            case M -> Sex.MALE;
            case F -> Sex.FEMALE;
            case O -> Sex.UNKNOWN;
        }).orElse(Sex.UNKNOWN);
        return new PatientContext(header.patientAgeYears(), sex);
    }
}
