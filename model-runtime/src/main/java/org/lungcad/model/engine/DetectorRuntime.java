package org.lungcad.model.engine;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.lungcad.model.AlgorithmIdentity;
import org.lungcad.model.DetectionResult;
import org.lungcad.model.DetectorConfig;
import org.lungcad.model.HessianNoduleDetector;
import org.lungcad.model.LungNoduleDetector;
import org.lungcad.model.PatientContext;
import org.lungcad.model.ScanAnalysis;
import org.lungcad.model.ScanVolume;
import org.lungcad.model.classify.BundledModels;
import org.lungcad.model.classify.PatchClassifier;
import org.lungcad.model.detect.OperatingPoint;
import org.lungcad.model.score.BrockModel;
import org.lungcad.model.score.FindingScorer;
import org.lungcad.model.score.LungRads;

/**
 * The detector's runtime for one process: owns the DJL engine's root {@link NDManager} and one detector per worker.
 * A worker {@link #acquire() acquires} a detector for one scan and gives it back when done, so no two threads ever
 * use the same detector (or the same learned-stage {@code Predictor}) at once, and as many scans
 * are analysed at once as there are workers.
 *
 * <p>The thread budget is stated, not left to libtorch: each worker gets {@code cores / workers} intra-op threads
 * (at least one) and one inter-op thread; libtorch reads these once, at engine start. The engine starts on the first
 * {@link #acquire()} or an explicit {@link #start()} (2–6 s cold), so a service can accept work while it loads.
 */
public final class DetectorRuntime implements AutoCloseable {

    /**
     * @param dataDirectory the product's data directory (DJL's caches go under it)
     * @param device        where the engine may run
     * @param workers       scans analysed at once
     * @param cores         CPU cores the runtime may use (normally {@code availableProcessors()})
     * @param detector      detector settings
     * @param brock         Brock model settings (the patient factors the image cannot tell)
     * @param learnedModel  the model directory of the learned false-positive-reduction stage, if one is used
     */
    public record Settings(Path dataDirectory, EngineSelector.DevicePreference device, int workers, int cores,
                           DetectorConfig detector, BrockModel.Config brock, Optional<Path> learnedModel) {
        public Settings {
            Objects.requireNonNull(learnedModel, "learnedModel");
            Objects.requireNonNull(dataDirectory, "dataDirectory");
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(detector, "detector");
            Objects.requireNonNull(brock, "brock");
            if (workers < 1 || cores < 1) {
                throw new IllegalArgumentException("workers and cores must be >= 1: " + workers + ", " + cores);
            }
        }

        /** Without a learned stage. */
        public Settings(Path dataDirectory, EngineSelector.DevicePreference device, int workers, int cores,
                        DetectorConfig detector, BrockModel.Config brock) {
            this(dataDirectory, device, workers, cores, detector, brock, Optional.empty());
        }

        /** All of this machine's cores, default detector and Brock settings, no learned stage. */
        public static Settings defaults(Path dataDirectory, EngineSelector.DevicePreference device, int workers) {
            return new Settings(dataDirectory, device, workers, Runtime.getRuntime().availableProcessors(),
                    DetectorConfig.DEFAULT, BrockModel.Config.DEFAULT);
        }

        /** libtorch intra-op threads per worker: the cores shared out, at least one. */
        public int threadsPerWorker() {
            return Math.max(1, cores / workers);
        }
    }

    private final Settings settings;
    private final FindingScorer scorer;
    private final BlockingQueue<WorkerDetector> idle;
    private final List<WorkerDetector> detectors = new ArrayList<>();
    private NDManager root;
    /** The learned model's descriptor as verified at construction; empty without a learned stage. */
    private final Optional<ModelDescriptor> learnedDescriptor;
    private PatchClassifier learned;
    private EngineInfo engine;
    private String startFailure;
    private boolean closed;

    /**
     * Copies a bundled learned model out of the jar into its directory (the same loading path as a site's own model)
     * and verifies the learned model's descriptor and checksum.
     *
     * @throws ModelIntegrityException when the learned model's descriptor or weights are missing or altered (checked
     *                                 here, at start-up, not at the first scan)
     */
    public DetectorRuntime(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.learnedDescriptor = settings.learnedModel().map(DetectorRuntime::prepare);
        this.idle = new ArrayBlockingQueue<>(settings.workers());
        BrockModel.Config brock = settings.brock();
        this.scorer = new FindingScorer(new BrockModel(brock), new LungRads(brock.spiculationThreshold()), algorithm());
    }

    public Settings settings() {
        return settings;
    }

    /** Copies a bundled model out of the jar into its directory, then reads and verifies the directory's model. */
    private static ModelDescriptor prepare(Path dir) {
        try {
            String name = dir.getFileName().toString();
            if (BundledModels.isBundled(name)) {
                BundledModels.extract(name, dir.toAbsolutePath().getParent());
            }
            return ModelDescriptorReader.readVerified(dir);
        } catch (IOException e) {
            throw new ModelIntegrityException("the learned model in " + dir + " cannot be read (" + e + "); set "
                    + "lungcad.detector.learned-model to a model directory's name, or to none");
        }
    }

