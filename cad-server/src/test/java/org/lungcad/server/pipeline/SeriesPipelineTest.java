package org.lungcad.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lungcad.dicom.spool.InstanceSpool;
import org.lungcad.dicom.spool.TestDicom;
import org.lungcad.model.AlgorithmIdentity;
import org.lungcad.model.engine.DetectorRuntime;
import org.lungcad.server.analysis.FailureCode;
import org.lungcad.server.analysis.FindingSummary;
import org.lungcad.server.analysis.ResultWriter;
import org.lungcad.server.analysis.SeriesOutcome;
import org.lungcad.server.analysis.SeriesRunner;
import org.lungcad.server.analysis.StageTiming;
import org.lungcad.server.analysis.VolumeSummary;
import org.lungcad.server.audit.AuditEvent;
import org.lungcad.server.config.ClockConfiguration;
import org.lungcad.server.delivery.ResultDelivery;
import org.lungcad.server.job.JobRepository;
import org.lungcad.server.job.JobState;
import org.lungcad.server.job.SeriesJob;
import org.lungcad.server.testing.TestEngine;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.context.annotation.Import;

/**
 * The runner's outcome onto the job table, as {@code GET /api/studies} then shows it: states, stable codes,
 * timings, findings, metrics, and delivery only for a reported job of the current generation.
 */
@JdbcTest
@Import({JobRepository.class, ClockConfiguration.class})
@ImportAutoConfiguration(JacksonAutoConfiguration.class)
class SeriesPipelineTest {

    private static final Instant T0 = Instant.parse("2026-12-07T08:00:00Z");
    private static final String STUDY = "1.2.826.0.1.3680043.8.498.9";
    private static DetectorRuntime runtime;

    @Autowired
    JobRepository jobs;
    @TempDir
    Path temp;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<AuditEvent> audit = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ResultDelivery delivery = mock(ResultDelivery.class);
    private InstanceSpool spool;
    private SeriesPipeline pipeline;

    @BeforeAll
    static void runtime() {
        runtime = TestEngine.runtime(); // never started here: no series reaches detection
    }

    @AfterAll
    static void close() {
        runtime.close();
    }

    @BeforeEach
    void pipeline() {
        spool = new InstanceSpool(temp.resolve("spool"));
        pipeline = new SeriesPipeline(jobs, spool, SeriesRunner.withDefaultRules(runtime), delivery,
                temp.resolve("results"), meters, audit::add, java.time.Clock.systemUTC(), AnalysisWatchdog.none());
    }

    private SeriesJob received(String series, int instances) throws Exception {
        for (int i = 1; i <= instances; i++) {
            spool.store(TestDicom.write(temp.resolve(series + "." + i), STUDY, series, series + "." + i), "PACS", T0);
        }
        return jobs.recordCompleted(STUDY, series, "CT", instances, T0, T0, T0);
    }

