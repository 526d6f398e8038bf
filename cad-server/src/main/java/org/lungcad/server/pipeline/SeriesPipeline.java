package org.lungcad.server.pipeline;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.lungcad.dicom.series.CompletedSeries;
import org.lungcad.dicom.series.QualifiedSeries;
import org.lungcad.dicom.series.ReceivedInstance;
import org.lungcad.dicom.series.SkipReason;
import org.lungcad.dicom.spool.InstanceSpool;
import org.lungcad.server.analysis.FailureCode;
import org.lungcad.server.analysis.SeriesOutcome;
import org.lungcad.server.analysis.SeriesRunner;
import org.lungcad.server.analysis.StageTiming;
import org.lungcad.server.analysis.VolumeSummary;
import org.lungcad.server.audit.AuditEvent;
import org.lungcad.server.audit.AuditEventType;
import org.lungcad.server.audit.AuditTrail;
import org.lungcad.server.delivery.ResultDelivery;
import org.lungcad.server.job.JobProcessor;
import org.lungcad.server.job.JobRepository;
import org.lungcad.server.job.JobState;
import org.lungcad.server.job.SeriesJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A queued job through the {@link SeriesRunner}, and the runner's outcome onto the job: its transitions (QUALIFIED,
 * ANALYSING as the run passes them; then REPORTED, SKIPPED or FAILED with the outcome's stable code), the stage
 * timings, the findings, metrics and log lines. The analysis itself is the runner's; nothing here decides about
 * an image.
 */
public class SeriesPipeline implements JobProcessor {

    private static final Logger log = LoggerFactory.getLogger(SeriesPipeline.class);
    /** Histogram buckets of {@code lungcad.stage}: stages take from milliseconds (qualify) to tens of seconds. */
    private static final Duration[] STAGE_BUCKETS = {Duration.ofMillis(100), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(20), Duration.ofSeconds(40), Duration.ofSeconds(80)};

    private final JobRepository jobs;
    private final InstanceSpool spool;
    private final SeriesRunner runner;
    private final ResultDelivery delivery;
    private final Path resultsRoot;
    private final MeterRegistry meters;
    private final AuditTrail audit;
    private final Clock clock;
    private final AnalysisWatchdog watchdog;

    public SeriesPipeline(JobRepository jobs, InstanceSpool spool, SeriesRunner runner, ResultDelivery delivery,
                          Path resultsRoot, MeterRegistry meters, AuditTrail audit, Clock clock,
                          AnalysisWatchdog watchdog) {
        this.jobs = jobs;
        this.spool = spool;
        this.runner = runner;
        this.delivery = delivery;
        this.resultsRoot = resultsRoot;
        this.meters = meters;
        this.audit = audit;
        this.clock = clock;
        this.watchdog = watchdog;
    }

    @Override
    public void process(String seriesInstanceUid) throws InterruptedException {
        Optional<SeriesJob> found = jobs.findBySeries(seriesInstanceUid);
        if (found.isEmpty() || found.get().state().isFinal()) {
            return;
        }
        SeriesJob job = found.get();
        if (job.state() == JobState.REPORTED) {
            delivery.deliver(job); // results were written before a restart: only delivery is left
            return;
        }
        AnalysisWatchdog.Run watched = watchdog.watch(() -> timedOut(job));
        SeriesOutcome outcome;
        try {
            outcome = run(job, watched);
        } catch (IOException e) {
            outcome = new SeriesOutcome.Failed(FailureCode.INTERNAL_ERROR,
                    "cannot read the spool: " + e.getClass().getSimpleName() + ": " + e.getMessage(), List.of());
        } catch (InterruptedException e) {
            watched.finish(); // stopping: the job keeps its state for the restart, no timeout fires for it
            throw e;
        }
        if (watched.finish()) {
            record(job, outcome);
        } else {
            log.warn("series {}: the run that timed out ended; its outcome is discarded", job.seriesInstanceUid());
        }
    }

    /** The watchdog's answer to a run that outlived the timeout: the job fails now, with the reason. */
    private void timedOut(SeriesJob job) {
        String detail = "the analysis ran longer than " + watchdog.timeout().toSeconds()
                + " s (lungcad.processing.analysis-timeout); it is stopped at its next stage";
        log.error("series {} failed: {} ({})", job.seriesInstanceUid(), FailureCode.ANALYSIS_TIMEOUT.code(), detail);
        meters.counter("lungcad.series.failed", "reason", FailureCode.ANALYSIS_TIMEOUT.code()).increment();
        if (jobs.transition(job.id(), job.generation(), JobState.FAILED, FailureCode.ANALYSIS_TIMEOUT.code(), detail)) {
            decision(job, AuditEvent.Outcome.SERIOUS_FAILURE, "failed: " + FailureCode.ANALYSIS_TIMEOUT.code() + ": "
                    + detail);
        }
    }

