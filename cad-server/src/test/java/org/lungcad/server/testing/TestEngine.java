package org.lungcad.server.testing;

import java.nio.file.Path;
import org.lungcad.model.DetectorConfig;
import org.lungcad.model.engine.DetectorRuntime;
import org.lungcad.model.engine.EngineSelector;
import org.lungcad.model.score.BrockModel;

/**
 * The detector engine settings every test of this module uses: DJL reads them once per JVM, so a test that started
 * the engine otherwise would break the others; the natives (~430 MB) are then extracted once per machine.
 */
public final class TestEngine {

    public static final Path STORAGE = Path.of(System.getProperty("lungcad.test.storage",
            Path.of(System.getProperty("java.io.tmpdir"), "lungcad-cli-test-data").toString()));

    private TestEngine() {
    }

    /** One worker on every core and the default detector, as {@code analyze --storage STORAGE} runs. */
    public static DetectorRuntime runtime() {
        return new DetectorRuntime(new DetectorRuntime.Settings(STORAGE, EngineSelector.DevicePreference.AUTO, 1,
                Runtime.getRuntime().availableProcessors(), DetectorConfig.DEFAULT, BrockModel.Config.DEFAULT));
    }
}
