package org.lungcad.server.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.lungcad.dicom.series.ReceivedInstance;
import org.lungcad.dicom.series.SeriesAssembler;
import org.lungcad.dicom.spool.InstanceSpool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs once at start-up, before the DICOM listener accepts associations (the spool scan removes temporary files
 * of interrupted receptions, which must not race with new ones). After a restart (clean or {@code kill -9}): unfinished jobs are queued again, and spooled instances that no
 * job accounts for go back through series assembly, so an interrupted series completes when the sender resends
 * the rest — or after the quiet period if nothing more comes.
 */
@Component
class StartupRecovery implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StartupRecovery.class);

    private final JobRepository jobs;
    private final JobQueue queue;
    private final InstanceSpool spool;
    private final SeriesAssembler assembler;

    StartupRecovery(JobRepository jobs, JobQueue queue, InstanceSpool spool, SeriesAssembler assembler) {
        this.jobs = jobs;
        this.queue = queue;
        this.spool = spool;
        this.assembler = assembler;
    }

    private volatile boolean done;

    @Override
    public void start() {
        try {
            recover();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the spool " + spool.directory(), e);
        }
        done = true;
    }

    @Override
    public void stop() {
        done = false;
    }

    @Override
    public boolean isRunning() {
        return done;
    }

    /** Before {@code DicomListener} (default phase). */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1;
    }

    void recover() throws IOException {
        List<SeriesJob> unfinished = jobs.findByStates(EnumSet.complementOf(EnumSet.of(
                JobState.SKIPPED, JobState.DELIVERED, JobState.FAILED)));
        unfinished.forEach(queue::submit);

        Map<String, List<ReceivedInstance>> spooled = spool.scan().stream()
                .collect(Collectors.groupingBy(ReceivedInstance::seriesInstanceUid));
        int reassembled = 0;
        for (Map.Entry<String, List<ReceivedInstance>> series : spooled.entrySet()) {
            Optional<SeriesJob> job = jobs.findBySeries(series.getKey());
            if (job.isEmpty() || job.get().instanceCount() < series.getValue().size()) {
                series.getValue().forEach(assembler::accept);
                reassembled++;
            }
        }
        if (!unfinished.isEmpty() || reassembled > 0) {
            log.info("recovery: {} unfinished jobs queued again, {} spooled series re-assembled",
                    unfinished.size(), reassembled);
        }
    }
}
