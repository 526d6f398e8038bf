package org.lungcad.model.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine starts offline from an empty cache: the natives come from the pytorch-native jar on the class path
 * and nothing is downloaded. A separate JVM, because DJL reads its settings once per JVM.
 */
class EngineSelectorOfflineTest {

    @Test
    void startsOfflineFromAnEmptyCacheInAFreshJvm(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        Path home = Files.createDirectories(tmp.resolve("home"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Duser.home=" + home,
                "-cp", System.getProperty("java.class.path"), EngineProbe.class.getName(), data.toString())
                .redirectErrorStream(true);
        for (String name : List.of("DJL_CACHE_DIR", "ENGINE_CACHE_DIR", "DJL_OFFLINE", "PYTORCH_VERSION", "PYTORCH_FLAVOR")) {
            pb.environment().remove(name);
        }
        Process p = pb.start();
        boolean done = p.waitFor(300, TimeUnit.SECONDS);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) {
            p.destroyForcibly();
        }
        assertThat(done).as("engine start finished in time:\n%s", out).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("PROBE engine=PyTorch version=2.5.1").contains("sum=90.0").contains("threads=1")
                .doesNotContain("Downloading");
        Path engines = data.resolve("djl").resolve("engines").resolve("pytorch");
        assertThat(engines).isDirectory();
        try (Stream<Path> files = Files.walk(engines)) {
            assertThat(files.map(f -> f.getFileName().toString())).contains("libtorch.so", "0.32.0-libdjl_torch.so");
        }
        assertThat(home.resolve(".djl.ai")).doesNotExist();
        assertThat(out).contains("cache=" + engines).doesNotContain("not from the configured");
    }

    @Test
    void settingsAreValidated() throws IOException {
        assertThatThrownBy(() -> new EngineSelector.Settings(Path.of("x"), EngineSelector.DevicePreference.AUTO, -1, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EngineSelector.Settings.forWorkers(Path.of("x"), 0)).isInstanceOf(IllegalArgumentException.class);
        EngineSelector.Settings s = EngineSelector.Settings.forWorkers(Path.of("rel"), 64);
        assertThat(s.intraOpThreads()).isEqualTo(1);
        assertThat(s.dataDirectory()).isAbsolute();
    }
}
