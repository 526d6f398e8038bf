package org.lungcad.dicom.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.lungcad.dicom.testing.ManualTime;

/** Quiet-period series completion on manual time: the test moves the clock, the timers fire in order. */
class SeriesAssemblerTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration QUIET = Duration.ofSeconds(2);
    private static final Duration RETENTION = Duration.ofHours(24);

    private final ManualTime time = new ManualTime(T0);
    private final List<CompletedSeries> completed = new ArrayList<>();

    private SeriesAssembler assembler(Duration quiet, Duration retention) {
        return new SeriesAssembler(quiet, retention, time.scheduler(), time.clock(), completed::add);
    }

    @Test
    void aSeriesCompletesWhenTheQuietPeriodHasPassedWithAllItsInstances() {
        try (SeriesAssembler assembler = assembler(QUIET, RETENTION)) {
            assembler.accept(instance("1.1", "1.1.1", 1));
            assembler.accept(instance("1.1", "1.1.2", 2));
            assembler.accept(instance("1.1", "1.1.3", 3));

            time.advance(QUIET.minusMillis(1));
            assertThat(completed).as("one millisecond before the quiet period ends").isEmpty();
            assertThat(assembler.openSeriesCount()).isEqualTo(1);
            time.advance(Duration.ofMillis(1));

            CompletedSeries series = completed.get(0);
            assertThat(series.seriesInstanceUid()).isEqualTo("1.1");
            assertThat(series.generation()).isEqualTo(1);
            assertThat(series.instances()).extracting(ReceivedInstance::sopInstanceUid)
                    .containsExactly("1.1.1", "1.1.2", "1.1.3");
            assertThat(series.firstReceivedAt()).isEqualTo(at(1));
            assertThat(series.lastReceivedAt()).isEqualTo(at(3));
            assertThat(assembler.openSeriesCount()).isZero();
            time.advance(QUIET.multipliedBy(10));
            assertThat(completed).as("completes once").hasSize(1);
        }
    }

    @Test
    void eachInstanceRestartsTheQuietPeriod() {
        try (SeriesAssembler assembler = assembler(QUIET, RETENTION)) {
            for (int i = 1; i <= 8; i++) {
                assembler.accept(instance("1.1", "1.1." + i, i));
                time.advance(QUIET.minusMillis(100));
            }
            assertThat(completed).as("instances 1.9 s apart never let 2 s pass").isEmpty();

            time.advance(Duration.ofMillis(100));
            assertThat(completed).singleElement().satisfies(s -> {
                assertThat(s.generation()).isEqualTo(1);
                assertThat(s.instances()).hasSize(8);
            });
        }
    }

    @Test
    void oneTimerPerQuietPeriodNotOnePerInstance() {
        try (SeriesAssembler assembler = assembler(QUIET, RETENTION)) {
            for (int i = 1; i <= 500; i++) {
                assembler.accept(instance("1.1", "1.1." + i, i));
            }
            assertThat(time.pendingTimers()).isEqualTo(1);
        }
    }

    @Test
    void aResendReplacesAndIsNotCountedTwice() {
        try (SeriesAssembler assembler = assembler(QUIET, RETENTION)) {
            assembler.accept(instance("1.1", "1.1.1", 1));
            assembler.accept(instance("1.1", "1.1.2", 2));
            ReceivedInstance resend = new ReceivedInstance(Path.of("resend.dcm"), "9", "1.1", "1.1.1",
                    QualificationRules.CT_IMAGE_STORAGE, "CT", "", "PACS", at(5));
            assembler.accept(resend);

            time.advance(QUIET);

            assertThat(completed).singleElement()
                    .satisfies(s -> assertThat(s.instances()).hasSize(2).contains(resend));
        }
    }

    @Test
    void aLateInstanceReopensTheSeriesAsTheNextGenerationWithAllInstances() {
        try (SeriesAssembler assembler = assembler(QUIET, RETENTION)) {
            assembler.accept(instance("1.1", "1.1.1", 1));
            assembler.accept(instance("1.1", "1.1.2", 2));
            time.advance(QUIET);
            assertThat(completed).extracting(CompletedSeries::generation).containsExactly(1);

            time.advance(Duration.ofMinutes(30));
            assembler.accept(instance("1.1", "1.1.3", 1800));
            assertThat(assembler.openSeriesCount()).isEqualTo(1);
            time.advance(QUIET);

            assertThat(completed).hasSize(2);
            CompletedSeries reopened = completed.get(1);
            assertThat(reopened.generation()).isEqualTo(2);
            assertThat(reopened.instances()).extracting(ReceivedInstance::sopInstanceUid)
                    .containsExactly("1.1.1", "1.1.2", "1.1.3");
        }
    }

    @Test
    void interleavedSeriesCompleteSeparately() {
        try (SeriesAssembler assembler = assembler(QUIET, RETENTION)) {
            for (int i = 1; i <= 4; i++) {
                assembler.accept(instance("1.1", "1.1." + i, i));
                assembler.accept(instance("2.2", "2.2." + i, i));
            }
            assertThat(assembler.openSeriesCount()).isEqualTo(2);

            time.advance(QUIET);

            assertThat(completed).extracting(CompletedSeries::seriesInstanceUid).containsExactlyInAnyOrder("1.1", "2.2");
            for (CompletedSeries series : completed) {
                assertThat(series.instances()).hasSize(4)
                        .allSatisfy(i -> assertThat(i.seriesInstanceUid()).isEqualTo(series.seriesInstanceUid()));
                assertThat(series.generation()).isEqualTo(1);
            }
        }
    }

    @Test
    void aCompletedSeriesIsForgottenAfterRetentionAndALaterInstanceStartsAfresh() {
        try (SeriesAssembler assembler = assembler(QUIET, Duration.ofHours(1))) {
            assembler.accept(instance("1.1", "1.1.1", 1));
            assembler.accept(instance("1.1", "1.1.2", 2));
            time.advance(QUIET);
            assertThat(assembler.trackedSeriesCount()).isEqualTo(1);

            time.advance(Duration.ofMinutes(59));
            assertThat(assembler.trackedSeriesCount()).as("still within retention").isEqualTo(1);
            time.advance(Duration.ofMinutes(1));
            assertThat(assembler.trackedSeriesCount()).isZero();

            assembler.accept(instance("1.1", "1.1.3", 4000));
            time.advance(QUIET);
            CompletedSeries fresh = completed.get(1);
            assertThat(fresh.generation()).isEqualTo(1);
            assertThat(fresh.instances()).extracting(ReceivedInstance::sopInstanceUid).containsExactly("1.1.3");
        }
    }

    @Test
    void anInstanceWithinRetentionKeepsTheSeriesFromBeingForgotten() {
        try (SeriesAssembler assembler = assembler(QUIET, Duration.ofHours(1))) {
            assembler.accept(instance("1.1", "1.1.1", 1));
            time.advance(QUIET);
            time.advance(Duration.ofMinutes(50));
            assembler.accept(instance("1.1", "1.1.2", 3000)); // re-opens: generation 2
            time.advance(Duration.ofMinutes(15)); // the first retention timer is now stale

            assertThat(assembler.trackedSeriesCount()).isEqualTo(1);
            assertThat(completed).extracting(CompletedSeries::generation).containsExactly(1, 2);
        }
    }

    @Test
    void theCallbackDoesNotBlockAccept() throws Exception {
        CountDownLatch callbackStarted = new CountDownLatch(1);
        CountDownLatch releaseCallback = new CountDownLatch(1);
        try (SeriesAssembler assembler = new SeriesAssembler(QUIET, RETENTION, time.scheduler(), time.clock(),
                series -> {
                    callbackStarted.countDown();
                    try {
                        releaseCallback.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                })) {
            assembler.accept(instance("1.1", "1.1.1", 1));
            // the timer thread (here: the one moving time) is held inside the callback
            CompletableFuture<Void> timerThread = CompletableFuture.runAsync(() -> time.advance(QUIET));
            assertThat(callbackStarted.await(30, TimeUnit.SECONDS)).isTrue();

            assembler.accept(instance("2.2", "2.2.1", 2));
            assertThat(assembler.openSeriesCount()).isEqualTo(1);

            releaseCallback.countDown();
            timerThread.get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aFailingCallbackDoesNotStopLaterCompletions() {
        try (SeriesAssembler assembler = new SeriesAssembler(QUIET, RETENTION, time.scheduler(), time.clock(),
                series -> {
                    completed.add(series);
                    throw new IllegalStateException("consumer failed (expected by this test)");
                })) {
            assembler.accept(instance("1.1", "1.1.1", 1));
            time.advance(QUIET);
            assembler.accept(instance("2.2", "2.2.1", 2));
            time.advance(QUIET);

            assertThat(completed).extracting(CompletedSeries::seriesInstanceUid).containsExactly("1.1", "2.2");
        }
    }

    @Test
    void closingForgetsOpenSeriesWithoutCompletingThem() {
        SeriesAssembler assembler = assembler(QUIET, RETENTION);
        assembler.accept(instance("1.1", "1.1.1", 1));

        assembler.close();
        time.advance(QUIET.multipliedBy(5));

        assertThat(completed).isEmpty();
        assertThat(time.pendingTimers()).isZero();
        assertThatThrownBy(() -> assembler.accept(instance("1.1", "1.1.2", 2))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void quietPeriodAndRetentionMustBePositive() {
        assertThatThrownBy(() -> assembler(Duration.ZERO, RETENTION)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> assembler(QUIET, Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    private static ReceivedInstance instance(String seriesUid, String sopUid, int second) {
        return new ReceivedInstance(Path.of(sopUid + ".dcm"), "9", seriesUid, sopUid,
                QualificationRules.CT_IMAGE_STORAGE, "CT", "1.2.840.10008.1.2.1", "PACS", at(second));
    }

    private static Instant at(int second) {
        return T0.plusSeconds(second);
    }
}
