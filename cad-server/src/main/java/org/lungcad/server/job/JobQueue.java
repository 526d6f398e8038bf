package org.lungcad.server.job;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.DisposableBean;

/**
 * Runs series jobs on a fixed number of workers. The queue itself lives in memory; the job table is the
 * durable record, so a restart rebuilds the queue from the jobs that had not finished. The workers' pool is passed
 * in: as many threads as the detector runtime has detectors, so that that many series are analysed at once.
 */
public class JobQueue implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(JobQueue.class);
    /**
     * The log lines' correlation id (MDC key): the Series Instance UID of the job a thread works on, as
     * {@code /api/studies} and the audit trail name it.
     */
    public static final String CORRELATION = "correlation";

    private final JobProcessor processor;
    private final ThreadPoolExecutor workers;
    private final Set<String> queuedSeries = ConcurrentHashMap.newKeySet();

    public JobQueue(JobProcessor processor, ThreadPoolExecutor seriesWorkers, MeterRegistry meters) {
        this.processor = processor;
        this.workers = seriesWorkers;
        Gauge.builder("lungcad.jobs.queued", workers, w -> w.getQueue().size())
                .description("series jobs waiting for a worker").register(meters);
        Gauge.builder("lungcad.jobs.running", workers, ThreadPoolExecutor::getActiveCount)
                .description("series jobs being processed").register(meters);
    }

    /** Queues the series once; a series already waiting is not queued twice (it will read its latest state). */
    public void submit(SeriesJob job) {
        String series = job.seriesInstanceUid();
        if (!queuedSeries.add(series)) {
            return;
        }
        workers.execute(() -> {
            queuedSeries.remove(series);
            try (MDC.MDCCloseable correlation = MDC.putCloseable(CORRELATION, series)) {
                processor.process(series);
            } catch (InterruptedException e) {
                // stopping: the job keeps its state and start-up recovery queues it again
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.error("series {} failed unexpectedly", series, e);
            }
        });
    }

    public int depth() {
        return workers.getQueue().size();
    }

    @Override
    public void destroy() throws InterruptedException {
        workers.shutdownNow();
        workers.awaitTermination(10, TimeUnit.SECONDS);
    }
}