    private SeriesOutcome run(SeriesJob job, AnalysisWatchdog.Run watched) throws IOException, InterruptedException {
        List<ReceivedInstance> instances = spool.scanSeries(job.studyInstanceUid(), job.seriesInstanceUid());
        if (instances.isEmpty()) {
            return new SeriesOutcome.Skipped(SkipReason.NO_INSTANCES, "the spooled instances of this series are gone",
                    List.of());
        }
        CompletedSeries series = new CompletedSeries(job.studyInstanceUid(), job.seriesInstanceUid(), instances,
                job.generation(), job.firstReceivedAt(), job.lastReceivedAt());
        Path folder = resultsRoot.resolve(job.seriesInstanceUid()).resolve("g" + job.generation());
        return runner.run(series, folder, new SeriesRunner.Progress() {
            @Override
            public boolean qualified(QualifiedSeries qualified) {
                return watched.running() && jobs.transition(job.id(), job.generation(), JobState.QUALIFIED, null,
                        null);
            }

            @Override
            public boolean loaded(VolumeSummary v) {
                if (!watched.running()) {
                    return false;
                }
                jobs.recordVolume(job.id(), job.generation(), v);
                log.info("series {} qualified: {}x{}x{} voxels, spacing {}/{}/{} mm", job.seriesInstanceUid(),
                        v.columns(), v.rows(), v.slices(), v.spacingXMm(), v.spacingYMm(), v.spacingZMm());
                return jobs.transition(job.id(), job.generation(), JobState.ANALYSING, null, null);
            }

            @Override
            public boolean detected() {
                return watched.running();
            }
        });
    }

    /** The outcome onto the job; a job re-opened meanwhile (a newer generation) is left to that generation. */
    void record(SeriesJob job, SeriesOutcome outcome) {
        outcome.timings().forEach(t -> recordTiming(job, t));
        if (outcome instanceof SeriesOutcome.Analysed a) {
            jobs.recordFindings(job.id(), job.generation(), a.algorithmLine(), a.findings());
            jobs.recordResults(job.id(), job.generation(), a.results().folder().toString(),
                    a.results().reportSopInstanceUid());
            meters.counter("lungcad.findings").increment(a.findings().size());
            meters.counter("lungcad.series.reported").increment();
            log.info("series {} analysed: {} findings from {} candidates", job.seriesInstanceUid(),
                    a.findings().size(), a.candidates().size());
            if (jobs.transition(job.id(), job.generation(), JobState.REPORTED, null, null)) {
                decision(job, AuditEvent.Outcome.SUCCESS, "reported: " + a.findings().size() + " finding(s)");
                jobs.findBySeries(job.seriesInstanceUid()).ifPresent(delivery::deliver);
            }
        } else if (outcome instanceof SeriesOutcome.Skipped s) {
            log.info("series {} skipped: {} ({})", job.seriesInstanceUid(), s.reasonCode(), s.detail());
            meters.counter("lungcad.series.skipped", "reason", s.reasonCode()).increment();
            if (jobs.transition(job.id(), job.generation(), JobState.SKIPPED, s.reasonCode(), s.detail())) {
                decision(job, AuditEvent.Outcome.SUCCESS, "skipped: " + s.reasonCode() + ": " + s.detail());
            }
        } else if (outcome instanceof SeriesOutcome.Failed f) {
            log.error("series {} failed: {} ({})", job.seriesInstanceUid(), f.reasonCode(), f.message());
            meters.counter("lungcad.series.failed", "reason", f.reasonCode()).increment();
            if (jobs.transition(job.id(), job.generation(), JobState.FAILED, f.reasonCode(), f.message())) {
                decision(job, AuditEvent.Outcome.SERIOUS_FAILURE, "failed: " + f.reasonCode() + ": " + f.message());
            }
        } else {
            log.info("series {} generation {} superseded by newer instances", job.seriesInstanceUid(),
                    job.generation());
        }
    }

    private void decision(SeriesJob job, AuditEvent.Outcome outcome, String description) {
        audit.record(AuditEvent.of(clock.instant(), AuditEventType.SERIES_DECISION, AuditEvent.Action.E, outcome)
                .withDescription(description)
                .withSeries(job.studyInstanceUid(), job.seriesInstanceUid(), job.instanceCount()));
    }

    private void recordTiming(SeriesJob job, StageTiming timing) {
        Timer.builder("lungcad.stage").description("analysis time per stage").tag("stage", timing.stage())
                .serviceLevelObjectives(STAGE_BUCKETS).register(meters)
                .record(Duration.ofMillis(timing.millis()));
        jobs.recordTiming(job.id(), job.generation(), timing);
    }
}
