package org.lungcad.dicom.report;

import com.pixelmed.dicom.ContentItem;
import com.pixelmed.dicom.DicomException;
import java.util.Locale;
import org.lungcad.dicom.series.ReceivedInstance;

/**
 * One finding as a TID 1410 Planar ROI Measurement Group with its TID 1419 ROI Measurements. Shaped for OHIF:
 * exactly one SCOORD (the long axis) with exactly one IMAGE child (the CT slice through the centre); every NUM has
 * units; the NUM items a reader needs first (axes, mean diameter, volume, malignancy) come first because OHIF draws
 * only a group's first five lines; Finding Site uses SNOMED 363698007, the form OHIF shows.
 */
final class PlanarRoiGroupTemplate {

    private PlanarRoiGroupTemplate() {
    }

    static void add(SrTree tree, ContentItem measurements, ReportedFinding finding, SourceStudy source,
                    ReportAlgorithm algorithm, String operatingPoint) throws DicomException {
        ContentItem group = tree.container(measurements, SrCodes.MEASUREMENT_GROUP);
        // TID 4108 Tracking Identifier
        tree.text(group, SrTree.HAS_OBS_CONTEXT, SrCodes.TRACKING_IDENTIFIER, finding.trackingId());
        tree.uid(group, SrTree.HAS_OBS_CONTEXT, SrCodes.TRACKING_UNIQUE_IDENTIFIER, finding.trackingUid());
        tree.code(group, SrTree.CONTAINS, SrCodes.FINDING, SrCodes.NODULE);

        ReceivedInstance slice = source.slice(finding.slice());
        ContentItem region = tree.polyline(group, SrCodes.IMAGE_REGION,
                ImageCoordinates.graphicData(finding.longAxisStart(), finding.longAxisEnd()));
        tree.image(region, SrTree.SELECTED_FROM, slice.sopClassUid(), slice.sopInstanceUid());

        // TID 1419 ROI Measurements
        tree.code(group, SrTree.HAS_CONCEPT_MOD, SrCodes.FINDING_SITE, SrCodes.lobe(finding.lobe()));
        AlgorithmIdentificationTemplate.add(tree, group, algorithm, operatingPoint);
        tree.num(group, SrTree.CONTAINS, SrCodes.LONG_AXIS, finding.longAxisMm(), 1, SrCodes.MILLIMETER);
        tree.num(group, SrTree.CONTAINS, SrCodes.SHORT_AXIS, finding.shortAxisMm(), 1, SrCodes.MILLIMETER);
        // Lung-RADS size: the mean of long and short axis, i.e. a diameter derived as a mean
        ContentItem diameter = tree.num(group, SrTree.CONTAINS, SrCodes.DIAMETER, finding.meanDiameterMm(), 1,
                SrCodes.MILLIMETER);
        tree.code(diameter, SrTree.HAS_CONCEPT_MOD, SrCodes.DERIVATION, SrCodes.MEAN);
        tree.num(group, SrTree.CONTAINS, SrCodes.VOLUME, finding.volumeMm3(), 1, SrCodes.CUBIC_MILLIMETER);
        if (finding.malignancyProbability() != null) {
            ContentItem probability = tree.num(group, SrTree.CONTAINS, SrCodes.PROBABILITY_OF_CANCER,
                    100 * finding.malignancyProbability(), 1, SrCodes.PERCENT);
            for (MalignancyFactor factor : finding.malignancyFactors()) {
                tree.text(probability, SrTree.INFERRED_FROM, SrCodes.MALIGNANCY_MODEL_FACTOR, describe(factor));
            }
        }
        ContentItem attenuation = tree.num(group, SrTree.CONTAINS, SrCodes.ATTENUATION_COEFFICIENT,
                finding.meanHu(), 0, SrCodes.HOUNSFIELD_UNIT);
        tree.code(attenuation, SrTree.HAS_CONCEPT_MOD, SrCodes.DERIVATION, SrCodes.MEAN);
        tree.num(group, SrTree.CONTAINS, SrCodes.CERTAINTY_OF_FINDING, finding.detectionScore(), 3, SrCodes.NO_UNITS);

        // qualitative evaluations
        tree.code(group, SrTree.CONTAINS, SrCodes.NODULE_COMPOSITION, SrCodes.composition(finding.noduleType()));
        tree.code(group, SrTree.CONTAINS, SrCodes.LUNG_RADS_CATEGORY, SrCodes.lungRads(finding.lungRadsCategory()));
    }

    static String describe(MalignancyFactor factor) {
        return String.format(Locale.ROOT, "%s = %s: logit contribution %+.4f", factor.name(), factor.valueText(),
                factor.logitContribution());
    }
}
