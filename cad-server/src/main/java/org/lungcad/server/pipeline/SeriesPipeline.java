package org.lungcad.server.pipeline;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.lungcad.dicom.series.CompletedSeries;
import org.lungcad.dicom.series.Qualification;
import org.lungcad.dicom.series.QualifiedSeries;
import org.lungcad.dicom.series.ReceivedInstance;
import org.lungcad.dicom.series.SeriesQualifier;
import org.lungcad.dicom.spool.InstanceSpool;
import org.lungcad.dicom.volume.CtVolume;
import org.lungcad.dicom.volume.CtVolumeLoader;
import org.lungcad.dicom.volume.VolumeLoadException;
import org.lungcad.server.config.LungCadProperties;
import org.lungcad.server.delivery.ResultDelivery;
import org.lungcad.server.job.FindingSummary;
import org.lungcad.server.job.JobRepository;
import org.lungcad.server.job.JobState;
import org.lungcad.server.job.SeriesJob;
import org.lungcad.server.job.StageTiming;
import org.lungcad.server.job.VolumeSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One job's way through the data flow: spooled instances → qualified series → CT volume → (analysis).
 * Every outcome lands in the job table; bad input ends as SKIPPED with a reason, a fault as FAILED.
 */
@Component
public class SeriesPipeline {

    private static final Logger log = LoggerFactory.getLogger(SeriesPipeline.class);

    private final JobRepository jobs;
    private final InstanceSpool spool;
    private final SeriesQualifier qualifier;
    private final CtVolumeLoader loader;
    private final NoduleAnalysis analysis;
    private final ResultWriter resultWriter;
    private final ResultDelivery delivery;
    private final Path resultsRoot;
    private final MeterRegistry meters;

    SeriesPipeline(JobRepository jobs, InstanceSpool spool, SeriesQualifier qualifier, CtVolumeLoader loader,
                   NoduleAnalysis analysis, ResultWriter resultWriter, ResultDelivery delivery,
                   LungCadProperties properties, MeterRegistry meters) {
        this.jobs = jobs;
        this.spool = spool;
        this.qualifier = qualifier;
        this.loader = loader;
        this.analysis = analysis;
        this.resultWriter = resultWriter;
        this.delivery = delivery;
        this.resultsRoot = properties.storage().results();
        this.meters = meters;
    }

    public void process(String seriesInstanceUid) {
        Optional<SeriesJob> found = jobs.findBySeries(seriesInstanceUid);
        if (found.isEmpty() || found.get().state().isFinal()) {
            return;
        }
        SeriesJob job = found.get();
        if (job.state() == JobState.REPORTED) {
            delivery.deliver(job); // results were written before a restart: only delivery is left
            return;
        }
        try {
            run(job);
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            log.error("series {} failed", seriesInstanceUid, e);
            jobs.transition(job.id(), job.generation(), JobState.FAILED, "INTERNAL_ERROR",
                    e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private void run(SeriesJob job) throws IOException {
        List<ReceivedInstance> instances = spool.scanSeries(job.studyInstanceUid(), job.seriesInstanceUid());
        if (instances.isEmpty()) {
            skip(job, "NO_INSTANCES", "the spooled instances of this series are gone");
            return;
        }
        CompletedSeries series = new CompletedSeries(job.studyInstanceUid(), job.seriesInstanceUid(), instances,
                job.generation(), job.firstReceivedAt(), job.lastReceivedAt());

        long t0 = System.nanoTime();
        Qualification qualification = qualifier.qualify(series);
        timing(job, "qualify", t0);
        if (qualification instanceof Qualification.Skipped skipped) {
            skip(job, skipped.reason().name(), skipped.detail());
            return;
        }
        QualifiedSeries qualified = ((Qualification.Qualified) qualification).series();
        if (!jobs.transition(job.id(), job.generation(), JobState.QUALIFIED, null, null)) {
            return; // re-opened meanwhile: the newer generation is queued
        }

        t0 = System.nanoTime();
        CtVolume volume;
        try {
            volume = loader.load(qualified);
        } catch (VolumeLoadException e) {
            timing(job, "load", t0);
            skip(job, e.reason().name(), e.getMessage());
            return;
        }
        timing(job, "load", t0);
        VolumeSummary summary = VolumeSummaries.of(volume);
        jobs.recordVolume(job.id(), job.generation(), summary);
        log.info("series {} qualified: {}x{}x{} voxels, spacing {}/{}/{} mm", job.seriesInstanceUid(),
                summary.columns(), summary.rows(), summary.slices(), summary.spacingXMm(), summary.spacingYMm(),
                summary.spacingZMm());

        if (!jobs.transition(job.id(), job.generation(), JobState.ANALYSING, null, null)) {
            return;
        }
        long analysisStart = System.nanoTime();
        NoduleAnalysis.Result result = analysis.analyse(ScanVolumeMapper.toScanVolume(volume),
                ScanVolumeMapper.patient(volume.header()));
        result.detection().timings().forEach(t -> recordTiming(job, "detect." + t.name(), t.millis()));
        List<FindingSummary> findings = FindingSummaries.of(result.findings());
        jobs.recordFindings(job.id(), job.generation(), result.algorithm().name() + " " + result.algorithm().version()
                + " (" + result.algorithm().parameters() + ")", findings);
        timing(job, "analyse", analysisStart);
        meters.counter("lungcad.findings").increment(findings.size());
        log.info("series {} analysed: {} findings from {} candidates", job.seriesInstanceUid(), findings.size(),
                result.detection().candidates().size());

        long reportStart = System.nanoTime();
        ResultWriter.WrittenResults written = resultWriter.write(
                resultsRoot.resolve(job.seriesInstanceUid()).resolve("g" + job.generation()), job.generation(),
                qualified, volume, result.findings(), result.algorithm(), analysis.operatingPoint());
        jobs.recordResults(job.id(), job.generation(), written.folder().toString(), written.reportSopInstanceUid());
        timing(job, "report", reportStart);
        if (jobs.transition(job.id(), job.generation(), JobState.REPORTED, null, null)) {
            jobs.findBySeries(job.seriesInstanceUid()).ifPresent(delivery::deliver);
        }
    }

    private void skip(SeriesJob job, String code, String detail) {
        log.info("series {} skipped: {} ({})", job.seriesInstanceUid(), code, detail);
        meters.counter("lungcad.series.skipped", "reason", code).increment();
        jobs.transition(job.id(), job.generation(), JobState.SKIPPED, code, detail);
    }

    private void timing(SeriesJob job, String stage, long startNanos) {
        recordTiming(job, stage, (System.nanoTime() - startNanos) / 1_000_000);
    }

    private void recordTiming(SeriesJob job, String stage, long millis) {
        Timer.builder("lungcad.stage").tag("stage", stage).register(meters).record(Duration.ofMillis(millis));
        jobs.recordTiming(job.id(), job.generation(), new StageTiming(stage, millis));
    }
}
