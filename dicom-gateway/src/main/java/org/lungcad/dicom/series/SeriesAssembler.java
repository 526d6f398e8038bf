package org.lungcad.dicom.series;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Groups received instances by Series Instance UID and declares a series complete when no instance of it
 * arrived for the quiet period (DICOM has no end-of-series signal). A late instance re-opens a completed
 * series, which then completes again with the next generation and all its instances. A completed series is
 * forgotten after the retention period; an instance arriving later than that starts a new generation 1.
 *
 * <p>Thread-safe. {@link #accept} only updates a map under a short lock (it arms a timer only when a series
 * opens), so it can run on association threads; {@code onCompleted} runs on the scheduler, outside the lock. If the consumer
 * is slower than the quiet period, two generations of one series may be delivered concurrently: the
 * generation number orders them.
 *
 * <p>Time comes from the {@link Clock} and the timers from the scheduler, both passed in, so that a test can drive
 * both by hand.
 */
public final class SeriesAssembler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SeriesAssembler.class);

    private final Duration quietPeriod;
    private final Duration retention;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Consumer<CompletedSeries> onCompleted;
    private final Object lock = new Object();
    private final Map<String, SeriesState> series = new HashMap<>();
    private boolean closed;

    /** What is known of one series; guarded by {@code lock}. */
    private static final class SeriesState {
        final String studyInstanceUid;
        final Map<String, ReceivedInstance> instances = new LinkedHashMap<>();
        /** File size per SOP instance, and their sum. */
        final Map<String, Long> sizes = new HashMap<>();
        long bytes;
        int completedGenerations;
        boolean open;
        Instant lastAccept;
        /** Bumped by every accepted instance, so that a retention timer scheduled before it knows it is stale. */
        long version;
        /** The pending quiet-period check while open, the retention timer once completed. */
        ScheduledFuture<?> timer;

        SeriesState(String studyInstanceUid) {
            this.studyInstanceUid = studyInstanceUid;
        }
    }

    public SeriesAssembler(Duration quietPeriod, Duration retention, ScheduledExecutorService scheduler, Clock clock,
                           Consumer<CompletedSeries> onCompleted) {
        this.quietPeriod = positive(quietPeriod, "quietPeriod");
        this.retention = positive(retention, "retention");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.onCompleted = Objects.requireNonNull(onCompleted, "onCompleted");
    }

    /** Adds an instance; a resend of the same SOP Instance UID replaces the earlier one. */
    public void accept(ReceivedInstance instance) {
        Objects.requireNonNull(instance, "instance");
        long size = sizeOf(instance.file());
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("the series assembler is closed");
            }
            SeriesState state = series.computeIfAbsent(instance.seriesInstanceUid(),
                    uid -> new SeriesState(instance.studyInstanceUid()));
            state.instances.put(instance.sopInstanceUid(), instance);
            Long replaced = state.sizes.put(instance.sopInstanceUid(), size);
            state.bytes += size - (replaced == null ? 0 : replaced);
            state.lastAccept = clock.instant();
            state.version++;
            if (!state.open) {
                // one timer per quiet period, not one per instance: the check re-arms itself if needed
                state.open = true;
                cancel(state);
                schedule(state, instance.seriesInstanceUid(), quietPeriod.toNanos());
            }
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0; // a test's path, or a file already gone: counts nothing
        }
    }

    /** Series that received an instance within their quiet period and have not completed since. */
    public int openSeriesCount() {
        synchronized (lock) {
            return (int) series.values().stream().filter(s -> s.open).count();
        }
    }

    /**
     * Why {@code instance} (spooled, not yet accepted) would make its series exceed {@code maxInstances} or
     * {@code maxBytes}, or empty: never for a resend of an instance the series holds (it replaces it), otherwise when
     * the series (open, or completed within its retention) already holds that many instances, or its files and this
     * one's exceed the bytes.
     */
    public Optional<String> exceededLimit(ReceivedInstance instance, int maxInstances, long maxBytes) {
        String seriesInstanceUid = instance.seriesInstanceUid();
        long bytes = sizeOf(instance.file());
        synchronized (lock) {
            SeriesState state = series.get(seriesInstanceUid);
            if (state == null || state.instances.containsKey(instance.sopInstanceUid())) {
                return Optional.empty();
            }
            if (state.instances.size() >= maxInstances) {
                return Optional.of("series " + seriesInstanceUid + " already holds " + state.instances.size()
                        + " instances");
            }
            if (state.bytes + bytes > maxBytes) {
                return Optional.of("series " + seriesInstanceUid + " already holds " + (state.bytes >= 1 << 20
                        ? (state.bytes >> 20) + " MB" : state.bytes + " bytes"));
            }
            return Optional.empty();
        }
    }

    /** Series still remembered: open ones and completed ones within their retention period. */
    public int trackedSeriesCount() {
        synchronized (lock) {
            return series.size();
        }
    }

    /**
     * Stops all timers and forgets every series; open series are not completed (their instances stay in
     * the spool, from which a restart re-feeds them). The scheduler belongs to the caller and stays running.
     */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            series.values().forEach(SeriesAssembler::cancel);
            series.clear();
        }
    }

    private void quietPeriodElapsed(String seriesInstanceUid) {
        CompletedSeries completed;
        synchronized (lock) {
            SeriesState state = series.get(seriesInstanceUid);
            if (closed || state == null || !state.open) {
                return;
            }
            long remaining = Duration.between(clock.instant(), state.lastAccept.plus(quietPeriod)).toNanos();
            if (remaining > 0) {
                schedule(state, seriesInstanceUid, remaining);
                return;
            }
            state.open = false;
            state.completedGenerations++;
            completed = snapshot(seriesInstanceUid, state);
            long version = state.version;
            state.timer = scheduler.schedule(() -> retentionElapsed(seriesInstanceUid, version),
                    retention.toNanos(), TimeUnit.NANOSECONDS);
        }
        try {
            onCompleted.accept(completed);
        } catch (RuntimeException e) {
            // the consumer's failure must not kill the scheduler thread; the series stays retained
            LOG.error("completion handler failed for series {} generation {}", seriesInstanceUid,
                    completed.generation(), e);
        }
    }

    private void schedule(SeriesState state, String seriesInstanceUid, long delayNanos) {
        state.timer = scheduler.schedule(() -> quietPeriodElapsed(seriesInstanceUid), delayNanos, TimeUnit.NANOSECONDS);
    }

    private void retentionElapsed(String seriesInstanceUid, long version) {
        synchronized (lock) {
            SeriesState state = series.get(seriesInstanceUid);
            if (state != null && state.version == version && !state.open) {
                series.remove(seriesInstanceUid);
            }
        }
    }

    private static CompletedSeries snapshot(String seriesInstanceUid, SeriesState state) {
        List<ReceivedInstance> instances = new ArrayList<>(state.instances.values());
        Instant first = instances.stream().map(ReceivedInstance::receivedAt).min(Instant::compareTo).orElseThrow();
        Instant last = instances.stream().map(ReceivedInstance::receivedAt).max(Instant::compareTo).orElseThrow();
        return new CompletedSeries(state.studyInstanceUid, seriesInstanceUid, instances,
                state.completedGenerations, first, last);
    }

    private static void cancel(SeriesState state) {
        if (state.timer != null) {
            state.timer.cancel(false);
            state.timer = null;
        }
    }

    private static Duration positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
        return d;
    }
}
