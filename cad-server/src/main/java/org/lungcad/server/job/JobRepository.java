package org.lungcad.server.job;

import org.lungcad.server.analysis.FindingSummary;
import org.lungcad.server.analysis.StageTiming;
import org.lungcad.server.analysis.VolumeSummary;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Jobs in the embedded database. Every state change names the generation it belongs to, so a worker
 * still busy with an older generation cannot overwrite the state of a series that late instances re-opened.
 */
@Repository
public class JobRepository {

    private static final String SELECT = "SELECT * FROM series_job ";

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    JobRepository(JdbcClient jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** Records a (re-)completed series as RECEIVED, creating its job or starting a new generation of it. */
    @Transactional
    public SeriesJob recordCompleted(String studyUid, String seriesUid, String modality, int instanceCount,
                                     Instant firstReceivedAt, Instant lastReceivedAt, Instant completedAt) {
        Optional<SeriesJob> existing = findBySeries(seriesUid);
        if (existing.isEmpty()) {
            jdbc.sql("""
                    INSERT INTO series_job (study_instance_uid, series_instance_uid, modality, instance_count, generation,
                        state, first_received_at, last_received_at, completed_at, updated_at)
                    VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?)""")
                    .params(studyUid, seriesUid, modality, instanceCount, JobState.RECEIVED.name(),
                            ts(firstReceivedAt), ts(lastReceivedAt), ts(completedAt), ts(completedAt))
                    .update();
        } else {
            jdbc.sql("""
                    UPDATE series_job SET instance_count = ?, generation = generation + 1, state = ?, reason_code = NULL,
                        reason_detail = NULL, last_received_at = ?, completed_at = ?, updated_at = ?,
                        algorithm = NULL, findings_json = NULL, results_dir = NULL,
                        report_sop_instance_uid = NULL, volume_columns = NULL, volume_rows = NULL, volume_slices = NULL, spacing_x_mm = NULL,
                        spacing_y_mm = NULL, spacing_z_mm = NULL, hu_min = NULL, hu_max = NULL
                    WHERE id = ?""")
                    .params(instanceCount, JobState.RECEIVED.name(), ts(lastReceivedAt), ts(completedAt),
                            ts(completedAt), existing.get().id())
                    .update();
        }
        return findBySeries(seriesUid).orElseThrow();
    }

    /** Moves a job to a state; false when the job has meanwhile moved to a newer generation. */
    public boolean transition(long id, int generation, JobState state, String reasonCode, String reasonDetail) {
        return jdbc.sql("""
                UPDATE series_job SET state = ?, reason_code = ?, reason_detail = ?, updated_at = ?
                WHERE id = ? AND generation = ?""")
                .params(state.name(), reasonCode, truncate(reasonDetail, 2000), ts(clock.instant()), id, generation)
                .update() == 1;
    }

    public void recordVolume(long id, int generation, VolumeSummary v) {
        jdbc.sql("""
                UPDATE series_job SET volume_columns = ?, volume_rows = ?, volume_slices = ?, spacing_x_mm = ?,
                    spacing_y_mm = ?, spacing_z_mm = ?, hu_min = ?, hu_max = ?, updated_at = ?
                WHERE id = ? AND generation = ?""")
                .params(v.columns(), v.rows(), v.slices(), v.spacingXMm(), v.spacingYMm(), v.spacingZMm(),
                        v.huMin(), v.huMax(), ts(clock.instant()), id, generation)
                .update();
    }

    public void recordFindings(long id, int generation, String algorithm, List<FindingSummary> findings) {
        String document;
        try {
            document = json.writeValueAsString(findings);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("findings cannot be serialised", e);
        }
        jdbc.sql("UPDATE series_job SET algorithm = ?, findings_json = ?, updated_at = ? WHERE id = ? AND generation = ?")
                .params(algorithm, document, ts(clock.instant()), id, generation)
                .update();
    }

    public void recordResults(long id, int generation, String resultsDirectory, String reportSopInstanceUid) {
        jdbc.sql("""
                UPDATE series_job SET results_dir = ?, report_sop_instance_uid = ?, updated_at = ?
                WHERE id = ? AND generation = ?""")
                .params(resultsDirectory, reportSopInstanceUid, ts(clock.instant()), id, generation)
                .update();
    }

    public void recordTiming(long id, int generation, StageTiming timing) {
        jdbc.sql("""
                INSERT INTO stage_timing (job_id, generation, seq, stage, millis)
                SELECT ?, ?, COALESCE(MAX(seq), 0) + 1, ?, ? FROM stage_timing WHERE job_id = ? AND generation = ?""")
                .params(id, generation, timing.stage(), timing.millis(), id, generation)
                .update();
    }

    public Optional<SeriesJob> findBySeries(String seriesUid) {
        return withTimings(jdbc.sql(SELECT + "WHERE series_instance_uid = ?").param(seriesUid).query(this::map).list())
                .stream().findFirst();
    }

    public List<SeriesJob> findAll(int limit) {
        return withTimings(jdbc.sql(SELECT + "ORDER BY completed_at DESC, id DESC LIMIT ?").param(limit).query(this::map).list());
    }

    public List<SeriesJob> findByStates(Collection<JobState> states) {
        if (states.isEmpty()) {
            return List.of();
        }
        List<String> names = states.stream().map(Enum::name).toList();
        return withTimings(jdbc.sql(SELECT + "WHERE state IN (:states) ORDER BY completed_at, id")
                .param("states", names).query(this::map).list());
    }

    public long countByState(JobState state) {
        return jdbc.sql("SELECT COUNT(*) FROM series_job WHERE state = ?").param(state.name()).query(Long.class).single();
    }

    private List<SeriesJob> withTimings(List<SeriesJob> jobs) {
        if (jobs.isEmpty()) {
            return jobs;
        }
        Map<Long, List<StageTiming>> timings = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT t.job_id, t.stage, t.millis FROM stage_timing t JOIN series_job j
                    ON t.job_id = j.id AND t.generation = j.generation
                WHERE t.job_id IN (:ids) ORDER BY t.job_id, t.seq""")
                .param("ids", jobs.stream().map(SeriesJob::id).toList())
                .query(rs -> {
                    timings.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new StageTiming(rs.getString(2), rs.getLong(3)));
                });
        return jobs.stream().map(j -> j.withTimings(timings.getOrDefault(j.id(), List.of()))).toList();
    }

    private SeriesJob map(ResultSet rs, int row) throws SQLException {
        int columns = rs.getInt("volume_columns");
        VolumeSummary volume = rs.wasNull() ? null : new VolumeSummary(columns, rs.getInt("volume_rows"),
                rs.getInt("volume_slices"), rs.getDouble("spacing_x_mm"), rs.getDouble("spacing_y_mm"),
                rs.getDouble("spacing_z_mm"), rs.getDouble("hu_min"), rs.getDouble("hu_max"));
        return new SeriesJob(rs.getLong("id"), rs.getString("study_instance_uid"), rs.getString("series_instance_uid"),
                rs.getString("modality"), rs.getInt("instance_count"), rs.getInt("generation"),
                JobState.valueOf(rs.getString("state")), rs.getString("reason_code"), rs.getString("reason_detail"),
                instant(rs, "first_received_at"), instant(rs, "last_received_at"), instant(rs, "completed_at"),
                instant(rs, "updated_at"), volume, rs.getString("algorithm"), findings(rs.getString("findings_json")),
                rs.getString("results_dir"), rs.getString("report_sop_instance_uid"), List.of());
    }

    private List<FindingSummary> findings(String json) {
        if (json == null) {
            return null;
        }
        try {
            return List.of(this.json.readValue(json, FindingSummary[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable findings in the job table", e);
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
