package org.lungcad.server.pipeline;

import java.util.List;
import org.lungcad.model.AlgorithmIdentity;
import org.lungcad.model.engine.DetectorRuntime;
import org.lungcad.model.engine.ModelDescriptor;

/**
 * What {@code /actuator/info} says of the detector: the algorithm as the reports name it, the operating point, and
 * the learned model with its checksum and figures (null without a learned stage).
 */
record DetectorInfo(String name, String version, String parameters, String operatingPoint, LearnedModel learnedModel) {

    record LearnedModel(String name, String version, String sha256, String architecture, String weightsFormat,
                        String trainingRecipe, List<ModelDescriptor.Metric> metrics) {
    }

    static DetectorInfo of(DetectorRuntime runtime) {
        AlgorithmIdentity a = runtime.algorithm();
        LearnedModel model = runtime.learnedModel().map(d -> new LearnedModel(d.name(), d.version(), d.weightsSha256(),
                d.architecture(), d.weightsFormat().label(), d.trainingRecipe(), d.metrics())).orElse(null);
        return new DetectorInfo(a.name(), a.version(), a.parameters(), runtime.operatingPoint(), model);
    }
}
