package org.lungcad.dicom.report;

import java.util.List;
import java.util.Objects;

/**
 * What produced the findings (TID 4019 Algorithm Identification), stamped into every output.
 *
 * @param parameters free-text parameters, one per Algorithm Parameters item
 */
public record ReportAlgorithm(String name, String version, List<String> parameters) {

    public ReportAlgorithm {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        parameters = List.copyOf(parameters);
        if (name.isBlank() || version.isBlank()) {
            throw new IllegalArgumentException("algorithm name and version are required");
        }
    }
}
