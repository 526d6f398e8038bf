package org.lungcad.server.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lungcad.server.delivery.DeliveryStatus;
import org.lungcad.server.delivery.ResultDelivery;
import org.lungcad.server.analysis.FindingSummary;
import org.lungcad.server.job.JobRepository;
import org.lungcad.server.job.JobState;
import org.lungcad.server.job.SeriesJob;
import org.lungcad.server.analysis.StageTiming;
import org.lungcad.server.analysis.VolumeSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Per-study and per-series status for hospital IT. Identifies studies by UID only: no patient data. */
@RestController
@RequestMapping("/api/studies")
class StudiesController {

    private static final Logger log = LoggerFactory.getLogger(StudiesController.class);

    private final JobRepository jobs;
    private final ResultDelivery delivery;

    StudiesController(JobRepository jobs, ResultDelivery delivery) {
        this.jobs = jobs;
        this.delivery = delivery;
    }

    private SeriesView view(SeriesJob j) {
        return new SeriesView(j.seriesInstanceUid(), j.modality(), j.instanceCount(), j.generation(), j.state(),
                j.reasonCode(), j.reasonDetail(), j.firstReceivedAt(), j.lastReceivedAt(), j.completedAt(),
                j.updatedAt(), j.volume(), j.algorithm(), j.findings(), j.reportSopInstanceUid(), delivery.status(j),
                j.timings());
    }

    record SeriesView(String seriesInstanceUid, String modality, int instances, int generation, JobState state,
                      String reasonCode, String reason, Instant firstReceivedAt, Instant lastReceivedAt,
                      Instant completedAt, Instant updatedAt, VolumeSummary volume, String algorithm,
                      List<FindingSummary> findings, String reportSopInstanceUid, List<DeliveryStatus> deliveries,
                      List<StageTiming> timingsMs) {
    }

    record StudyView(String studyInstanceUid, List<SeriesView> series) {
    }

    /** Most recent first; {@code limit} bounds the number of series read. */
    @GetMapping
    List<StudyView> studies(@RequestParam(defaultValue = "500") int limit) {
        Map<String, List<SeriesView>> byStudy = new LinkedHashMap<>();
        for (SeriesJob job : jobs.findAll(Math.max(1, Math.min(limit, 10_000)))) {
            byStudy.computeIfAbsent(job.studyInstanceUid(), k -> new ArrayList<>()).add(view(job));
        }
        return byStudy.entrySet().stream().map(e -> new StudyView(e.getKey(), e.getValue())).toList();
    }

    @GetMapping("/{study}/series/{series}")
    SeriesView series(@PathVariable String study, @PathVariable String series) {
        return view(job(study, series));
    }

    /** Sends the series' current results again to every destination, with the same SOP Instance UIDs. */
    @PostMapping("/{study}/series/{series}/resend")
    ResponseEntity<SeriesView> resend(@PathVariable String study, @PathVariable String series) {
        SeriesJob job = job(study, series);
        if (job.resultsDirectory() == null) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "the series has no results yet (state " + job.state() + ")");
        }
        if (!delivery.hasDestinations()) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "no destinations are configured (lungcad.destinations)");
        }
        log.info("operator requested re-sending the results of series {}", series);
        delivery.resend(job);
        return ResponseEntity.accepted().body(view(jobs.findBySeries(series).orElseThrow()));
    }

    private SeriesJob job(String study, String series) {
        return jobs.findBySeries(series)
                .filter(j -> j.studyInstanceUid().equals(study))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no such series"));
    }
}
