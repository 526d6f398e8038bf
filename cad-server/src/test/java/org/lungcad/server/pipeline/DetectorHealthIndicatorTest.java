package org.lungcad.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lungcad.model.DetectorConfig;
import org.lungcad.model.classify.Architectures;
import org.lungcad.model.classify.PatchLayout;
import org.lungcad.model.classify.Stacking;
import org.lungcad.model.engine.DetectorRuntime;
import org.lungcad.model.engine.EngineSelector;
import org.lungcad.model.engine.ModelDescriptor;
import org.lungcad.model.engine.ModelDescriptorReader;
import org.lungcad.model.engine.ModelIntegrityException;
import org.lungcad.model.score.BrockModel;
import org.lungcad.server.testing.TestEngine;
import org.springframework.boot.actuate.health.Status;

/** Readiness says whether the detector can analyse: not before its engine is up, and never after a failed start. */
class DetectorHealthIndicatorTest {

    @Test
    void unknownWhileStartingUpOnceStarted() {
        try (DetectorRuntime runtime = TestEngine.runtime()) {
            DetectorHealthIndicator health = new DetectorHealthIndicator(runtime);
            assertThat(health.health().getStatus()).isEqualTo(Status.UNKNOWN);
            runtime.start();
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
            assertThat(health.health().getDetails()).containsKeys("engine", "device", "workers");
        }
    }

    @Test
    void downWithTheReasonWhenTheEngineCouldNotStart(@TempDir Path models) throws Exception {
        // a site's model whose checksum matches its descriptor but whose weights are not the named network's
        Path dir = Files.createDirectories(models.resolve("broken"));
        Files.write(dir.resolve("broken.params"), new byte[] {1, 2, 3, 4});
        ModelDescriptorReader.write(dir, new ModelDescriptor("broken", "1.0.0", Architectures.TRIPLANAR_CNN_1,
                ModelDescriptor.WeightsFormat.DJL, new ModelDescriptor.InputSpec(32, 32, 32, 1, -1000, 400,
                PatchLayout.TRIPLANAR), ModelDescriptor.Output.LOGIT, "broken.params",
                ModelDescriptorReader.sha256(dir.resolve("broken.params")), new Stacking(0, 1, 1), "none", List.of()));
        try (DetectorRuntime runtime = new DetectorRuntime(new DetectorRuntime.Settings(TestEngine.STORAGE,
                EngineSelector.DevicePreference.AUTO, 1, Runtime.getRuntime().availableProcessors(),
                DetectorConfig.DEFAULT, BrockModel.Config.DEFAULT, Optional.of(dir)))) {
            assertThatThrownBy(runtime::start).isInstanceOf(ModelIntegrityException.class);
            var health = new DetectorHealthIndicator(runtime).health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(String.valueOf(health.getDetails().get("error")))
                    .contains("ModelIntegrityException").contains("do not fit");
        }
    }
}
