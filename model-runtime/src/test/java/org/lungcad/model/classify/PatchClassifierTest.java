package org.lungcad.model.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lungcad.model.ScanVolume;
import org.lungcad.model.engine.ModelDescriptor;
import org.lungcad.model.engine.ModelDescriptorReader;
import org.lungcad.model.engine.ModelIntegrityException;

/**
 * The loading path of a model directory, as a site's own model dropped into the models directory takes it: a model
 * trained here with {@link PatchClassifierTrainer}, its descriptor, and the refusals.
 */
class PatchClassifierTest {

    @TempDir
    static Path trained;

    static final double[] BALL = {40, 40, 30};
    static final double[] VESSEL = {20, 20, 30};

    @BeforeAll
    static void trainTiny() throws Exception {
        ScanVolume scan = PatchSamplerTest.vesselAndBall();
        PatchSampler sampler = new PatchSampler(PatchSamplerTest.INPUT);
        SplittableRandom rnd = new SplittableRandom(1);
        List<PatchClassifierTrainer.Sample> samples = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            samples.add(new PatchClassifierTrainer.Sample(sampler.sample(scan, BALL,
                    FalsePositiveTraining.randomFrame(rnd)), true));
            samples.add(new PatchClassifierTrainer.Sample(sampler.sample(scan, VESSEL,
                    FalsePositiveTraining.randomFrame(rnd)), false));
        }
        Path weights = trained.resolve("tiny-1.params");
        List<Float> scores = new ArrayList<>();
        PatchClassifierTrainer.Result r = new PatchClassifierTrainer(Architectures.TRIPLANAR_CNN_1,
                PatchSamplerTest.INPUT, new PatchClassifierTrainer.Config(3, 16, 3e-3f, 5))
                .train(samples, weights, List.of(sampler.sample(scan, BALL), sampler.sample(scan, VESSEL)), scores, e -> { });
        assertThat(r.epochLoss()).hasSize(3);
        assertThat(scores).hasSize(2);
        ModelDescriptorReader.write(trained, descriptor("tiny-1.params", ModelDescriptorReader.sha256(weights),
                Architectures.TRIPLANAR_CNN_1));
    }

    static ModelDescriptor descriptor(String file, String sha, String architecture) {
        return new ModelDescriptor("tiny", "0.0.1", architecture, ModelDescriptor.WeightsFormat.DJL,
                PatchSamplerTest.INPUT, ModelDescriptor.Output.LOGIT,
                file, sha, new Stacking(0, 1, 1), "unit test: a ball against a vessel, 3 epochs", List.of());
    }

    @Test
    void aTrainedModelDirectoryLoadsAndScoresCandidates() throws Exception {
        try (PatchClassifier model = PatchClassifier.open(trained, Device.cpu());
             PatchClassifier.Worker worker = model.newWorker()) {
            assertThat(worker.descriptor().name()).isEqualTo("tiny");
            double[] p = worker.probabilities(PatchSamplerTest.vesselAndBall(), List.of(BALL, VESSEL, BALL));
            assertThat(p).hasSize(3);
            assertThat(java.util.Arrays.stream(p).boxed().toList()).allSatisfy(v -> assertThat(v).isBetween(0.0, 1.0));
            assertThat(p[0]).isEqualTo(p[2]);
            // three epochs on one ball and one vessel already tell them apart
            assertThat(p[0]).isGreaterThan(p[1]);
        }
    }

    @Test
    void alteredWeightsAreRefused(@TempDir Path dir) throws Exception {
        byte[] w = Files.readAllBytes(trained.resolve("tiny-1.params"));
        w[w.length / 2] ^= 1;
        Files.write(dir.resolve("tiny-1.params"), w);
        Files.copy(trained.resolve(ModelDescriptorReader.FILE_NAME), dir.resolve(ModelDescriptorReader.FILE_NAME));
        assertThatThrownBy(() -> PatchClassifier.open(dir, Device.cpu()))
                .isInstanceOf(ModelIntegrityException.class).hasMessageContaining("SHA-256");
    }

    @Test
    void weightsOfAnotherShapeOrAnUnknownArchitectureAreRefused(@TempDir Path dir) throws Exception {
        byte[] w = Files.readAllBytes(trained.resolve("tiny-1.params"));
        Path cut = dir.resolve("cut.params");
        Files.write(cut, java.util.Arrays.copyOf(w, w.length / 2));
        ModelDescriptorReader.write(dir, descriptor("cut.params", ModelDescriptorReader.sha256(cut),
                Architectures.TRIPLANAR_CNN_1));
        assertThatThrownBy(() -> PatchClassifier.open(dir, Device.cpu()))
                .isInstanceOf(ModelIntegrityException.class).hasMessageContaining("do not fit");
        Files.copy(trained.resolve("tiny-1.params"), dir.resolve("tiny-1.params"));
        ModelDescriptorReader.write(dir, descriptor("tiny-1.params", ModelDescriptorReader.sha256(dir.resolve("tiny-1.params")),
                "resnet-152"));
        assertThatThrownBy(() -> PatchClassifier.open(dir, Device.cpu()))
                .isInstanceOf(ModelIntegrityException.class).hasMessageContaining("unknown model architecture");
    }
}
