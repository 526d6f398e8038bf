package org.lungcad.server.api;

import java.util.Arrays;
import java.util.List;
import org.lungcad.server.dicom.DicomListener;
import org.lungcad.server.job.JobQueue;
import org.lungcad.server.job.JobRepository;
import org.lungcad.server.job.JobState;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Queue depth and job counts per state, for dashboards that do not scrape Prometheus. */
@RestController
class StatusController {

    private final JobRepository jobs;
    private final JobQueue queue;
    private final DicomListener listener;

    StatusController(JobRepository jobs, JobQueue queue, DicomListener listener) {
        this.jobs = jobs;
        this.queue = queue;
        this.listener = listener;
    }

    record StateCount(JobState state, long jobs) {
    }

    record Status(String aeTitle, int dicomPort, int activeAssociations, int queueDepth, List<StateCount> jobs) {
    }

    @GetMapping("/api/status")
    Status status() {
        List<StateCount> counts = Arrays.stream(JobState.values())
                .map(s -> new StateCount(s, jobs.countByState(s))).toList();
        return new Status(listener.aeTitle(), listener.port(), listener.activeAssociations(), queue.depth(), counts);
    }
}
