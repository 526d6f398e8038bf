package org.lungcad.model.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.lungcad.model.classify.PatchLayout;
import org.lungcad.model.classify.Stacking;
import org.junit.jupiter.api.io.TempDir;

class ModelDescriptorReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsAndVerifies() throws Exception {
        Files.write(dir.resolve("model.pt"), "weights".getBytes(StandardCharsets.UTF_8));
        writeDescriptor(ModelDescriptorReader.sha256(dir.resolve("model.pt")).toUpperCase());
        ModelDescriptor d = ModelDescriptorReader.readVerified(dir);
        assertThat(d.name()).isEqualTo("nodule-classifier");
        assertThat(d.input()).isEqualTo(new ModelDescriptor.InputSpec(32, 32, 16, 1.0, -1000, 400, PatchLayout.VOLUME));
        assertThat(d.architecture()).isEqualTo("lungcad-triplanar-cnn-1");
        assertThat(d.output()).isEqualTo(ModelDescriptor.Output.LOGIT);
        assertThat(d.stacking()).isEqualTo(new Stacking(-1.5, 0.75, 1.25));
        assertThat(d.identity()).isEqualTo("nodule-classifier 1.0.0 (sha256 9a129038d9a0)");
        assertThat(d.metrics()).extracting(ModelDescriptor.Metric::name).containsExactly("auc", "froc_cpm");
        // sha256("weights"), computed independently with sha256sum
        assertThat(d.weightsSha256()).isEqualTo("9a129038d9a00aed0cf6a7ea059ca50a813449061ab87848cf1a13eafdf33b2c");
    }

    @Test
    void checksumMismatchIsRefused() throws Exception {
        Files.write(dir.resolve("model.pt"), "weights".getBytes(StandardCharsets.UTF_8));
        writeDescriptor("0".repeat(64));
        assertThatThrownBy(() -> ModelDescriptorReader.readVerified(dir))
                .isInstanceOf(ModelIntegrityException.class).hasMessageContaining("SHA-256").hasMessageContaining("0000");
    }

    @Test
    void missingWeightsAreRefused() throws Exception {
        writeDescriptor("0".repeat(64));
        assertThatThrownBy(() -> ModelDescriptorReader.readVerified(dir))
                .isInstanceOf(ModelIntegrityException.class).hasMessageContaining("missing");
    }

    @Test
    void badDescriptorsAreRejectedWithTheKey() throws Exception {
        Files.writeString(dir.resolve("model.properties"), "name=x\nversion=1\n");
        assertThatThrownBy(() -> ModelDescriptorReader.read(dir)).hasMessageContaining("input.patch");
        assertThatThrownBy(() -> new ModelDescriptor.InputSpec(32, 32, 32, 1, 400, -1000, PatchLayout.VOLUME))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ModelDescriptor.InputSpec(32, 32, 16, 1, -1000, 400, PatchLayout.TRIPLANAR))
                .hasMessageContaining("cubic");
        assertThatThrownBy(() -> new ModelDescriptor("n", "1", "a", ModelDescriptor.WeightsFormat.DJL,
                new ModelDescriptor.InputSpec(1, 1, 1, 1, 0, 1,
                PatchLayout.VOLUME), ModelDescriptor.Output.LOGIT, "../evil.pt", "0".repeat(64), new Stacking(0, 1, 1),
                "r", java.util.List.of())).hasMessageContaining("plain file name");
    }

    @Test
    void djlAndTorchScriptWeightsAreAcceptedAndNothingElse() throws Exception {
        writeDescriptor("0".repeat(64));
        String djl = Files.readString(dir.resolve("model.properties"));
        Files.writeString(dir.resolve("model.properties"), djl.replace("weights.format=djl", "weights.format=onnx"));
        assertThatThrownBy(() -> ModelDescriptorReader.read(dir)).hasMessageContaining("weights.format onnx")
                .hasMessageContaining("djl or torchscript");
        Files.writeString(dir.resolve("model.properties"), djl.replace("weights.format=djl", "weights.format=TorchScript"));
        assertThat(ModelDescriptorReader.read(dir).weightsFormat()).isEqualTo(ModelDescriptor.WeightsFormat.TORCHSCRIPT);
    }

    @Test
    void writtenDescriptorReadsBack() throws Exception {
        Files.write(dir.resolve("model.pt"), "weights".getBytes(StandardCharsets.UTF_8));
        writeDescriptor(ModelDescriptorReader.sha256(dir.resolve("model.pt")));
        ModelDescriptor d = ModelDescriptorReader.read(dir);
        Path other = dir.resolve("copy");
        ModelDescriptorReader.write(other, d);
        assertThat(ModelDescriptorReader.read(other)).isEqualTo(d);
    }

    private void writeDescriptor(String sha) throws Exception {
        Files.writeString(dir.resolve("model.properties"), String.join("\n",
                "name=nodule-classifier", "version=1.0.0", "architecture=lungcad-triplanar-cnn-1",
                "weights.format=djl", "weights.file=model.pt", "weights.sha256=" + sha, "output=logit",
                "stacking=-1.5, 0.75, 1.25", "input.patch=32, 32, 16", "input.layout=volume", "input.spacing_mm=1.0",
                "input.hu_window=-1000,400",
                "training.recipe=synthetic phantoms, 40 epochs, seed 7", "metric.froc_cpm=0.81", "metric.auc=0.93", ""));
    }
}
