package org.lungcad.server.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lungcad.dicom.series.CompletedSeries;
import org.lungcad.dicom.series.SeriesAssembler;
import org.lungcad.dicom.spool.InstanceSpool;
import org.lungcad.dicom.spool.TestDicom;
import org.lungcad.dicom.testing.ManualTime;
import org.lungcad.server.config.ClockConfiguration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.context.annotation.Import;

/** After a restart: unfinished jobs run again, and spooled instances no job accounts for are assembled again. */
@JdbcTest
@Import({JobRepository.class, ClockConfiguration.class})
@ImportAutoConfiguration(JacksonAutoConfiguration.class)
class StartupRecoveryTest {

    private static final Instant T0 = Instant.parse("2026-12-07T08:00:00Z");
    private static final Duration QUIET = Duration.ofSeconds(2);
    private static final String STUDY = "1.2.826.0.1.3680043.8.498.7";

    @Autowired
    JobRepository jobs;
    @TempDir
    Path temp;

    private final BlockingQueue<String> processed = new LinkedBlockingQueue<>();
    private final List<CompletedSeries> assembled = new ArrayList<>();
    private final ManualTime time = new ManualTime(T0);
    private InstanceSpool spool;
    private SeriesAssembler assembler;
    private JobQueue queue;

    @BeforeEach
    void node() {
        spool = new InstanceSpool(temp.resolve("spool"));
        assembler = new SeriesAssembler(QUIET, Duration.ofMinutes(10), time.scheduler(), time.clock(), assembled::add);
        queue = new JobQueue(processed::add, new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>()), new SimpleMeterRegistry());
    }

    @AfterEach
    void stop() throws InterruptedException {
        queue.destroy();
        assembler.close();
    }

    private SeriesJob job(String series, int instances, JobState state) {
        SeriesJob job = jobs.recordCompleted(STUDY, series, "CT", instances, T0, T0, T0);
        if (state != JobState.RECEIVED) {
            jobs.transition(job.id(), job.generation(), state, null, null);
        }
        spool(series, instances);
        return job;
    }

    private void spool(String series, int instances) {
        try {
            for (int i = 1; i <= instances; i++) {
                Path file = TestDicom.write(temp.resolve(series + "." + i + ".in"), STUDY, series, series + "." + i);
                spool.store(file, "PACS", T0);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> drain(BlockingQueue<String> q, int expected) throws InterruptedException {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < expected; i++) {
            String s = q.poll(10, TimeUnit.SECONDS);
            if (s == null) {
                break;
            }
            out.add(s);
        }
        return out;
    }

    @Test
    void jobsThatHadNotFinishedAreQueuedAgainAndFinishedOnesAreLeft() throws Exception {
        for (JobState state : JobState.values()) {
            job("1.2.826.0.1.3680043.8.498.7." + (state.ordinal() + 1), 2, state);
        }

        new StartupRecovery(jobs, queue, spool, assembler).recover();

        List<String> expected = new ArrayList<>();
        for (JobState state : JobState.values()) {
            if (!state.isFinal()) {
                expected.add("1.2.826.0.1.3680043.8.498.7." + (state.ordinal() + 1));
            }
        }
        assertThat(expected).hasSize(4); // RECEIVED, QUALIFIED, ANALYSING, REPORTED
        assertThat(drain(processed, 4)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(processed.poll(300, TimeUnit.MILLISECONDS)).isNull();
        // their instances are accounted for: nothing is assembled twice
        time.advance(QUIET);
        assertThat(assembled).isEmpty();
    }

    @Test
    void instancesReceivedBeforeACrashCompleteTheirSeriesAgain() throws Exception {
        // a series cut off before it completed (no job yet), and a re-sent one with more instances than its job
        spool("1.2.826.0.1.3680043.8.498.7.20", 3);
        job("1.2.826.0.1.3680043.8.498.7.21", 2, JobState.DELIVERED);
        spool("1.2.826.0.1.3680043.8.498.7.21", 4);
        job("1.2.826.0.1.3680043.8.498.7.22", 2, JobState.DELIVERED);

        new StartupRecovery(jobs, queue, spool, assembler).recover();

        time.advance(QUIET);

        assertThat(assembled).extracting(CompletedSeries::seriesInstanceUid, s -> s.instances().size())
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("1.2.826.0.1.3680043.8.498.7.20", 3),
                        org.assertj.core.groups.Tuple.tuple("1.2.826.0.1.3680043.8.498.7.21", 4));
        assertThat(processed).isEmpty();
    }
}
