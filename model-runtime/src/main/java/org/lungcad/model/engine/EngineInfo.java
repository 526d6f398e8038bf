package org.lungcad.model.engine;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@link EngineSelector} started: for the log, the health endpoint and the SR's algorithm parameters.
 *
 * @param engineName        "PyTorch"
 * @param engineVersion     libtorch version, e.g. "2.5.1"
 * @param device            DJL device name (DJL's own format) the detector runs on: "cpu" or "gpu0"
 * @param gpuCount          GPUs the engine can see (0 with CPU-only natives)
 * @param cacheDirectory    the folder libtorch was loaded from (extracted there from the native jar)
 * @param intraOpThreads    libtorch intra-op threads in effect
 * @param interOpThreads    libtorch inter-op threads in effect
 */
public record EngineInfo(String engineName, String engineVersion, String device, int gpuCount,
                         Path cacheDirectory, int intraOpThreads, int interOpThreads) {

    public EngineInfo {
        Objects.requireNonNull(engineName, "engineName");
        Objects.requireNonNull(engineVersion, "engineVersion");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(cacheDirectory, "cacheDirectory");
        if (!device.matches("cpu|gpu\\d+")) {
            throw new IllegalArgumentException("device must be cpu or gpuN: " + device);
        }
        if (gpuCount < 0) {
            throw new IllegalArgumentException("gpuCount must be >= 0");
        }
    }

    public boolean gpu() {
        return device.startsWith("gpu");
    }

    /** The DJL device to create NDManagers on. */
    public Device toDevice() {
        return gpu() ? Device.gpu(Integer.parseInt(device.substring(3))) : Device.cpu();
    }
}
