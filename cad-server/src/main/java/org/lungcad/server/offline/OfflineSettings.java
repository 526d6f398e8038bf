package org.lungcad.server.offline;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lungcad.server.config.LungCadProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;

/**
 * The node's configuration record, bound from a few command-line options with Spring Boot's {@link Binder} (no
 * application context): every other value keeps the documented default of {@code application.yml}'s properties.
 */
public final class OfflineSettings {

    private OfflineSettings() {
    }

    /**
     * @param storage   the data directory; the DJL natives are extracted under {@code <storage>/djl} (~430 MB, once)
     * @param threshold detection score threshold, or null for the detector's default
     * @param maxMarks  most marks per scan, or null for the detector's default
     * @param cpuOnly   never use a GPU
     * @param workers   series analysed at once (each worker gets its share of the cores)
     * @throws IllegalArgumentException for a value out of the documented range (the node refuses it at start too)
     */
    public static LungCadProperties properties(Path storage, Double threshold, Integer maxMarks, boolean cpuOnly,
                                               int workers) {
        return properties(storage, threshold, maxMarks, cpuOnly, workers, null, null);
    }

    /**
     * @param learnedModel    the learned stage's model directory name, {@code none} to turn it off, or null for the
     *                        bundled model
     * @param modelsDirectory where model directories are, or null for {@code <storage>/models}
     */
    public static LungCadProperties properties(Path storage, Double threshold, Integer maxMarks, boolean cpuOnly,
                                               int workers, String learnedModel, Path modelsDirectory) {
        if (threshold != null && !(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("--threshold must be in [0, 1]: " + threshold);
        }
        if (maxMarks != null && (maxMarks < 0 || maxMarks > 100)) {
            throw new IllegalArgumentException("--max-marks must be in [0, 100]: " + maxMarks);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("lungcad.storage.directory", storage.toAbsolutePath().normalize().toString());
        if (threshold != null) {
            values.put("lungcad.detector.score-threshold", threshold.toString());
        }
        if (maxMarks != null) {
            values.put("lungcad.detector.max-marks-per-scan", maxMarks.toString());
        }
        values.put("lungcad.detector.device", cpuOnly ? "CPU" : "AUTO");
        values.put("lungcad.processing.workers", Integer.toString(workers));
        if (learnedModel != null) {
            values.put("lungcad.detector.learned-model", learnedModel);
        }
        if (modelsDirectory != null) {
            values.put("lungcad.detector.models-directory", modelsDirectory.toAbsolutePath().normalize().toString());
        }
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("lungcad", Bindable.of(LungCadProperties.class));
    }

    /**
     * Without a Spring context nobody configures Logback, whose default is DEBUG on the console: the tools print
     * their own tables, so libraries may only speak up with warnings (or INFO with {@code verbose}).
     */
    public static void quietLogging(boolean verbose) {
        LoggingSystem logging = LoggingSystem.get(OfflineSettings.class.getClassLoader());
        logging.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, verbose ? LogLevel.INFO : LogLevel.WARN);
        // DJL probes for CUDA on every start and warns without a driver (as in application.yml)
        logging.setLogLevel("ai.djl.util.cuda", LogLevel.ERROR);
    }
}
