package org.lungcad.dicom.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Quiet-period series completion with real timers: short periods, generous waits, no assertions on speed. */
class SeriesAssemblerTest {

    private static final Duration QUIET = Duration.ofMillis(200);
    private static final long WAIT_SECONDS = 10;

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final BlockingQueue<CompletedSeries> completed = new LinkedBlockingQueue<>();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void aSeriesCompletesAfterTheQuietPeriodWithAllItsInstances() throws InterruptedException {
        try (SeriesAssembler assembler = new SeriesAssembler(QUIET, Duration.ofMinutes(1), scheduler, completed::add)) {
            assembler.accept(instance("1.1", "1.1.1", 1));
            assembler.accept(instance("1.1", "1.1.2", 2));
            assembler.accept(instance("1.1", "1.1.3", 3));

            CompletedSeries series = next();

            assertThat(series.seriesInstanceUid()).isEqualTo("1.1");
            assertThat(series.generation()).isEqualTo(1);
            assertThat(series.instances()).extracting(ReceivedInstance::sopInstanceUid).containsExactly("1.1.1", "1.1.2", "1.1.3");
            assertThat(series.firstReceivedAt()).isEqualTo(at(1));
            assertThat(series.lastReceivedAt()).isEqualTo(at(3));
            assertThat(assembler.openSeriesCount()).isZero();
            assertThat(completed.poll(3 * QUIET.toMillis(), TimeUnit.MILLISECONDS)).as("completes once").isNull();
        }
    }

    @Test
    void eachInstanceRestartsTheQuietPeriod() throws InterruptedException {
        // instances 250 ms apart never let a 1.5 s quiet period elapse (wide margins for a busy machine)
        try (SeriesAssembler assembler = new SeriesAssembler(Duration.ofMillis(1500), Duration.ofMinutes(1), scheduler,
                completed::add)) {
            for (int i = 1; i <= 8; i++) {
                assembler.accept(instance("1.1", "1.1." + i, i));
                Thread.sleep(250);
            }
            CompletedSeries series = next();
            assertThat(series.generation()).isEqualTo(1);
            assertThat(series.instances()).hasSize(8);
        }
    }

    @Test
    void aResendReplacesAndIsNotCountedTwice() throws InterruptedException {
        try (SeriesAssembler assembler = new SeriesAssembler(QUIET, Duration.ofMinutes(1), scheduler, completed::add)) {
            assembler.accept(instance("1.1", "1.1.1", 1));
            assembler.accept(instance("1.1", "1.1.2", 2));
            ReceivedInstance resend = new ReceivedInstance(Path.of("resend.dcm"), "9", "1.1", "1.1.1",
                    QualificationRules.CT_IMAGE_STORAGE, "CT", "", "PACS", at(5));
            assembler.accept(resend);

            CompletedSeries series = next();

            assertThat(series.instances()).hasSize(2).contains(resend);
        }
    }

    @Test
    void aLateInstanceReopensTheSeriesAsTheNextGenerationWithAllInstances() throws InterruptedException {
        try (SeriesAssembler assembler = new SeriesAssembler(QUIET, Duration.ofMinutes(1), scheduler, completed::add)) {
            assembler.accept(instance("1.1", "1.1.1", 1));
            assembler.accept(instance("1.1", "1.1.2", 2));
            assertThat(next().generation()).isEqualTo(1);

            assembler.accept(instance("1.1", "1.1.3", 30));
            assertThat(assembler.openSeriesCount()).isLessThanOrEqualTo(1);
            CompletedSeries reopened = next();

            assertThat(reopened.generation()).isEqualTo(2);
            assertThat(reopened.instances()).extracting(ReceivedInstance::sopInstanceUid).containsExactly("1.1.1", "1.1.2", "1.1.3");
        }
    }

    @Test
    void interleavedSeriesCompleteSeparately() throws InterruptedException {
        try (SeriesAssembler assembler = new SeriesAssembler(QUIET, Duration.ofMinutes(1), scheduler, completed::add)) {
            for (int i = 1; i <= 4; i++) {
                assembler.accept(instance("1.1", "1.1." + i, i));
                assembler.accept(instance("2.2", "2.2." + i, i));
            }

            List<CompletedSeries> both = List.of(next(), next());

            assertThat(both).extracting(CompletedSeries::seriesInstanceUid).containsExactlyInAnyOrder("1.1", "2.2");
            for (CompletedSeries series : both) {
                assertThat(series.instances()).hasSize(4)
                        .allSatisfy(i -> assertThat(i.seriesInstanceUid()).isEqualTo(series.seriesInstanceUid()));
                assertThat(series.generation()).isEqualTo(1);
            }
        }
    }

