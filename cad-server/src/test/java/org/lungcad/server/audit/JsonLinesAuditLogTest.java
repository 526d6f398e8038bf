package org.lungcad.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesAuditLogTest {

    private static final Instant T = Instant.parse("2026-12-08T00:10:00Z");
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void eventsAreOneJsonLineEachInTheirOwnFileAndAppendedAcrossRestarts() throws IOException {
        try (JsonLinesAuditLog audit = new JsonLinesAuditLog(dir, 10 << 20, 30, 100 << 20)) {
            audit.record(AuditEvent.of(T, AuditEventType.ASSOCIATION_REJECTED, AuditEvent.Action.E,
                            AuditEvent.Outcome.MINOR_FAILURE)
                    .withDescription("calling-ae-title-not-recognized")
                    .withParticipants(new AuditEvent.Participant("EVIL\nINFO fake", "127.0.0.1:40000"),
                            AuditEvent.Participant.ae("LUNGCAD")));
        }
        try (JsonLinesAuditLog audit = new JsonLinesAuditLog(dir, 10 << 20, 30, 100 << 20)) {
            audit.record(AuditEvent.of(T.plusSeconds(1), AuditEventType.INSTANCES_RECEIVED, AuditEvent.Action.C,
                            AuditEvent.Outcome.SUCCESS)
                    .withParticipants(AuditEvent.Participant.ae("PACS"), null)
                    .withSeries("1.2.3", "1.2.3.4", 133));
        }

        List<String> lines = Files.readAllLines(dir.resolve("audit.jsonl"));
        assertThat(lines).hasSize(2);
        JsonNode rejected = json.readTree(lines.get(0));
        assertThat(rejected.path("time").asText()).isEqualTo("2026-12-08T00:10:00Z");
        assertThat(rejected.path("event").asText()).isEqualTo("association-rejected");
        assertThat(rejected.path("eventId").asText()).isEqualTo("DCM 110114 User Authentication");
        assertThat(rejected.path("action").asText()).isEqualTo("E");
        assertThat(rejected.path("outcome").asInt()).isEqualTo(4);
        assertThat(rejected.path("source").path("aeTitle").asText()).isEqualTo("EVIL\nINFO fake");
        assertThat(rejected.path("source").path("address").asText()).isEqualTo("127.0.0.1:40000");
        assertThat(rejected.has("study")).as("absent values are left out").isFalse();
        JsonNode received = json.readTree(lines.get(1));
        assertThat(received.path("event").asText()).isEqualTo("instances-received");
        assertThat(received.path("series").asText()).isEqualTo("1.2.3.4");
        assertThat(received.path("instances").asInt()).isEqualTo(133);
    }

    @Test
    void aFullFileIsRolledIntoACompressedOne() throws IOException {
        try (JsonLinesAuditLog audit = new JsonLinesAuditLog(dir, 4096, 30, 100 << 20)) {
            for (int i = 0; i < 200; i++) {
                audit.record(AuditEvent.of(T.plusSeconds(i), AuditEventType.PATIENT_DATA_READ, AuditEvent.Action.R,
                        AuditEvent.Outcome.SUCCESS).withUser("dr.reader").withRequest("GET /api/studies", 200));
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .contains("audit.jsonl")
                    .anySatisfy(name -> assertThat(name).matches("audit\\.\\d{4}-\\d{2}-\\d{2}\\.\\d+\\.jsonl\\.gz"));
        }
        assertThat(Files.size(dir.resolve("audit.jsonl"))).isLessThan(8192);
    }
}
