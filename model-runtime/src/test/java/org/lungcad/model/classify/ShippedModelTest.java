package org.lungcad.model.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lungcad.model.ScanVolume;
import org.lungcad.model.engine.ModelDescriptor;
import org.lungcad.model.engine.ModelDescriptorReader;

/** The model that ships in the jar: its weights match the descriptor, and it gives the recorded outputs. */
class ShippedModelTest {

    /** Recorded with the shipped weights on the fixed patches below (CPU, PyTorch engine). */
    static final double BALL_PROBABILITY = 0.999992;
    static final double VESSEL_PROBABILITY = 4.547943e-4;

    @Test
    void shippedWeightsMatchTheirDescriptorAndGiveTheRecordedOutput(@TempDir Path models) throws Exception {
        assertThat(BundledModels.isBundled(BundledModels.NODULE_FPR)).isTrue();
        Path dir = BundledModels.extract(BundledModels.NODULE_FPR, models);
        ModelDescriptor d = ModelDescriptorReader.readVerified(dir);
        assertThat(ModelDescriptorReader.sha256(dir.resolve(d.weightsFile()))).isEqualTo(d.weightsSha256());
        assertThat(d.name() + "-" + d.version()).isEqualTo(BundledModels.NODULE_FPR);
        assertThat(d.architecture()).isEqualTo(Architectures.TRIPLANAR_CNN_1);
        ScanVolume scan = PatchSamplerTest.vesselAndBall();
        PatchSampler sampler = new PatchSampler(d.input());
        try (PatchClassifier model = PatchClassifier.open(dir, Device.cpu());
             PatchClassifier.Worker worker = model.newWorker()) {
            List<Float> p = worker.predict(List.of(sampler.sample(scan, PatchClassifierTest.BALL),
                    sampler.sample(scan, PatchClassifierTest.VESSEL)));
            assertThat((double) p.get(0)).isCloseTo(BALL_PROBABILITY, within(1e-4));
            assertThat((double) p.get(1)).isCloseTo(VESSEL_PROBABILITY, within(1e-4));
        }
    }
}
