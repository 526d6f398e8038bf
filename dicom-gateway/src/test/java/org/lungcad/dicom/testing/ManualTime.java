package org.lungcad.dicom.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Time that passes only when a test says so: a {@link Clock} and a {@link ScheduledExecutorService} whose timers
 * run on the test's own thread inside {@link #advance}, in due order. Timers that tests of time-driven code need,
 * without sleeping and without flakiness on a busy machine.
 */
public final class ManualTime {

    private final Object lock = new Object();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>(
            Comparator.comparing((Timer t) -> t.due).thenComparingLong(t -> t.sequence));
    private Instant now;
    private long sequence;

    public ManualTime(Instant start) {
        this.now = start;
    }

    public Instant now() {
        synchronized (lock) {
            return now;
        }
    }

    /** Moves time on, running every timer that falls due on the way (timers scheduled by timers included). */
    public void advance(Duration by) {
        Instant target;
        synchronized (lock) {
            target = now.plus(by);
        }
        while (true) {
            Timer next;
            synchronized (lock) {
                next = timers.peek();
                if (next == null || next.due.isAfter(target)) {
                    now = target;
                    return;
                }
                timers.poll();
                now = next.due;
            }
            next.run();
        }
    }

    /** Timers waiting (cancelled ones are removed at once). */
    public int pendingTimers() {
        synchronized (lock) {
            return timers.size();
        }
    }

    public Clock clock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException("manual time is UTC");
            }

            @Override
            public Instant instant() {
                return now();
            }
        };
    }

    public ScheduledExecutorService scheduler() {
        return new Scheduler();
    }

    private final class Timer implements ScheduledFuture<Object> {
        final Instant due;
        final long sequence;
        final Callable<?> task;
        boolean done;
        boolean cancelled;
        Object result;
        Throwable failure;

        Timer(Instant due, long sequence, Callable<?> task) {
            this.due = due;
            this.sequence = sequence;
            this.task = task;
        }

        void run() {
            try {
                result = task.call();
            } catch (Exception | Error e) {
                failure = e;
            }
            synchronized (lock) {
                done = true;
            }
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(Duration.between(now(), due));
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            synchronized (lock) {
                if (done) {
                    return false;
                }
                cancelled = true;
                done = true;
                return timers.remove(this);
            }
        }

        @Override
        public boolean isCancelled() {
            synchronized (lock) {
                return cancelled;
            }
        }

        @Override
        public boolean isDone() {
            synchronized (lock) {
                return done;
            }
        }

        @Override
        public Object get() throws ExecutionException {
            synchronized (lock) {
                if (cancelled) {
                    throw new CancellationException();
                }
                if (!done) {
                    throw new IllegalStateException("not due yet: advance the manual time");
                }
            }
            if (failure != null) {
                throw new ExecutionException(failure);
            }
            return result;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) throws ExecutionException, TimeoutException {
            if (!isDone()) {
                throw new TimeoutException("not due yet: advance the manual time");
            }
            return get();
        }
    }

    private final class Scheduler extends AbstractExecutorService implements ScheduledExecutorService {
        private boolean shutdown;

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            return schedule(() -> {
                command.run();
                return null;
            }, delay, unit);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
            synchronized (lock) {
                if (shutdown) {
                    throw new java.util.concurrent.RejectedExecutionException("shut down");
                }
                Timer t = new Timer(now.plusNanos(unit.toNanos(Math.max(0, delay))), sequence++, callable);
                timers.add(t);
                return (ScheduledFuture<V>) t;
            }
        }

        @Override
        public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
            throw new UnsupportedOperationException("not needed by the code under test");
        }

        @Override
        public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay,
                                                         TimeUnit unit) {
            throw new UnsupportedOperationException("not needed by the code under test");
        }

        @Override
        public void execute(Runnable command) {
            schedule(command, 0, TimeUnit.NANOSECONDS);
        }

        @Override
        public void shutdown() {
            synchronized (lock) {
                shutdown = true;
            }
        }

        @Override
        public List<Runnable> shutdownNow() {
            synchronized (lock) {
                shutdown = true;
                Collection<Timer> left = new ArrayList<>(timers);
                timers.clear();
                return left.stream().map(t -> (Runnable) t::run).toList();
            }
        }

        @Override
        public boolean isShutdown() {
            synchronized (lock) {
                return shutdown;
            }
        }

        @Override
        public boolean isTerminated() {
            return isShutdown();
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return isShutdown();
        }
    }
}
