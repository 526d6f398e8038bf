package org.lungcad.server.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The in-memory queue in front of the workers: each series once while it waits, workers that survive a fault. */
class JobQueueTest {

    private static final Instant T0 = Instant.parse("2026-12-07T08:00:00Z");

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final BlockingQueue<String> processed = new LinkedBlockingQueue<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private JobQueue queue;

    @AfterEach
    void stop() throws InterruptedException {
        release.countDown();
        if (queue != null) {
            queue.destroy();
        }
    }

    private static ThreadPoolExecutor oneWorker() {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
    }

    private static SeriesJob job(String series) {
        return new SeriesJob(1, "1.2.3", series, "CT", 64, 1, JobState.RECEIVED, null, null, T0, T0, T0, T0, null,
                null, List.of(), null, null, List.of());
    }

    /** The first job holds the only worker until released; the others wait in the queue meanwhile. */
    private JobProcessor blockingOn(String blocker) {
        return series -> {
            if (series.equals(blocker)) {
                release.await();
            }
            processed.add(series);
        };
    }

    @Test
    void aSeriesWaitingInTheQueueIsQueuedOnce() throws Exception {
        queue = new JobQueue(blockingOn("1.1"), oneWorker(), meters);
        queue.submit(job("1.1"));
        queue.submit(job("1.2"));
        queue.submit(job("1.2")); // re-opened while waiting: the waiting run will read the newest generation
        assertThat(queue.depth()).isEqualTo(1);
        assertThat(meters.get("lungcad.jobs.queued").gauge().value()).isEqualTo(1.0);

        release.countDown();
        assertThat(processed.poll(10, TimeUnit.SECONDS)).isEqualTo("1.1");
        assertThat(processed.poll(10, TimeUnit.SECONDS)).isEqualTo("1.2");
        assertThat(processed.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void aSeriesAlreadyRunningIsQueuedAgain() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        queue = new JobQueue(series -> {
            if (running.getCount() > 0) {
                running.countDown();
                release.await();
            }
            processed.add(series);
        }, oneWorker(), meters);
        queue.submit(job("1.1"));
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        // late instances arrived while generation 1 runs: generation 2 needs its own run
        queue.submit(job("1.1"));
        assertThat(queue.depth()).isEqualTo(1);

        release.countDown();
        assertThat(processed.poll(10, TimeUnit.SECONDS)).isEqualTo("1.1");
        assertThat(processed.poll(10, TimeUnit.SECONDS)).isEqualTo("1.1");
    }

    @Test
    void aJobThatThrowsDoesNotStopTheWorker() throws Exception {
        queue = new JobQueue(series -> {
            if (series.equals("1.1")) {
                throw new IllegalStateException("a bug in one job");
            }
            processed.add(series);
        }, oneWorker(), meters);
        queue.submit(job("1.1"));
        queue.submit(job("1.2"));

        assertThat(processed.poll(10, TimeUnit.SECONDS)).isEqualTo("1.2");
    }

    @Test
    void stoppingInterruptsARunningJobAndEndsTheWorkers() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        ThreadPoolExecutor workers = oneWorker();
        queue = new JobQueue(series -> {
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
        }, workers, meters);
        queue.submit(job("1.1"));
        queue.submit(job("1.2"));

        queue.destroy();
        queue = null;

        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(workers.isTerminated()).isTrue();
        // the waiting job never started: its state stays in the table for start-up recovery
        assertThat(processed).isEmpty();
    }
}
