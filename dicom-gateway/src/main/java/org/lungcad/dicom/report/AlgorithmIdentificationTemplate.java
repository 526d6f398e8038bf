package org.lungcad.dicom.report;

import com.pixelmed.dicom.ContentItem;
import com.pixelmed.dicom.DicomException;

/** TID 4019 Algorithm Identification: name, version and parameters, as HAS CONCEPT MOD of a measurement group. */
final class AlgorithmIdentificationTemplate {

    private AlgorithmIdentificationTemplate() {
    }

    static void add(SrTree tree, ContentItem parent, ReportAlgorithm algorithm, String operatingPoint)
            throws DicomException {
        tree.text(parent, SrTree.HAS_CONCEPT_MOD, SrCodes.ALGORITHM_NAME, algorithm.name());
        tree.text(parent, SrTree.HAS_CONCEPT_MOD, SrCodes.ALGORITHM_VERSION, algorithm.version());
        for (String parameter : algorithm.parameters()) {
            tree.text(parent, SrTree.HAS_CONCEPT_MOD, SrCodes.ALGORITHM_PARAMETERS, parameter);
        }
        tree.text(parent, SrTree.HAS_CONCEPT_MOD, SrCodes.ALGORITHM_PARAMETERS, "operating point: " + operatingPoint);
    }
}
