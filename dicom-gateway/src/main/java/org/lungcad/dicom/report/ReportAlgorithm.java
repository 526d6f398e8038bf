package org.lungcad.dicom.report;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What produced the findings (TID 4019 Algorithm Identification), stamped into every output.
 *
 * @param parameters   free-text parameters, one per Algorithm Parameters item
 * @param learnedModel the learned model's name, version and SHA-256 in one line, when the algorithm has one
 */
public record ReportAlgorithm(String name, String version, List<String> parameters, Optional<String> learnedModel) {

    /** Without a learned model. */
    public ReportAlgorithm(String name, String version, List<String> parameters) {
        this(name, version, parameters, Optional.empty());
    }

    /** "name version", and the learned model with its full checksum when there is one, as derivations name it. */
    public String identity() {
        return name + " " + version + learnedModel.map(m -> ", learned model " + m).orElse("");
    }

    /** {@link #identity()} with a checksum of 12 hex digits, short enough to be burned into an image. */
    public String shortIdentity() {
        return identity().replaceAll("(sha256:[0-9a-f]{12})[0-9a-f]+", "$1");
    }

    public ReportAlgorithm {
        Objects.requireNonNull(learnedModel, "learnedModel");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        parameters = List.copyOf(parameters);
        if (name.isBlank() || version.isBlank()) {
            throw new IllegalArgumentException("algorithm name and version are required");
        }
    }
}
