package org.lungcad.server.job;

import org.lungcad.server.analysis.FindingSummary;
import org.lungcad.server.analysis.StageTiming;
import org.lungcad.server.analysis.VolumeSummary;
import java.time.Instant;
import java.util.List;

/**
 * The persisted state of one CT series' analysis. One job per Series Instance UID: late instances
 * re-open it (generation + 1) instead of creating a competing job.
 */
public record SeriesJob(
        long id,
        String studyInstanceUid,
        String seriesInstanceUid,
        String modality,
        int instanceCount,
        int generation,
        JobState state,
        String reasonCode,
        String reasonDetail,
        Instant firstReceivedAt,
        Instant lastReceivedAt,
        Instant completedAt,
        Instant updatedAt,
        VolumeSummary volume,
        String algorithm,
        List<FindingSummary> findings,
        String resultsDirectory,
        String reportSopInstanceUid,
        List<StageTiming> timings) {

    SeriesJob withTimings(List<StageTiming> stageTimings) {
        return new SeriesJob(id, studyInstanceUid, seriesInstanceUid, modality, instanceCount, generation, state,
                reasonCode, reasonDetail, firstReceivedAt, lastReceivedAt, completedAt, updatedAt, volume, algorithm,
                findings, resultsDirectory, reportSopInstanceUid, List.copyOf(stageTimings));
    }
}
