package org.lungcad.model.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
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
        assertThat(d.input()).isEqualTo(new ModelDescriptor.InputSpec(32, 32, 16, 1.0, -1000, 400));
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
        assertThatThrownBy(() -> new ModelDescriptor.InputSpec(32, 32, 32, 1, 400, -1000))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ModelDescriptor("n", "1", new ModelDescriptor.InputSpec(1, 1, 1, 1, 0, 1),
                "../evil.pt", "0".repeat(64), "r", java.util.List.of())).hasMessageContaining("plain file name");
    }

    private void writeDescriptor(String sha) throws Exception {
        Files.writeString(dir.resolve("model.properties"), String.join("\n",
                "name=nodule-classifier", "version=1.0.0", "weights.file=model.pt", "weights.sha256=" + sha,
                "input.patch=32, 32, 16", "input.spacing_mm=1.0", "input.hu_window=-1000,400",
                "training.recipe=synthetic phantoms, 40 epochs, seed 7", "metric.froc_cpm=0.81", "metric.auc=0.93", ""));
    }
}
