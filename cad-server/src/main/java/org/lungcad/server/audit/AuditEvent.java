package org.lungcad.server.audit;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.Objects;

/**
 * One line of the audit trail. Who (an AE title and address, or a REST user), did what (the event and its
 * EventActionCode), to which study and series, with which outcome (EventOutcomeIndicator, PS3.15 A.5.3). It names
 * UIDs, AE titles, user names and addresses only, never patient names, IDs or findings.
 *
 * @param source      the active participant that started it (the sender, the REST client)
 * @param destination the participant it went to (this node, a PACS)
 * @param user        the REST user name; for a failed login the name that was tried
 * @param instances   number of DICOM instances concerned
 * @param request     {@code METHOD /path?query} of a REST request
 * @param status      the HTTP status, or the DIMSE status of a refused C-STORE
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"time", "event", "eventId", "action", "outcome", "outcomeDescription", "source", "destination",
        "user", "study", "series", "instances", "request", "status"})
public record AuditEvent(
        Instant time,
        @JsonIgnore AuditEventType type,
        Action action,
        Outcome outcome,
        String outcomeDescription,
        Participant source,
        Participant destination,
        String user,
        String study,
        String series,
        Integer instances,
        String request,
        Integer status) {

    /** PS3.15 EventActionCode. */
    public enum Action { C, R, U, D, E }

    /** PS3.15 EventOutcomeIndicator, written as its number. */
    public enum Outcome {
        SUCCESS(0), MINOR_FAILURE(4), SERIOUS_FAILURE(8), MAJOR_FAILURE(12);

        private final int indicator;

        Outcome(int indicator) {
            this.indicator = indicator;
        }

        @JsonValue
        public int indicator() {
            return indicator;
        }
    }

    /** An AE title and/or a network address (host:port), as far as known. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Participant(String aeTitle, String address) {
        public static Participant ae(String aeTitle) {
            return new Participant(aeTitle, null);
        }
    }

    public AuditEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** The start of a line for this type; the other fields via the {@code with} methods. */
    public static AuditEvent of(Instant time, AuditEventType type, Action action, Outcome outcome) {
        return new AuditEvent(time, type, action, outcome, null, null, null, null, null, null, null, null, null);
    }

    @JsonProperty("event")
    public String event() {
        return type.event();
    }

    @JsonProperty("eventId")
    public String eventId() {
        return type.eventId();
    }

    public AuditEvent withDescription(String value) {
        return new AuditEvent(time, type, action, outcome, value, source, destination, user, study, series, instances,
                request, status);
    }

    public AuditEvent withParticipants(Participant from, Participant to) {
        return new AuditEvent(time, type, action, outcome, outcomeDescription, from, to, user, study, series,
                instances, request, status);
    }

    public AuditEvent withUser(String value) {
        return new AuditEvent(time, type, action, outcome, outcomeDescription, source, destination, value, study,
                series, instances, request, status);
    }

    public AuditEvent withSeries(String studyUid, String seriesUid, Integer count) {
        return new AuditEvent(time, type, action, outcome, outcomeDescription, source, destination, user, studyUid,
                seriesUid, count, request, status);
    }

    public AuditEvent withRequest(String value, Integer statusCode) {
        return new AuditEvent(time, type, action, outcome, outcomeDescription, source, destination, user, study,
                series, instances, value, statusCode);
    }
}
