package org.lungcad.server.delivery;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Per-destination delivery state of each job generation, so failures stay visible and restarts resume. */
@Repository
public class DeliveryRepository {

    private final JdbcClient jdbc;
    private final Clock clock;

    DeliveryRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Starts (or restarts, for a resend) tracking a destination as PENDING with no attempts. */
    public void reset(long jobId, int generation, String destination) {
        jdbc.sql("""
                MERGE INTO delivery (job_id, generation, destination, state, attempts, last_error, updated_at)
                KEY (job_id, generation, destination) VALUES (?, ?, ?, ?, 0, NULL, ?)""")
                .params(jobId, generation, destination, DeliveryStatus.State.PENDING.name(), now())
                .update();
    }

    public void recordAttempt(long jobId, int generation, String destination, DeliveryStatus.State state, String error) {
        jdbc.sql("""
                UPDATE delivery SET state = ?, attempts = attempts + 1, last_error = ?, updated_at = ?
                WHERE job_id = ? AND generation = ? AND destination = ?""")
                .params(state.name(), error == null ? null : error.substring(0, Math.min(error.length(), 2000)),
                        now(), jobId, generation, destination)
                .update();
    }

    /** Gives up on a destination: FAILED, keeping its attempt count and last error (settling is no attempt). */
    public void markFailed(long jobId, int generation, String destination) {
        jdbc.sql("""
                UPDATE delivery SET state = ?, updated_at = ?
                WHERE job_id = ? AND generation = ? AND destination = ?""")
                .params(DeliveryStatus.State.FAILED.name(), now(), jobId, generation, destination)
                .update();
    }

    /** Destinations of current results in this state (PENDING: being sent or waiting for a retry). */
    public long countByState(DeliveryStatus.State state) {
        return jdbc.sql("SELECT COUNT(*) FROM delivery WHERE state = ?").param(state.name()).query(Long.class).single();
    }

    public List<DeliveryStatus> find(long jobId, int generation) {
        return jdbc.sql("""
                SELECT destination, state, attempts, last_error, updated_at FROM delivery
                WHERE job_id = ? AND generation = ? ORDER BY destination""")
                .params(jobId, generation)
                .query((rs, n) -> new DeliveryStatus(rs.getString(1), DeliveryStatus.State.valueOf(rs.getString(2)),
                        rs.getInt(3), rs.getString(4), rs.getObject(5, OffsetDateTime.class).toInstant()))
                .list();
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }
}
