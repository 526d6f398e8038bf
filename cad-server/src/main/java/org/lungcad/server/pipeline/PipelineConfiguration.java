package org.lungcad.server.pipeline;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.ZoneId;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.lungcad.dicom.series.SeriesQualifier;
import org.lungcad.dicom.spool.InstanceSpool;
import org.lungcad.dicom.volume.CtVolumeLoader;
import org.lungcad.model.engine.DetectorRuntime;
import org.lungcad.model.engine.EngineInfo;
import org.lungcad.server.analysis.ResultWriter;
import org.lungcad.server.analysis.SeriesRunner;
import org.lungcad.server.analysis.VolumeLimit;
import org.lungcad.server.audit.AuditTrail;
import org.lungcad.server.config.LungCadProperties;
import org.lungcad.server.delivery.ResultDelivery;
import org.lungcad.server.job.JobQueue;
import org.lungcad.server.job.JobRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * The analysis side of the node: the detector runtime (one detector per worker), the series runner, and as many
 * worker threads as detectors, so that {@code lungcad.processing.workers} series are analysed at once.
 */
@Configuration(proxyBeanMethods = false)
class PipelineConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PipelineConfiguration.class);

    @Bean(destroyMethod = "close")
    DetectorRuntime detectorRuntime(LungCadProperties properties) {
        return new DetectorRuntime(properties.detectorRuntime());
    }

    /** {@code /actuator/info}: the algorithm, its operating point and the learned model with its checksum. */
    @Bean
    InfoContributor detectorInfo(DetectorRuntime runtime) {
        return builder -> builder.withDetail("detector", DetectorInfo.of(runtime));
    }

    /** The volume limit (lungcad.processing.max-voxels, bounded by the heap), logged once at start-up. */
    @Bean
    CtVolumeLoader ctVolumeLoader(LungCadProperties properties) {
        VolumeLimit limit = VolumeLimit.inThisJvm(properties.processing().maxVoxels(),
                properties.processing().workers());
        if (limit.heapBound()) {
            log.warn(limit.describe());
        } else {
            log.info(limit.describe());
        }
        return new CtVolumeLoader(limit.voxels());
    }

    @Bean
    SeriesRunner seriesRunner(SeriesQualifier qualifier, CtVolumeLoader loader, DetectorRuntime runtime, Clock clock) {
        // content dates of the reports are the site's local time, as the scanner's are
        return new SeriesRunner(qualifier, loader, runtime, new ResultWriter(clock.withZone(ZoneId.systemDefault())));
    }

    @Bean
    SeriesPipeline seriesPipeline(JobRepository jobs, InstanceSpool spool, SeriesRunner runner,
                                  ResultDelivery delivery, LungCadProperties properties, MeterRegistry meters,
                                  AuditTrail audit, Clock clock,
                                  @Qualifier("analysisTimeouts") ScheduledExecutorService analysisTimeouts) {
        return new SeriesPipeline(jobs, spool, runner, delivery, properties.storage().results(), meters, audit,
                clock, new AnalysisWatchdog(analysisTimeouts, properties.processing().analysisTimeout()));
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService analysisTimeouts() {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "analysis-timeout");
            t.setDaemon(true);
            return t;
        });
    }

    /** Stopped by {@link JobQueue#destroy()}, before the runtime its workers use is closed. */
    @Bean(destroyMethod = "")
    ThreadPoolExecutor seriesWorkers(DetectorRuntime runtime) {
        int n = runtime.settings().workers();
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(n, n, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "series-worker-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Bean
    JobQueue jobQueue(SeriesPipeline pipeline, ThreadPoolExecutor seriesWorkers, MeterRegistry meters) {
        return new JobQueue(pipeline, seriesWorkers, meters);
    }

    /**
     * Starts the engine in the background once the node is up, so that the first study does not wait for PyTorch's
     * natives to be extracted and loaded (2–6 s cold); the node accepts DICOM meanwhile.
     */
    @EventListener(ApplicationReadyEvent.class)
    void warmUp(ApplicationReadyEvent event) {
        DetectorRuntime runtime = event.getApplicationContext().getBean(DetectorRuntime.class);
        Thread warmUp = new Thread(() -> {
            try {
                EngineInfo engine = runtime.start();
                log.info("detector engine: {} {} on {}, {} worker(s) with {} intra-op thread(s) each",
                        engine.engineName(), engine.engineVersion(), engine.device(), runtime.settings().workers(),
                        runtime.settings().threadsPerWorker());
            } catch (RuntimeException e) {
                log.warn("detector engine did not start; the first analysis will try again", e);
            }
        }, "engine-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }
}