    @Test
    void aSeriesIsOpenUntilItsQuietPeriodElapses() {
        try (SeriesAssembler assembler = new SeriesAssembler(Duration.ofMinutes(5), Duration.ofMinutes(1), scheduler, completed::add)) {
            assembler.accept(instance("1.1", "1.1.1", 1));
            assembler.accept(instance("2.2", "2.2.1", 1));
            assembler.accept(instance("2.2", "2.2.2", 2));

            assertThat(assembler.openSeriesCount()).isEqualTo(2);
            assertThat(assembler.trackedSeriesCount()).isEqualTo(2);
            assertThat(completed).isEmpty();
        }
    }

    @Test
    void aCompletedSeriesIsEvictedAfterRetentionAndALaterInstanceStartsAfresh() throws InterruptedException {
        try (SeriesAssembler assembler = new SeriesAssembler(QUIET, Duration.ofMillis(300), scheduler, completed::add)) {
            assembler.accept(instance("1.1", "1.1.1", 1));
            assembler.accept(instance("1.1", "1.1.2", 2));
            assertThat(next().generation()).isEqualTo(1);

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (assembler.trackedSeriesCount() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(assembler.trackedSeriesCount()).isZero();

            assembler.accept(instance("1.1", "1.1.3", 40));
            CompletedSeries fresh = next();
            assertThat(fresh.generation()).isEqualTo(1);
            assertThat(fresh.instances()).extracting(ReceivedInstance::sopInstanceUid).containsExactly("1.1.3");
        }
    }

    @Test
    void theCallbackDoesNotBlockAccept() throws Exception {
        CountDownLatch callbackStarted = new CountDownLatch(1);
        CountDownLatch releaseCallback = new CountDownLatch(1);
        try (SeriesAssembler assembler = new SeriesAssembler(QUIET, Duration.ofMinutes(1), scheduler, series -> {
            callbackStarted.countDown();
            try {
                releaseCallback.await(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            completed.add(series);
        })) {
            assembler.accept(instance("1.1", "1.1.1", 1));
            assertThat(callbackStarted.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

            // accept from another thread while the callback is still running: it must not wait for it
            CompletableFuture<Integer> accepted = CompletableFuture.supplyAsync(() -> {
                assembler.accept(instance("2.2", "2.2.1", 2));
                return assembler.openSeriesCount();
            });
            assertThat(accepted.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(1);
            releaseCallback.countDown();
            assertThat(next().seriesInstanceUid()).isEqualTo("1.1");
        }
    }

    @Test
    void aFailingCallbackDoesNotStopLaterCompletions() throws InterruptedException {
        try (SeriesAssembler assembler = new SeriesAssembler(QUIET, Duration.ofMinutes(1), scheduler, series -> {
            completed.add(series);
            throw new IllegalStateException("consumer failed (expected by this test)");
        })) {
            assembler.accept(instance("1.1", "1.1.1", 1));
            assertThat(next().seriesInstanceUid()).isEqualTo("1.1");
            assembler.accept(instance("2.2", "2.2.1", 2));
            assertThat(next().seriesInstanceUid()).isEqualTo("2.2");
        }
    }

    @Test
    void aClosedAssemblerRefusesInstancesAndBadDurationsAreRejected() {
        SeriesAssembler assembler = new SeriesAssembler(QUIET, Duration.ofMinutes(1), scheduler, completed::add);
        assembler.close();
        assertThatThrownBy(() -> assembler.accept(instance("1.1", "1.1.1", 1))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new SeriesAssembler(Duration.ZERO, Duration.ofMinutes(1), scheduler, completed::add))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private CompletedSeries next() throws InterruptedException {
        CompletedSeries series = completed.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(series).as("a series completed within " + WAIT_SECONDS + " s").isNotNull();
        return series;
    }

    private static ReceivedInstance instance(String seriesUid, String sopUid, int second) {
        return new ReceivedInstance(Path.of(sopUid + ".dcm"), "9", seriesUid, sopUid,
                QualificationRules.CT_IMAGE_STORAGE, "CT", "1.2.840.10008.1.2.1", "PACS", at(second));
    }

    private static Instant at(int second) {
        return Instant.parse("2026-01-01T00:00:00Z").plusSeconds(second);
    }
}
