package org.lungcad.server.job;

import java.time.Clock;
import java.util.stream.Collectors;
import org.lungcad.dicom.series.CompletedSeries;
import org.lungcad.dicom.series.ReceivedInstance;
import org.lungcad.server.audit.AuditEvent;
import org.lungcad.server.audit.AuditEventType;
import org.lungcad.server.audit.AuditTrail;
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
    private final AuditTrail audit;

    SeriesCompletionHandler(JobRepository jobs, JobQueue queue, Clock clock, AuditTrail audit) {
        this.jobs = jobs;
        this.queue = queue;
        this.clock = clock;
        this.audit = audit;
    }

    public void seriesCompleted(CompletedSeries series) {
        String senders = series.instances().stream().map(ReceivedInstance::callingAeTitle).distinct().sorted()
                .collect(Collectors.joining("\\"));
        audit.record(AuditEvent.of(clock.instant(), AuditEventType.INSTANCES_RECEIVED, AuditEvent.Action.C,
                        AuditEvent.Outcome.SUCCESS)
                .withDescription("series complete, generation " + series.generation() + ", received "
                        + series.firstReceivedAt() + " to " + series.lastReceivedAt())
                .withParticipants(AuditEvent.Participant.ae(senders), null)
                .withSeries(series.studyInstanceUid(), series.seriesInstanceUid(), series.instances().size()));
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
