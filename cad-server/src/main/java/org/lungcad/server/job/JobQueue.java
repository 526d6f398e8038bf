package org.lungcad.server.job;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.lungcad.server.config.LungCadProperties;
import org.lungcad.server.pipeline.SeriesPipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Runs series jobs on a fixed number of workers. The queue itself lives in memory; the job table is the
 * durable record, so a restart rebuilds the queue from the jobs that had not finished.
 */
@Component
public class JobQueue implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(JobQueue.class);

    private final SeriesPipeline pipeline;
    private final ThreadPoolExecutor workers;
    private final Set<String> queuedSeries = ConcurrentHashMap.newKeySet();

    JobQueue(LungCadProperties properties, SeriesPipeline pipeline, MeterRegistry meters) {
        this.pipeline = pipeline;
        int n = properties.processing().workers();
        AtomicInteger count = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(n, n, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "series-worker-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
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
            try {
                pipeline.process(series);
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
