package org.lungcad.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AnalysisWatchdogTest {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void aRunThatEndsInTimeCountsAndTheTimeoutNeverFires() throws Exception {
        AtomicInteger fired = new AtomicInteger();
        AnalysisWatchdog.Run run = new AnalysisWatchdog(scheduler, Duration.ofMillis(200))
                .watch(fired::incrementAndGet);

        assertThat(run.running()).isTrue();
        assertThat(run.finish()).isTrue();
        Thread.sleep(400);
        assertThat(fired).hasValue(0);
    }

    @Test
    void aRunThatOutlivesTheTimeoutIsStoppedAndItsOutcomeDoesNotCount() throws Exception {
        CountDownLatch fired = new CountDownLatch(1);
        AnalysisWatchdog.Run run = new AnalysisWatchdog(scheduler, Duration.ofMillis(20)).watch(fired::countDown);

        assertThat(fired.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(run.running()).isFalse();
        assertThat(run.finish()).isFalse();
    }

    @Test
    void withoutATimeoutEveryRunCounts() {
        AnalysisWatchdog.Run run = AnalysisWatchdog.none().watch(() -> {
            throw new AssertionError("no timeout");
        });
        assertThat(run.running()).isTrue();
        assertThat(run.finish()).isTrue();
    }
}
