package org.lungcad.model;

import java.util.Objects;
import java.util.Optional;

/**
 * Which algorithm produced a finding (DICOM TID 4019: name, version, parameters).
 *
 * @param parameters   the settings that change results, in one line, e.g. "threshold=0.5;brock=full"
 * @param learnedModel the learned stage's model as "name version sha256:hex", when there is one
 */
public record AlgorithmIdentity(String name, String version, String parameters, Optional<String> learnedModel) {

    /** Without a learned model. */
    public AlgorithmIdentity(String name, String version, String parameters) {
        this(name, version, parameters, Optional.empty());
    }

    public static final String NAME = "LungCAD Nodule Detector";
    /** Release version of model-runtime; a test keeps it equal to the project version without -SNAPSHOT. */
    public static final String VERSION = "0.1.0";

    public AlgorithmIdentity {
        for (String[] f : new String[][] {{name, "name"}, {version, "version"}}) {
            if (f[0] == null || f[0].isBlank()) {
                throw new IllegalArgumentException(f[1] + " must not be blank");
            }
        }
        Objects.requireNonNull(parameters, "parameters (use an empty string)");
        Objects.requireNonNull(learnedModel, "learnedModel");
    }

    /** This build's identity with the given parameters. */
    public static AlgorithmIdentity current(String parameters) {
        return new AlgorithmIdentity(NAME, VERSION, parameters);
    }

    /** This build's identity with the given parameters and learned model. */
    public static AlgorithmIdentity current(String parameters, Optional<String> learnedModel) {
        return new AlgorithmIdentity(NAME, VERSION, parameters, learnedModel);
    }
}
