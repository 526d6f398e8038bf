package org.lungcad.server.pipeline;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.lungcad.model.AlgorithmIdentity;
import org.lungcad.model.DetectionResult;
import org.lungcad.model.DetectorConfig;
import org.lungcad.model.Finding;
import org.lungcad.model.HessianNoduleDetector;
import org.lungcad.model.LungNoduleDetector;
import org.lungcad.model.PatientContext;
import org.lungcad.model.ScanVolume;
import org.lungcad.model.detect.OperatingPoint;
import org.lungcad.model.engine.EngineInfo;
import org.lungcad.model.engine.EngineSelector;
import org.lungcad.model.engine.NativeMemory;
import org.lungcad.model.score.BrockModel;
import org.lungcad.model.score.FindingScorer;
import org.lungcad.model.score.LungRads;
import org.lungcad.server.config.LungCadProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The detector and the clinical scoring (Brock, Lung-RADS) behind one call. The DJL engine starts in the
 * background after start-up (or with the first analysis), so the node accepts DICOM while PyTorch loads.
 */
@Component
public class NoduleAnalysis implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(NoduleAnalysis.class);

    /** What one analysis produced: the scored findings and the detector's raw result (candidates, timings). */
    public record Result(List<Finding> findings, DetectionResult detection, AlgorithmIdentity algorithm) {
    }

    private final LungCadProperties properties;
    private final DetectorConfig config;
    private final FindingScorer scorer;
    private NDManager root;
    private LungNoduleDetector detector;

    /** Also used without Spring by the one-shot tools; the caller then owns it and calls {@link #destroy()}. */
    public NoduleAnalysis(LungCadProperties properties) {
        this.properties = properties;
        LungCadProperties.Detector d = properties.detector();
        OperatingPoint defaults = DetectorConfig.DEFAULT.operatingPoint();
        this.config = DetectorConfig.DEFAULT.withOperatingPoint(new OperatingPoint(
                d.scoreThreshold() != null ? d.scoreThreshold() : defaults.threshold(),
                d.maxMarksPerScan() != null ? d.maxMarksPerScan() : defaults.maxMarksPerScan(),
                defaults.minDiameterMm(), defaults.maxDiameterMm()));
        BrockModel.Config brock = new BrockModel.Config(d.familyHistoryOfLungCancer(), d.emphysema(),
                BrockModel.Config.DEFAULT.spiculationThreshold());
        this.scorer = new FindingScorer(new BrockModel(brock), new LungRads(brock.spiculationThreshold()),
                algorithm());
    }

    /** The operating point in words, for the report ("score >= 0.50, at most 10 marks"). */
    public String operatingPoint() {
        OperatingPoint op = config.operatingPoint();
        return String.format(java.util.Locale.ROOT, "detection score >= %.2f, at most %d marks, %.0f-%.0f mm",
                op.threshold(), op.maxMarksPerScan(), op.minDiameterMm(), op.maxDiameterMm());
    }

    public AlgorithmIdentity algorithm() {
        return AlgorithmIdentity.current(config.parameters());
    }

    /** Finds and scores nodules; callers are the job workers (one detector per worker would need one NDManager each). */
    public synchronized Result analyse(ScanVolume scan, PatientContext patient) {
        try {
            DetectionResult detection = detector().detect(scan, patient);
            List<Finding> findings = scorer.score(detection.nodules(), patient);
            return new Result(findings, detection, algorithm());
        } finally {
            // the study's tensors are closed; without a trim glibc would keep their pages and RSS would stay high
            NativeMemory.trim();
        }
    }

    /**
     * Starts the engine in the background once the node is up, so that the first study does not wait for
     * PyTorch's natives to be extracted and loaded (2–6 s cold).
     */
    @EventListener(ApplicationReadyEvent.class)
    void warmUp() {
        Thread warmUp = new Thread(() -> {
            try {
                detector();
            } catch (RuntimeException e) {
                log.warn("detector engine did not start; the first analysis will try again", e);
            }
        }, "engine-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    private synchronized LungNoduleDetector detector() {
        if (detector == null) {
            EngineSelector.DevicePreference device = properties.detector().device() == LungCadProperties.Detector.Device.CPU
                    ? EngineSelector.DevicePreference.CPU : EngineSelector.DevicePreference.AUTO;
            int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / properties.processing().workers());
            EngineInfo engine = EngineSelector.start(new EngineSelector.Settings(
                    properties.storage().directory().toAbsolutePath(), device, threads, 1));
            log.info("detector engine: {} {} on {}", engine.engineName(), engine.engineVersion(), engine.device());
            root = NDManager.newBaseManager(engine.toDevice());
            detector = new HessianNoduleDetector(root, config);
        }
        return detector;
    }

    @Override
    public synchronized void destroy() {
        if (root != null) {
            root.close();
        }
    }
}
