package org.lungcad.server.pipeline;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The analysis timeout ({@code lungcad.processing.analysis-timeout}). A run that outlives it is declared timed out:
 * its job is failed at once, with the reason, and the run stops at its next stage boundary; whatever it returns
 * later is discarded. The run's thread is not interrupted: libtorch's native calls ignore interrupts, and an
 * interrupt inside the embedded database's file I/O would close its file.
 */
final class AnalysisWatchdog {

    private final ScheduledExecutorService scheduler;
    private final Duration timeout;

    /** @param scheduler fires the timeouts; null with a zero timeout for none (offline tools and tests) */
    AnalysisWatchdog(ScheduledExecutorService scheduler, Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (!timeout.isZero() && scheduler == null) {
            throw new IllegalArgumentException("a timeout needs a scheduler");
        }
        this.scheduler = scheduler;
    }

    /** No timeout. */
    static AnalysisWatchdog none() {
        return new AnalysisWatchdog(null, Duration.ZERO);
    }

    Duration timeout() {
        return timeout;
    }

    /** Watches one run; {@code onTimeout} runs (on the scheduler) only if the run has not finished by then. */
    Run watch(Runnable onTimeout) {
        Run run = new Run();
        if (!timeout.isZero()) {
            run.timer = scheduler.schedule(() -> {
                if (run.state.compareAndSet(Run.RUNNING, Run.TIMED_OUT)) {
                    onTimeout.run();
                }
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        return run;
    }

    /** One watched run: exactly one of {@link #finish()} and the timeout wins. */
    static final class Run {
        private static final int RUNNING = 0;
        private static final int FINISHED = 1;
        private static final int TIMED_OUT = 2;

        private final AtomicInteger state = new AtomicInteger(RUNNING);
        private volatile ScheduledFuture<?> timer;

        /** Whether the run may go on (false once timed out). */
        boolean running() {
            return state.get() == RUNNING;
        }

        /** The run ended: true if its outcome counts, false if it had timed out already. */
        boolean finish() {
            ScheduledFuture<?> t = timer;
            if (t != null) {
                t.cancel(false);
            }
            return state.compareAndSet(RUNNING, FINISHED);
        }
    }
}
