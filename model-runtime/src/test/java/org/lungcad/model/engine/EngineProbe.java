package org.lungcad.model.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;

/** Run in a fresh JVM by {@link EngineSelectorOfflineTest}: start the engine, do one op, print the result. */
public final class EngineProbe {

    private EngineProbe() {
    }

    public static void main(String[] args) {
        EngineInfo info = EngineSelector.start(
                new EngineSelector.Settings(Path.of(args[0]), EngineSelector.DevicePreference.AUTO, 1, 1));
        try (NDManager manager = NDManager.newBaseManager(info.toDevice())) {
            NDArray a = manager.arange(10f).reshape(2, 5);
            float sum = a.mul(2).sum().getFloat();
            System.out.println("PROBE engine=" + info.engineName() + " version=" + info.engineVersion()
                    + " device=" + info.device() + " threads=" + info.intraOpThreads() + " sum=" + sum
                    + " cache=" + info.cacheDirectory());
        }
    }
}
