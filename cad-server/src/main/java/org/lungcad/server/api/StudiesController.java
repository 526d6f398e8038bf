package org.lungcad.server.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lungcad.server.job.FindingSummary;
import org.lungcad.server.job.JobRepository;
import org.lungcad.server.job.JobState;
import org.lungcad.server.job.SeriesJob;
import org.lungcad.server.job.StageTiming;
import org.lungcad.server.job.VolumeSummary;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Per-study and per-series status for hospital IT. Identifies studies by UID only: no patient data. */
@RestController
@RequestMapping("/api/studies")
class StudiesController {

    private final JobRepository jobs;

    StudiesController(JobRepository jobs) {
        this.jobs = jobs;
    }

    record SeriesView(String seriesInstanceUid, String modality, int instances, int generation, JobState state,
                      String reasonCode, String reason, Instant firstReceivedAt, Instant lastReceivedAt,
                      Instant completedAt, Instant updatedAt, VolumeSummary volume, String algorithm,
                      List<FindingSummary> findings, List<StageTiming> timingsMs) {

        static SeriesView of(SeriesJob j) {
            return new SeriesView(j.seriesInstanceUid(), j.modality(), j.instanceCount(), j.generation(), j.state(),
                    j.reasonCode(), j.reasonDetail(), j.firstReceivedAt(), j.lastReceivedAt(), j.completedAt(),
                    j.updatedAt(), j.volume(), j.algorithm(), j.findings(), j.timings());
        }
    }

    record StudyView(String studyInstanceUid, List<SeriesView> series) {
    }

    /** Most recent first; {@code limit} bounds the number of series read. */
    @GetMapping
    List<StudyView> studies(@RequestParam(defaultValue = "500") int limit) {
        Map<String, List<SeriesView>> byStudy = new LinkedHashMap<>();
        for (SeriesJob job : jobs.findAll(Math.max(1, Math.min(limit, 10_000)))) {
            byStudy.computeIfAbsent(job.studyInstanceUid(), k -> new ArrayList<>()).add(SeriesView.of(job));
        }
        return byStudy.entrySet().stream().map(e -> new StudyView(e.getKey(), e.getValue())).toList();
    }

    @GetMapping("/{study}/series/{series}")
    SeriesView series(@PathVariable String study, @PathVariable String series) {
        return jobs.findBySeries(series)
                .filter(j -> j.studyInstanceUid().equals(study))
                .map(SeriesView::of)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no such series"));
    }
}
