package org.lungcad.model.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.pytorch.jni.LibUtils;
import ai.djl.util.Utils;
import java.nio.file.Path;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts DJL's PyTorch engine once per JVM, offline, with its caches under the product's data directory,
 * and picks the device (DESIGN.md decision 2).
 *
 * <p>DJL 0.32 reads these names, environment variable first, then system property, so they are set as
 * system properties before the engine first loads:
 * <ul>
 *   <li>{@code ai.djl.offline=true} (env {@code DJL_OFFLINE}): any download attempt fails at once;</li>
 *   <li>{@code DJL_CACHE_DIR}: DJL's cache; {@code ENGINE_CACHE_DIR}: where libtorch and the JNI library are
 *       extracted from the {@code pytorch-native-*} jar (~430 MB, under {@code pytorch/2.5.1-cpu-linux-x86_64});</li>
 *   <li>{@code ai.djl.pytorch.num_threads} / {@code ai.djl.pytorch.num_interop_threads}: read once at engine
 *       start. With W detection workers on C cores give each libtorch about C / W intra-op threads and 1
 *       inter-op thread; libtorch's default (all cores) oversubscribes as soon as two studies run at once.</li>
 * </ul>
 * {@code PYTORCH_VERSION} and {@code PYTORCH_FLAVOR} must stay unset: a mismatch makes DJL download natives.
 */
public final class EngineSelector {

    private static final Logger log = LoggerFactory.getLogger(EngineSelector.class);
    static final String OFFLINE = "ai.djl.offline";
    static final String CACHE_DIR = "DJL_CACHE_DIR";
    static final String ENGINE_CACHE_DIR = "ENGINE_CACHE_DIR";
    static final String NUM_THREADS = "ai.djl.pytorch.num_threads";
    static final String NUM_INTEROP_THREADS = "ai.djl.pytorch.num_interop_threads";

    private static Settings startedWith;
    private static EngineInfo started;

    /** Where the engine may run. */
    public enum DevicePreference {
        /** GPU 0 when CUDA natives and a GPU are present, else CPU. */
        AUTO,
        /** Always CPU, even on a GPU host. */
        CPU
    }

    /**
     * @param dataDirectory  the product's data directory; DJL's caches go to {@code <data>/djl}
     * @param device         device preference
     * @param intraOpThreads libtorch intra-op threads, 0 for libtorch's default
     * @param interOpThreads libtorch inter-op threads, 0 for libtorch's default
     */
    public record Settings(Path dataDirectory, DevicePreference device, int intraOpThreads, int interOpThreads) {
        public Settings {
            Objects.requireNonNull(dataDirectory, "dataDirectory");
            Objects.requireNonNull(device, "device");
            dataDirectory = dataDirectory.toAbsolutePath().normalize();
            if (intraOpThreads < 0 || interOpThreads < 0) {
                throw new IllegalArgumentException("thread counts must be >= 0 (0: libtorch default)");
            }
        }

        /** AUTO device; intra-op threads = cores / workers (at least 1), one inter-op thread. */
        public static Settings forWorkers(Path dataDirectory, int workers) {
            if (workers < 1) {
                throw new IllegalArgumentException("workers must be >= 1: " + workers);
            }
            int cores = Runtime.getRuntime().availableProcessors();
            return new Settings(dataDirectory, DevicePreference.AUTO, Math.max(1, cores / workers), 1);
        }

        Path djlCache() {
            return dataDirectory.resolve("djl");
        }

        Path engineCache() {
            return djlCache().resolve("engines");
        }
    }

    private EngineSelector() {
    }

    /**
     * Starts the engine (first call) or returns what the first call started.
     *
     * @throws IllegalStateException when called again with other settings, or when the environment would
     *                               let DJL download (DJL_OFFLINE not true, PYTORCH_VERSION / PYTORCH_FLAVOR set)
     */
    public static synchronized EngineInfo start(Settings settings) {
        Objects.requireNonNull(settings, "settings");
        if (started != null) {
            if (!startedWith.equals(settings)) {
                throw new IllegalStateException("the engine is already started with " + startedWith
                        + "; DJL reads its settings once per JVM");
            }
            return started;
        }
        configure(settings);
        Engine engine = Engine.getEngine("PyTorch");
        Device device = pickDevice(engine, settings.device());
        Path natives = Path.of(LibUtils.getLibtorchPath()).toAbsolutePath();
        if (!natives.startsWith(settings.engineCache())) {
            // the engine was started before these settings (or an environment variable overrode them)
            log.warn("libtorch was loaded from {}, not from the configured {}", natives, settings.engineCache());
        }
        if (settings.intraOpThreads() > 0 && JniUtils.getNumThreads() != settings.intraOpThreads()) {
            // something touched the engine before these settings were read; the intra-op pool can still be sized
            JniUtils.setNumThreads(settings.intraOpThreads());
        }
        EngineInfo info = new EngineInfo(engine.getEngineName(), engine.getVersion(),
                device.isGpu() ? "gpu" + device.getDeviceId() : "cpu",
                engine.getGpuCount(), natives, JniUtils.getNumThreads(), JniUtils.getNumInteropThreads());
        log.info("Detector engine {} {} on {} ({} GPU(s) visible, {} intra-op / {} inter-op threads, natives in {})",
                info.engineName(), info.engineVersion(), info.device(), info.gpuCount(),
                info.intraOpThreads(), info.interOpThreads(), info.cacheDirectory());
        startedWith = settings;
        started = info;
        return info;
    }

    /** Sets DJL's system properties; must run before anything touches {@link Engine}. */
    static void configure(Settings s) {
        String offlineEnv = System.getenv("DJL_OFFLINE");
        if (offlineEnv != null && !Boolean.parseBoolean(offlineEnv)) {
            throw new IllegalStateException("environment DJL_OFFLINE=" + offlineEnv + " would allow downloads; unset it");
        }
        for (String name : new String[] {"PYTORCH_VERSION", "PYTORCH_FLAVOR"}) {
            if (Utils.getEnvOrSystemProperty(name) != null) {
                throw new IllegalStateException(name + " is set; a mismatch with the bundled natives makes DJL download. Unset it");
            }
        }
        System.setProperty(OFFLINE, "true");
        setPath(CACHE_DIR, s.djlCache());
        setPath(ENGINE_CACHE_DIR, s.engineCache());
        if (s.intraOpThreads() > 0) {
            System.setProperty(NUM_THREADS, Integer.toString(s.intraOpThreads()));
        }
        if (s.interOpThreads() > 0) {
            System.setProperty(NUM_INTEROP_THREADS, Integer.toString(s.interOpThreads()));
        }
    }

    private static void setPath(String name, Path value) {
        String env = System.getenv(name);
        if (env != null && !env.equals(value.toString())) {
            // DJL prefers the environment variable; say so rather than pretend
            log.warn("environment {}={} overrides the configured {}", name, env, value);
        }
        System.setProperty(name, value.toString());
    }

    private static Device pickDevice(Engine engine, DevicePreference preference) {
        if (preference == DevicePreference.CPU) {
            return Device.cpu();
        }
        if (!engine.hasCapability(StandardCapabilities.CUDA) || engine.getGpuCount() == 0) {
            return Device.cpu();
        }
        Device gpu = Device.gpu(0);
        // prove the device works before committing the whole service to it
        try (NDManager probe = engine.newBaseManager(gpu); NDArray a = probe.ones(new Shape(4))) {
            a.sum().getFloat();
            return gpu;
        } catch (RuntimeException e) {
            log.warn("GPU present but unusable ({}); running on CPU", e.toString());
            return Device.cpu();
        }
    }
}
