package org.lungcad.model;

import java.util.Objects;

/**
 * Which algorithm produced a finding (DICOM TID 4019: name, version, parameters).
 *
 * @param parameters the settings that change results, in one line, e.g. "threshold=0.5;brock=full"
 */
public record AlgorithmIdentity(String name, String version, String parameters) {

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
    }

    /** This build's identity with the given parameters. */
    public static AlgorithmIdentity current(String parameters) {
        return new AlgorithmIdentity(NAME, VERSION, parameters);
    }
}