    @Test
    void aSeriesTheInputRulesRefuseIsSkippedWithItsStableCode() throws Exception {
        // header-only CT instances: no pixel data and no geometry
        received("1.2.826.0.1.3680043.8.498.9.1", 3);

        pipeline.process("1.2.826.0.1.3680043.8.498.9.1");

        SeriesJob job = jobs.findBySeries("1.2.826.0.1.3680043.8.498.9.1").orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.SKIPPED);
        assertThat(job.reasonCode()).matches("[a-z]+(-[a-z]+)*");
        assertThat(job.reasonDetail()).isNotBlank();
        assertThat(job.timings()).extracting(StageTiming::stage).startsWith("qualify");
        assertThat(meters.get("lungcad.series.skipped").tag("reason", job.reasonCode()).counter().count())
                .isEqualTo(1.0);
        verify(delivery, never()).deliver(any());
        assertThat(audit).singleElement().satisfies(e -> {
            assertThat(e.event()).isEqualTo("series-decision");
            assertThat(e.series()).isEqualTo("1.2.826.0.1.3680043.8.498.9.1");
            assertThat(e.instances()).isEqualTo(3);
            assertThat(e.outcomeDescription()).isEqualTo("skipped: " + job.reasonCode() + ": " + job.reasonDetail());
        });
    }

    @Test
    void aRunThatOutlivesTheAnalysisTimeoutFailsTheJobAndItsLateOutcomeIsDiscarded() throws Exception {
        received("1.2.826.0.1.3680043.8.498.9.6", 3);
        // a scheduler whose timeouts fire at once: the run is timed out before its first stage ends
        java.util.concurrent.ScheduledThreadPoolExecutor immediate =
                new java.util.concurrent.ScheduledThreadPoolExecutor(1) {
            @Override
            public java.util.concurrent.ScheduledFuture<?> schedule(Runnable command, long delay,
                                                                   java.util.concurrent.TimeUnit unit) {
                command.run();
                return super.schedule(() -> { }, 0, unit);
            }
        };
        try {
            SeriesPipeline watched = new SeriesPipeline(jobs, spool, SeriesRunner.withDefaultRules(runtime), delivery,
                    temp.resolve("results"), meters, audit::add, java.time.Clock.systemUTC(),
                    new AnalysisWatchdog(immediate, java.time.Duration.ofMinutes(10)));

            watched.process("1.2.826.0.1.3680043.8.498.9.6");
        } finally {
            immediate.shutdownNow();
        }

        SeriesJob job = jobs.findBySeries("1.2.826.0.1.3680043.8.498.9.6").orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.FAILED);
        assertThat(job.reasonCode()).isEqualTo("analysis-timeout");
        assertThat(job.reasonDetail()).isEqualTo("the analysis ran longer than 600 s (lungcad.processing."
                + "analysis-timeout); it is stopped at its next stage");
        assertThat(job.timings()).as("the late outcome (a skip) is not recorded").isEmpty();
        assertThat(meters.get("lungcad.series.failed").tag("reason", "analysis-timeout").counter().count())
                .isEqualTo(1.0);
        assertThat(audit).singleElement().satisfies(e ->
                assertThat(e.outcomeDescription()).startsWith("failed: analysis-timeout: "));
        verify(delivery, never()).deliver(any());
    }

    @Test
    void aSeriesWhoseSpooledFilesAreGoneIsSkippedAsNoInstances() throws Exception {
        jobs.recordCompleted(STUDY, "1.2.826.0.1.3680043.8.498.9.2", "CT", 100, T0, T0, T0);

        pipeline.process("1.2.826.0.1.3680043.8.498.9.2");

        SeriesJob job = jobs.findBySeries("1.2.826.0.1.3680043.8.498.9.2").orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.SKIPPED);
        assertThat(job.reasonCode()).isEqualTo("no-instances");
    }

    @Test
    void anAnalysedSeriesIsReportedWithItsFindingsAndHandedToDelivery() throws Exception {
        SeriesJob job = received("1.2.826.0.1.3680043.8.498.9.3", 1);
        FindingSummary nodule = new FindingSummary("Nodule 1", new double[] {-80.5, 20.1, -150.0}, 9.1, 7.8, 8.4,
                310, 12, "SOLID", "RIGHT_LOWER", 0.81, 0.07, List.of(), "4A");
        Path folder = temp.resolve("results/g1");
        SeriesOutcome analysed = new SeriesOutcome.Analysed(new VolumeSummary(512, 512, 133, 0.7, 0.7, 2.5, -1024,
                3071), List.of(nodule), List.of(), new AlgorithmIdentity(AlgorithmIdentity.NAME,
                AlgorithmIdentity.VERSION, "detection score >= 0.50"),
                new ResultWriter.WrittenResults(folder, "1.2.3.4.5.6", List.of(), List.of()),
                List.of(new StageTiming("qualify", 30), new StageTiming("detect.candidates", 900)));

        pipeline.record(job, analysed);

        SeriesJob reported = jobs.findBySeries(job.seriesInstanceUid()).orElseThrow();
        assertThat(reported.state()).isEqualTo(JobState.REPORTED);
        assertThat(reported.reasonCode()).isNull();
        assertThat(reported.algorithm()).isEqualTo("LungCAD Nodule Detector " + AlgorithmIdentity.VERSION
                + " (detection score >= 0.50)");
        assertThat(reported.findings()).singleElement().satisfies(f -> {
            assertThat(f.centerLpsMm()).containsExactly(-80.5, 20.1, -150.0);
            assertThat(f.lungRads()).isEqualTo("4A");
        });
        assertThat(reported.reportSopInstanceUid()).isEqualTo("1.2.3.4.5.6");
        assertThat(reported.timings()).extracting(StageTiming::stage, StageTiming::millis)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("qualify", 30L),
                        org.assertj.core.groups.Tuple.tuple("detect.candidates", 900L));
        assertThat(meters.get("lungcad.stage").tag("stage", "detect.candidates").timer().count()).isEqualTo(1);
        assertThat(meters.get("lungcad.series.reported").counter().count()).isEqualTo(1.0);
        verify(delivery).deliver(argThat(j -> j.id() == job.id() && j.state() == JobState.REPORTED));
        assertThat(audit).extracting(AuditEvent::event, AuditEvent::study, AuditEvent::outcomeDescription)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("series-decision", STUDY,
                        "reported: 1 finding(s)"));
    }

    @Test
    void aFaultOfTheNodeFailsTheJobWithItsCode() throws Exception {
        SeriesJob job = received("1.2.826.0.1.3680043.8.498.9.4", 1);

        pipeline.record(job, new SeriesOutcome.Failed(FailureCode.OUT_OF_MEMORY,
                "OutOfMemoryError: Java heap space", List.of(new StageTiming("qualify", 10))));

        SeriesJob failed = jobs.findBySeries(job.seriesInstanceUid()).orElseThrow();
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.reasonCode()).isEqualTo("out-of-memory");
        assertThat(failed.reasonDetail()).contains("Java heap space");
        assertThat(meters.get("lungcad.series.failed").tag("reason", "out-of-memory").counter().count())
                .isEqualTo(1.0);
        assertThat(audit).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(AuditEvent.Outcome.SERIOUS_FAILURE);
            assertThat(e.outcomeDescription()).isEqualTo("failed: out-of-memory: OutOfMemoryError: Java heap space");
        });
    }

    @Test
    void anOutcomeOfAnOlderGenerationLeavesTheReOpenedJobAlone() throws Exception {
        SeriesJob first = received("1.2.826.0.1.3680043.8.498.9.5", 1);
        // late instances re-opened the series while generation 1 was being analysed
        jobs.recordCompleted(STUDY, first.seriesInstanceUid(), "CT", 2, T0, T0.plusSeconds(30), T0.plusSeconds(35));

        pipeline.record(first, new SeriesOutcome.Failed(FailureCode.INTERNAL_ERROR, "stale", List.of()));

        SeriesJob now = jobs.findBySeries(first.seriesInstanceUid()).orElseThrow();
        assertThat(now.generation()).isEqualTo(2);
        assertThat(now.state()).isEqualTo(JobState.RECEIVED);
        assertThat(now.reasonCode()).isNull();
        assertThat(audit).as("no decision about a generation that is not the job's").isEmpty();
    }

    @Test
    void aJobReportedBeforeARestartOnlyGoesToDelivery() throws Exception {
        SeriesJob job = received("1.2.826.0.1.3680043.8.498.9.6", 1);
        jobs.transition(job.id(), job.generation(), JobState.REPORTED, null, null);

        pipeline.process(job.seriesInstanceUid());

        SeriesJob reported = jobs.findBySeries(job.seriesInstanceUid()).orElseThrow();
        assertThat(reported.state()).isEqualTo(JobState.REPORTED);
        assertThat(reported.timings()).isEmpty();
        verify(delivery).deliver(argThat(j -> j.id() == reported.id() && j.state() == JobState.REPORTED));
    }
}