    /**
     * Name, version and the parameters that change results (TID 4019), the learned model's name, version and
     * SHA-256 among them.
     */
    public AlgorithmIdentity algorithm() {
        return AlgorithmIdentity.current(settings.detector().parameters()
                + learnedDescriptor.map(d -> ";" + d.parameter()).orElse(""),
                learnedDescriptor.map(ModelDescriptor::fullIdentity));
    }

    /** The learned stage's descriptor, as verified when the runtime was made (so it is known before the first scan). */
    public Optional<ModelDescriptor> learnedModel() {
        return learnedDescriptor;
    }

    /** The operating point in words, for the report ({@link OperatingPoint#describe()}). */
    public String operatingPoint() {
        return settings.detector().operatingPoint().describe();
    }

    /**
     * Starts the engine, loads the learned model (verified against its descriptor) and makes one detector per
     * worker; later calls return what the first started.
     *
     * @throws ModelIntegrityException when the learned model is missing, altered or does not fit its architecture
     */
    public synchronized EngineInfo start() {
        if (closed) {
            throw new IllegalStateException("the detector runtime is closed");
        }
        if (engine == null) {
            try {
                engine = startEngine();
                startFailure = null;
            } catch (RuntimeException e) {
                startFailure = e.getClass().getSimpleName() + ": " + e.getMessage();
                throw e;
            }
        }
        return engine;
    }

    /** Why the last {@link #start()} failed; empty once the engine is started or before any attempt. */
    public synchronized Optional<String> startFailure() {
        return Optional.ofNullable(startFailure);
    }

    private EngineInfo startEngine() {
        EngineInfo info = EngineSelector.start(new EngineSelector.Settings(settings.dataDirectory(),
                settings.device(), settings.threadsPerWorker(), 1));
        if (settings.learnedModel().isPresent() && learned == null) {
            Path dir = settings.learnedModel().get();
            try {
                learned = PatchClassifier.open(dir, info.toDevice());
            } catch (IOException e) {
                throw new ModelIntegrityException("the learned model in " + dir + " cannot be read: " + e.getMessage());
            }
        }
        root = NDManager.newBaseManager(info.toDevice());
        for (int w = 0; w < settings.workers(); w++) {
            WorkerDetector d = new WorkerDetector(root.newSubManager());
            detectors.add(d);
            idle.add(d);
        }
        return info;
    }

    /** The engine started, or null before {@link #start()}. */
    public synchronized EngineInfo engineOrNull() {
        return engine;
    }

    /**
     * A detector of this thread's own until the lease is closed; waits while every worker's detector is in use.
     *
     * @throws InterruptedException when interrupted while waiting (the service is stopping)
     */
    public Lease acquire() throws InterruptedException {
        start();
        return new Lease(idle.take());
    }

    /** One worker's hold on a detector; close it (try-with-resources) to give the detector back. */
    public final class Lease implements AutoCloseable {
        private WorkerDetector detector;

        private Lease(WorkerDetector detector) {
            this.detector = detector;
        }

        /** Finds, measures and scores the scan's nodules; native memory is trimmed afterwards. */
        public ScanAnalysis analyse(ScanVolume scan, PatientContext patient) {
            if (detector == null) {
                throw new IllegalStateException("lease already closed");
            }
            try {
                DetectionResult detection = detector.detector.detect(scan, patient);
                long t = System.nanoTime();
                var findings = scorer.score(detection.nodules(), patient);
                return new ScanAnalysis(findings, detection, algorithm(), (System.nanoTime() - t) / 1_000_000);
            } finally {
                // the scan's tensors are closed; without a trim glibc keeps their pages and RSS stays high
                NativeMemory.trim();
            }
        }

        @Override
        public void close() {
            if (detector != null) {
                idle.add(detector);
                detector = null;
            }
        }
    }

    /** Closes every detector's tensors and the root manager; leases still out must not be used afterwards. */
    @Override
    public synchronized void close() {
        closed = true;
        detectors.forEach(WorkerDetector::close);
        detectors.clear();
        idle.clear();
        if (root != null) {
            root.close();
            root = null;
        }
        if (learned != null) {
            learned.close();
            learned = null;
        }
    }

    /**
     * A detector with a manager and a learned-stage predictor of its own: nothing it allocates is shared with another
     * worker.
     */
    private final class WorkerDetector {
        final NDManager manager;
        final Optional<PatchClassifier.Worker> predictor;
        final LungNoduleDetector detector;

        WorkerDetector(NDManager manager) {
            this.manager = manager;
            this.predictor = Optional.ofNullable(learned).map(PatchClassifier::newWorker);
            this.detector = new HessianNoduleDetector(manager, settings.detector(), predictor);
        }

        void close() {
            predictor.ifPresent(PatchClassifier.Worker::close);
            manager.close();
        }
    }
}
