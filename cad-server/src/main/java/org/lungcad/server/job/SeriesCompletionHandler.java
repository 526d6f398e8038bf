package org.lungcad.server.job;

import java.time.Clock;
import org.lungcad.dicom.series.CompletedSeries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Turns a completed (or re-opened and completed again) series into a persisted, queued job. */
@Component
public class SeriesCompletionHandler {

    private static final Logger log = LoggerFactory.getLogger(SeriesCompletionHandler.class);

    private final JobRepository jobs;
    private final JobQueue queue;
    private final Clock clock;

    SeriesCompletionHandler(JobRepository jobs, JobQueue queue, Clock clock) {
        this.jobs = jobs;
        this.queue = queue;
        this.clock = clock;
    }

    public void seriesCompleted(CompletedSeries series) {
        try {
            SeriesJob job = jobs.recordCompleted(series.studyInstanceUid(), series.seriesInstanceUid(),
                    series.modality(), series.instances().size(), series.firstReceivedAt(), series.lastReceivedAt(),
                    clock.instant());
            log.info("series {} complete: {} instances, generation {}", series.seriesInstanceUid(),
                    series.instances().size(), job.generation());
            queue.submit(job);
        } catch (RuntimeException e) {
            // the instances stay in the spool: the next start-up's recovery picks the series up again
            log.error("could not record completed series {}", series.seriesInstanceUid(), e);
        }
    }
}
