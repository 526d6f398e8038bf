package org.lungcad.model.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lungcad.model.ScanVolume;
import org.lungcad.model.engine.ModelDescriptor;
import org.lungcad.model.engine.ModelDescriptorReader;
import org.lungcad.model.engine.ModelIntegrityException;

/**
 * A model trained elsewhere and saved as TorchScript, dropped into the models directory with its descriptor: the
 * shipped network written as a TorchScript module (its own source and the shipped weights, as {@code torch.jit.save}
 * lays the file out) loads through the product's path and gives the DJL model's probabilities; a module that does
 * not fit the descriptor is refused when it is opened.
 */
class TorchScriptModelTest {

    @TempDir
    static Path models;

    @Test
    void theShippedNetworkAsTorchScriptGivesTheSameProbabilities() throws Exception {
        Path shipped = BundledModels.extract(BundledModels.NODULE_FPR, models);
        Path dir = TorchScriptArchive.exportShipped(models, "site-torchscript");
        ScanVolume scan = PatchSamplerTest.vesselAndBall();
        PatchSampler sampler = new PatchSampler(PatchSamplerTest.INPUT);
        List<Patch> patches = new ArrayList<>(List.of(sampler.sample(scan, PatchClassifierTest.BALL),
                sampler.sample(scan, PatchClassifierTest.VESSEL)));
        SplittableRandom rnd = new SplittableRandom(5);
        for (int i = 0; i < 6; i++) {
            patches.add(sampler.sample(scan, i % 2 == 0 ? PatchClassifierTest.BALL : PatchClassifierTest.VESSEL,
                    FalsePositiveTraining.randomFrame(rnd)));
        }
        try (PatchClassifier djl = PatchClassifier.open(shipped, Device.cpu());
             PatchClassifier.Worker djlWorker = djl.newWorker();
             PatchClassifier ts = PatchClassifier.open(dir, Device.cpu());
             PatchClassifier.Worker tsWorker = ts.newWorker()) {
            assertThat(tsWorker.descriptor().weightsFormat()).isEqualTo(ModelDescriptor.WeightsFormat.TORCHSCRIPT);
            List<Float> expected = djlWorker.predict(patches);
            List<Float> actual = tsWorker.predict(patches);
            assertThat(actual).hasSize(patches.size());
            for (int i = 0; i < patches.size(); i++) {
                assertThat((double) actual.get(i)).as("patch %d", i).isCloseTo(expected.get(i), within(1e-5));
            }
            assertThat((double) actual.get(0)).isCloseTo(ShippedModelTest.BALL_PROBABILITY, within(1e-4));
            assertThat((double) actual.get(1)).isCloseTo(ShippedModelTest.VESSEL_PROBABILITY, within(1e-4));
        }
    }

    @Test
    void aModuleThatGivesTwoOutputsPerPatchIsRefusedWhenOpened(@TempDir Path dir) throws Exception {
        TorchScriptArchive twoOutputs = new TorchScriptArchive("TwoOutputs")
                .line("m = torch.mean(x, [1, 2, 3], True)")
                .line("return torch.cat([m, m], 1)");
        write(dir, twoOutputs, "two.pt");
        assertThatThrownBy(() -> PatchClassifier.open(dir, Device.cpu()))
                .isInstanceOf(ModelIntegrityException.class)
                .hasMessageContaining("does not take a [3, 32, 32] triplanar patch and give one logit per patch")
                .hasMessageContaining("2 outputs per patch");
    }

    @Test
    void aModuleForAnotherInputIsRefusedWhenOpened(@TempDir Path dir) throws Exception {
        // a 3-D network's first convolution: one channel, 3x3x3 kernel
        TorchScriptArchive volume = new TorchScriptArchive("VolumeNet")
                .parameter("w", new TorchScriptArchive.Tensor(new long[] {1, 1, 3, 3, 3}, new float[27]))
                .line("y = torch.conv3d(x, self.w)")
                .line("return torch.mean(y, [1, 2, 3, 4])");
        write(dir, volume, "volume.pt");
        assertThatThrownBy(() -> PatchClassifier.open(dir, Device.cpu()))
                .isInstanceOf(ModelIntegrityException.class)
                .hasMessageContaining("does not take a [3, 32, 32] triplanar patch")
                .hasMessageContaining("expected input[1, 2, 3, 32, 32] to have 1 channels");
    }

    @Test
    void aFileThatIsNotTorchScriptIsRefusedWhenOpened(@TempDir Path dir) throws Exception {
        // the checksum matches (the site wrote the descriptor for this file), but the file is a pickle, not a module
        Path file = dir.resolve("state-dict.pt");
        Files.write(file, new byte[] {(byte) 0x80, 2, '}', '.'});
        ModelDescriptorReader.write(dir, descriptor("state-dict.pt", ModelDescriptorReader.sha256(file)));
        assertThatThrownBy(() -> PatchClassifier.open(dir, Device.cpu()))
                .isInstanceOf(ModelIntegrityException.class)
                .hasMessageContaining("state-dict.pt is not a TorchScript module");
    }

    private static void write(Path dir, TorchScriptArchive module, String file) throws IOException {
        module.write(dir.resolve(file));
        ModelDescriptorReader.write(dir, descriptor(file, ModelDescriptorReader.sha256(dir.resolve(file))));
    }

    private static ModelDescriptor descriptor(String file, String sha) {
        return new ModelDescriptor("site-model", "0.1.0", "a site's network", ModelDescriptor.WeightsFormat.TORCHSCRIPT,
                PatchSamplerTest.INPUT, ModelDescriptor.Output.LOGIT, file, sha, new Stacking(0, 1, 1),
                "trained elsewhere", List.of());
    }
}
