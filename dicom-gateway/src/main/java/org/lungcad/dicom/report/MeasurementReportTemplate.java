package org.lungcad.dicom.report;

import com.pixelmed.dicom.ContentItem;
import com.pixelmed.dicom.DicomException;

/**
 * TID 1500 Measurement Report: language, device observer (TID 1001/1002/1004), procedure reported, image library,
 * one measurement group per finding, and a report-level Qualitative Evaluations container that says this is
 * computer output, not a diagnosis (and, with no finding, that none was detected at the operating point).
 */
final class MeasurementReportTemplate {

    static final String DISCLAIMER = "Computer-aided detection (CAD) output of " + OutputStamp.MANUFACTURER
            + ", not a diagnosis: every finding must be reviewed by a radiologist; absence of a mark does not exclude"
            + " a nodule. Not for diagnostic use.";

    private MeasurementReportTemplate() {
    }

    static ContentItem build(ReportRequest request, SourceStudy source) throws DicomException {
        SrTree tree = new SrTree();
        ReportAlgorithm algorithm = request.algorithm();
        ContentItem root = tree.root(SrCodes.IMAGING_MEASUREMENT_REPORT, "1500");
        tree.code(root, SrTree.HAS_CONCEPT_MOD, SrCodes.LANGUAGE, SrCodes.ENGLISH_US);
        tree.code(root, SrTree.HAS_OBS_CONTEXT, SrCodes.OBSERVER_TYPE, SrCodes.DEVICE);
        tree.uid(root, SrTree.HAS_OBS_CONTEXT, SrCodes.DEVICE_OBSERVER_UID, deviceObserverUid(algorithm));
        tree.text(root, SrTree.HAS_OBS_CONTEXT, SrCodes.DEVICE_OBSERVER_NAME, OutputStamp.MANUFACTURER);
        tree.text(root, SrTree.HAS_OBS_CONTEXT, SrCodes.DEVICE_OBSERVER_MANUFACTURER, OutputStamp.MANUFACTURER);
        tree.text(root, SrTree.HAS_OBS_CONTEXT, SrCodes.DEVICE_OBSERVER_MODEL_NAME,
                algorithm.name() + " " + algorithm.version());
        tree.code(root, SrTree.HAS_CONCEPT_MOD, SrCodes.PROCEDURE_REPORTED, SrCodes.CT_UNSPECIFIED_BODY_REGION);
        ImageLibraryTemplate.add(tree, root, source, request.volume());

        ContentItem measurements = tree.container(root, SrCodes.IMAGING_MEASUREMENTS);
        for (ReportedFinding finding : request.findings()) {
            PlanarRoiGroupTemplate.add(tree, measurements, finding, source, algorithm, request.operatingPoint());
        }

        ContentItem evaluations = tree.container(root, SrCodes.QUALITATIVE_EVALUATIONS);
        tree.text(evaluations, SrTree.CONTAINS, SrCodes.COMMENT, DISCLAIMER);
        if (request.findings().isEmpty()) {
            tree.text(evaluations, SrTree.CONTAINS, SrCodes.FINDING, noFindingText(request.operatingPoint()));
        }
        tree.text(evaluations, SrTree.CONTAINS, SrCodes.COMMENT, "Algorithm: " + algorithm.name() + " "
                + algorithm.version() + "; operating point: " + request.operatingPoint());
        return root;
    }

    static String noFindingText(String operatingPoint) {
        return "No nodules detected at the operating point (" + operatingPoint + ")";
    }

    /** The same device UID for the same algorithm on every run, so that reports from one device group together. */
    static String deviceObserverUid(ReportAlgorithm algorithm) {
        return DicomUids.fromName(OutputStamp.MANUFACTURER + " device observer/" + algorithm.name());
    }
}
