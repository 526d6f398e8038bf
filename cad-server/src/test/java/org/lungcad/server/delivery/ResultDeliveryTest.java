package org.lungcad.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.CodeStringAttribute;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.dicom.UniqueIdentifierAttribute;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lungcad.dicom.net.StorageScp;
import org.lungcad.dicom.net.StorageScpConfig;
import org.lungcad.dicom.spool.InstanceSpool;
import org.lungcad.server.audit.AuditEvent;
import org.lungcad.server.config.LungCadProperties;
import org.lungcad.server.delivery.DeliveryStatus.State;
import org.lungcad.server.job.JobRepository;
import org.lungcad.server.job.JobState;
import org.lungcad.server.job.SeriesJob;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Result delivery over real associations (dcmtk's storescp, our own SCP) with its state in the app's H2 schema. */
@JdbcTest
// delivery writes from its own threads on their own connections: a test transaction would keep the job row locked
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@Import({JobRepository.class, DeliveryRepository.class, ResultDeliveryTest.FixedClock.class})
@ImportAutoConfiguration(JacksonAutoConfiguration.class)
class ResultDeliveryTest {

    private static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");
    private static final Duration SETTLED = Duration.ofSeconds(30);

    @TestConfiguration(proxyBeanMethods = false)
    static class FixedClock {
        @Bean
        Clock clock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }

    @Autowired
    JobRepository jobs;
    @Autowired
    DeliveryRepository deliveries;

    @TempDir
    Path temp;

    private final ScheduledExecutorService retryScheduler = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService senders = Executors.newFixedThreadPool(2);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<AuditEvent> audit = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<AutoCloseable> peers = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        retryScheduler.shutdownNow();
        senders.shutdownNow();
        for (AutoCloseable peer : peers) {
            peer.close();
        }
    }

    @Test
    void resultsReachStorescpAndTheJobIsDelivered() throws Exception {
        Storescp pacs = storescp(Storescp.freePort(), "pacs");
        Results results = reportedJob();

        delivery(3, "1s", pacs.node().port()).deliver(results.job()).get(SETTLED.toSeconds(), TimeUnit.SECONDS);

        assertThat(job(results).state()).isEqualTo(JobState.DELIVERED);
        assertThat(job(results).reasonCode()).isNull();
        assertThat(deliveries.find(results.job().id(), 1)).containsExactly(
                new DeliveryStatus(destination(pacs.node().port()), State.DELIVERED, 1, null, NOW));
        assertThat(pacs.receivedSopInstanceUids()).containsExactlyInAnyOrderElementsOf(results.sopInstanceUids());
        assertThat(meters.counter("lungcad.delivery.attempts", "outcome", "delivered").count()).isEqualTo(1);
        assertThat(meters.get("lungcad.turnaround").timer().count()).isEqualTo(1);
        assertThat(meters.get("lungcad.deliveries").tag("state", "delivered").gauge().value()).isEqualTo(1);
        assertThat(meters.get("lungcad.deliveries").tag("state", "pending").gauge().value()).isZero();
        assertThat(audit).singleElement().satisfies(e -> {
            assertThat(e.event()).isEqualTo("results-sent");
            assertThat(e.outcome()).isEqualTo(AuditEvent.Outcome.SUCCESS);
            assertThat(e.destination()).isEqualTo(new AuditEvent.Participant(pacs.node().aeTitle(),
                    "127.0.0.1:" + pacs.node().port()));
            assertThat(e.series()).isEqualTo(results.job().seriesInstanceUid());
            assertThat(e.instances()).isEqualTo(results.sopInstanceUids().size());
        });
    }

    @Test
    void destinationThatIsDownIsRetriedWithBackoffAndSettlesFailedWithTheReason() throws Exception {
        int closedPort = Storescp.freePort();
        Results results = reportedJob();

        long start = System.nanoTime();
        delivery(3, "100ms", closedPort).deliver(results.job()).get(SETTLED.toSeconds(), TimeUnit.SECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        // attempts at 0, +100 ms and +200 ms more: the configured backoff, not the 5 s default
        assertThat(took).isBetween(Duration.ofMillis(300), Duration.ofSeconds(5));
        SeriesJob failed = job(results);
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.reasonCode()).isEqualTo("delivery-failed");
        assertThat(failed.reasonDetail()).startsWith("results not delivered to " + destination(closedPort) + " after 3 attempts: ")
                .contains("Connection refused");
        assertThat(deliveries.find(results.job().id(), 1)).singleElement().satisfies(s -> {
            assertThat(s.state()).isEqualTo(State.FAILED);
            assertThat(s.attempts()).isEqualTo(3);
            assertThat(s.lastError()).contains("Connection refused");
        });
        assertThat(meters.counter("lungcad.delivery.attempts", "outcome", "failed").count()).isEqualTo(3);
        assertThat(audit).hasSize(3).allSatisfy(e -> {
            assertThat(e.outcome()).isEqualTo(AuditEvent.Outcome.MINOR_FAILURE);
            assertThat(e.outcomeDescription()).startsWith("attempt failed: ").contains("Connection refused");
        });
    }

    @Test
    void unknownCalledAeTitleIsRejectedPermanentlyAndNotRetried() throws Exception {
        // storescp accepts any called AE title; our own SCP answers called-AE-title-not-recognized
        StorageScp scp = new StorageScp(StorageScpConfig.defaults("PACS", 0),
                new InstanceSpool(temp.resolve("scp-spool")), instance -> { });
        scp.start();
        peers.add(scp::close);
        Results results = reportedJob();
        LungCadProperties properties = properties(5, "10ms", Map.of(
                "lungcad.destinations[0].ae-title", "NOT-PACS",
                "lungcad.destinations[0].host", "127.0.0.1",
                "lungcad.destinations[0].port", String.valueOf(scp.port())));

        delivery(properties).deliver(results.job()).get(SETTLED.toSeconds(), TimeUnit.SECONDS);

        assertThat(job(results).state()).isEqualTo(JobState.FAILED);
        assertThat(job(results).reasonDetail()).contains("after 1 attempts").contains("called AE Title not recognized");
        assertThat(deliveries.find(results.job().id(), 1)).singleElement().satisfies(s -> {
            assertThat(s.state()).isEqualTo(State.FAILED);
            assertThat(s.attempts()).isEqualTo(1);
        });
    }

    @Test
    void resendAfterAnOutageStartsOverWithTheSameSopInstanceUids() throws Exception {
        int port = Storescp.freePort();
        Results results = reportedJob();
        ResultDelivery delivery = delivery(2, "10ms", port);
        delivery.deliver(results.job()).get(SETTLED.toSeconds(), TimeUnit.SECONDS);
        assertThat(job(results).state()).isEqualTo(JobState.FAILED);

        Storescp pacs = storescp(port, "pacs"); // the PACS is back
        delivery.resend(job(results)).get(SETTLED.toSeconds(), TimeUnit.SECONDS);

        assertThat(job(results).state()).isEqualTo(JobState.DELIVERED);
        assertThat(job(results).reasonCode()).isNull();
        assertThat(job(results).reasonDetail()).isNull();
        // the attempts of the outage are not added to those of the resend
        assertThat(deliveries.find(results.job().id(), 1)).containsExactly(
                new DeliveryStatus(destination(port), State.DELIVERED, 1, null, NOW));
        assertThat(pacs.receivedSopInstanceUids()).containsExactlyInAnyOrderElementsOf(results.sopInstanceUids());
        assertThat(meters.find("lungcad.turnaround").timer()).as("a resend is not a turnaround").isNull();
    }

    @Test
    void oneDestinationDownFailsTheJobAndALaterDeliveryOnlySendsWhatIsMissing() throws Exception {
        Storescp up = storescp(Storescp.freePort(), "up");
        int downPort = Storescp.freePort();
        Results results = reportedJob();
        ResultDelivery delivery = delivery(2, "10ms", up.node().port(), downPort);

        delivery.deliver(results.job()).get(SETTLED.toSeconds(), TimeUnit.SECONDS);

        SeriesJob failed = job(results);
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.reasonDetail()).contains(destination(downPort)).doesNotContain(destination(up.node().port()));
        assertThat(deliveries.find(results.job().id(), 1))
                .extracting(DeliveryStatus::destination, DeliveryStatus::state, DeliveryStatus::attempts)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(destination(up.node().port()), State.DELIVERED, 1),
                        org.assertj.core.groups.Tuple.tuple(destination(downPort), State.FAILED, 2));
        assertThat(up.receivedSopInstanceUids()).containsExactlyInAnyOrderElementsOf(results.sopInstanceUids());

        // the second PACS comes back; delivering again (as after a restart) leaves the first one alone
        clear(up.folder());
        Storescp back = storescp(downPort, "back");
        delivery.deliver(job(results)).get(SETTLED.toSeconds(), TimeUnit.SECONDS);

        assertThat(job(results).state()).isEqualTo(JobState.DELIVERED);
        assertThat(back.receivedSopInstanceUids()).containsExactlyInAnyOrderElementsOf(results.sopInstanceUids());
        assertThat(up.receivedSopInstanceUids()).isEmpty();
        assertThat(deliveries.find(results.job().id(), 1)).extracting(DeliveryStatus::state)
                .containsOnly(State.DELIVERED);
    }

    /** A REPORTED job whose results folder holds an SR and a Secondary Capture, laid out as ResultWriter does. */
    private record Results(SeriesJob job, List<String> sopInstanceUids) {
    }

    private Results reportedJob() throws IOException, DicomException {
        String study = uid();
        String series = uid();
        SeriesJob job = jobs.recordCompleted(study, series, "CT", 2, NOW, NOW, NOW);
        Path folder = temp.resolve("results").resolve(series);
        Path dicom = Files.createDirectories(folder.resolve("dicom"));
        String report = series + ".1";
        String overlay = series + ".2";
        write(dicom.resolve("SR_" + report + ".dcm"), SOPClass.ComprehensiveSRStorage, "SR", study, series, report);
        write(dicom.resolve("SC_" + overlay + ".dcm"), SOPClass.SecondaryCaptureImageStorage, "OT", study, series, overlay);
        jobs.recordResults(job.id(), job.generation(), folder.toString(), report);
        jobs.transition(job.id(), job.generation(), JobState.REPORTED, null, null);
        return new Results(jobs.findBySeries(series).orElseThrow(), List.of(report, overlay));
    }

    private SeriesJob job(Results results) {
        return jobs.findBySeries(results.job().seriesInstanceUid()).orElseThrow();
    }

    private ResultDelivery delivery(int maxAttempts, String initialBackoff, int... ports) {
        Map<String, String> destinations = new HashMap<>();
        for (int i = 0; i < ports.length; i++) {
            destinations.put("lungcad.destinations[" + i + "].ae-title", Storescp.AE_TITLE);
            destinations.put("lungcad.destinations[" + i + "].host", "127.0.0.1");
            destinations.put("lungcad.destinations[" + i + "].port", String.valueOf(ports[i]));
        }
        return delivery(properties(maxAttempts, initialBackoff, destinations));
    }

    private ResultDelivery delivery(LungCadProperties properties) {
        return new ResultDelivery(properties, jobs, deliveries, meters, retryScheduler, senders, audit::add,
                java.time.Clock.systemUTC());
    }

    /** Bound as the application binds its configuration, so every other setting keeps its default. */
    private static LungCadProperties properties(int maxAttempts, String initialBackoff, Map<String, String> destinations) {
        Map<String, String> values = new HashMap<>(destinations);
        values.put("lungcad.delivery.max-attempts", String.valueOf(maxAttempts));
        values.put("lungcad.delivery.initial-backoff", initialBackoff);
        values.put("lungcad.delivery.multiplier", "2");
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("lungcad", LungCadProperties.class);
    }

    private static String destination(int port) {
        return Storescp.AE_TITLE + "@127.0.0.1:" + port;
    }

    private Storescp storescp(int port, String folder) throws IOException, InterruptedException {
        Storescp storescp = Storescp.start(port, temp.resolve(folder));
        peers.add(storescp);
        return storescp;
    }

    private static void clear(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
    }

    private static void write(Path file, String sopClass, String modality, String study, String series, String sop)
            throws IOException, DicomException {
        AttributeList list = new AttributeList();
        put(list, TagFromName.SOPClassUID, sopClass);
        put(list, TagFromName.SOPInstanceUID, sop);
        put(list, TagFromName.StudyInstanceUID, study);
        put(list, TagFromName.SeriesInstanceUID, series);
        CodeStringAttribute m = new CodeStringAttribute(TagFromName.Modality);
        m.addValue(modality);
        list.put(m);
        FileMetaInformation.addFileMetaInformation(list, TransferSyntax.ExplicitVRLittleEndian, "LUNGCAD");
        list.write(file.toFile(), TransferSyntax.ExplicitVRLittleEndian, true, true);
    }

    private static void put(AttributeList list, AttributeTag tag, String uid) throws DicomException {
        UniqueIdentifierAttribute a = new UniqueIdentifierAttribute(tag);
        a.addValue(uid);
        list.put(a);
    }

    /** A UUID-derived UID (PS3.5 B.2), unique per test so tests share the database without colliding. */
    private static String uid() {
        UUID u = UUID.randomUUID();
        return "2.25." + new BigInteger(1, java.nio.ByteBuffer.allocate(16)
                .putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array());
    }
}
