package org.lungcad.server.dicom;

import org.lungcad.dicom.series.QualificationRules;
import org.lungcad.server.config.LungCadProperties;

/** Applies the configured overrides to the gateway's default qualification rules. */
final class QualificationRulesMapper {

    private QualificationRulesMapper() {
    }

    static QualificationRules toRules(LungCadProperties.Qualification q) {
        QualificationRules d = QualificationRules.defaults();
        return new QualificationRules(
                q.modalities() != null ? q.modalities() : d.modalities(),
                q.sopClassUids() != null ? q.sopClassUids() : d.sopClassUids(),
                q.excludedImageTypes() != null ? q.excludedImageTypes() : d.excludedImageTypes(),
                q.minSliceThicknessMm() != null ? q.minSliceThicknessMm() : d.minSliceThicknessMm(),
                q.maxSliceThicknessMm() != null ? q.maxSliceThicknessMm() : d.maxSliceThicknessMm(),
                q.minSliceSpacingMm() != null ? q.minSliceSpacingMm() : d.minSliceSpacingMm(),
                q.maxSliceSpacingMm() != null ? q.maxSliceSpacingMm() : d.maxSliceSpacingMm(),
                d.spacingToleranceMm(),
                d.spacingToleranceFraction(),
                q.minSlices() != null ? q.minSlices() : d.minSlices(),
                q.minCoverageMm() != null ? q.minCoverageMm() : d.minCoverageMm(),
                q.maxObliquityDegrees() != null ? q.maxObliquityDegrees() : d.maxObliquityDegrees(),
                q.maxGantryTiltDegrees() != null ? q.maxGantryTiltDegrees() : d.maxGantryTiltDegrees(),
                q.bodyPartsExamined() != null ? q.bodyPartsExamined() : d.bodyParts(),
                q.requirePixelSpacing() != null ? q.requirePixelSpacing() : d.requirePixelSpacing());
    }
}
