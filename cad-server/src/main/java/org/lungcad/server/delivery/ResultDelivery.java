package org.lungcad.server.delivery;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.lungcad.dicom.net.AssociationRejectedException;
import org.lungcad.dicom.net.DicomNode;
import org.lungcad.dicom.net.StorageScu;
import org.lungcad.dicom.net.StoreResult;
import org.lungcad.server.analysis.FailureCode;
import org.lungcad.server.audit.AuditEvent;
import org.lungcad.server.audit.AuditEventType;
import org.lungcad.server.audit.AuditTrail;
import org.lungcad.server.config.LungCadProperties;
import org.lungcad.server.job.JobQueue;
import org.lungcad.server.job.JobRepository;
import org.lungcad.server.job.JobState;
import org.lungcad.server.job.SeriesJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * C-STOREs a job's results (SR first, then the Secondary Captures) to every configured destination, retrying
 * with exponential backoff (Resilience4j) without holding a thread while it waits. Each attempt is recorded, so
 * a PACS that is down shows as PENDING with its last error; after the last attempt the job is FAILED with the
 * reason, and {@link #resend} starts over with the same SOP Instance UIDs.
 */
@Component
public class ResultDelivery {

    private static final Logger log = LoggerFactory.getLogger(ResultDelivery.class);
    private static final Duration[] TURNAROUND_BUCKETS = {Duration.ofSeconds(10), Duration.ofSeconds(15),
            Duration.ofSeconds(20), Duration.ofSeconds(30), Duration.ofSeconds(45), Duration.ofSeconds(60),
            Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(30)};

    private final LungCadProperties properties;
    private final JobRepository jobs;
    private final DeliveryRepository deliveries;
    private final MeterRegistry meters;
    private final RetryConfig retryConfig;
    private final StorageScu scu = new StorageScu();
    private final ScheduledExecutorService retryScheduler;
    private final ExecutorService senders;
    private final AuditTrail audit;
    private final Clock clock;

    /**
     * @param retryScheduler waits out the backoffs between attempts
     * @param senders runs the attempts, each one association with one destination
     */
    ResultDelivery(LungCadProperties properties, JobRepository jobs, DeliveryRepository deliveries, MeterRegistry meters,
                   @Qualifier(DeliveryExecutors.RETRY_SCHEDULER) ScheduledExecutorService retryScheduler,
                   @Qualifier(DeliveryExecutors.SENDERS) ExecutorService senders, AuditTrail audit, Clock clock) {
        this.properties = properties;
        this.jobs = jobs;
        this.deliveries = deliveries;
        this.meters = meters;
        LungCadProperties.Delivery d = properties.delivery();
        this.retryConfig = RetryConfig.custom()
                .maxAttempts(d.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialBackoff(d.initialBackoff(), d.multiplier(), d.maxBackoff()))
                // an AE title the destination does not know will not be known a minute later either
                .retryOnException(e -> !(unwrap(e) instanceof AssociationRejectedException r && r.permanent()))
                .build();
        this.retryScheduler = retryScheduler;
        this.senders = senders;
        this.audit = audit;
        this.clock = clock;
        for (DeliveryStatus.State state : DeliveryStatus.State.values()) {
            Gauge.builder("lungcad.deliveries", deliveries, repository -> repository.countByState(state))
                    .description("result deliveries per destination by state (PENDING: being sent or retrying)")
                    .tag("state", state.name().toLowerCase(java.util.Locale.ROOT)).register(meters);
        }
    }

    public boolean hasDestinations() {
        return !properties.destinations().isEmpty();
    }

    /** Delivers to every destination that has not received this generation yet; returns when all are settled. */
    public CompletableFuture<Void> deliver(SeriesJob job) {
        return deliver(job, true);
    }

    /** @param firstDelivery whether the turnaround (last instance received → delivered) is to be measured */
    private CompletableFuture<Void> deliver(SeriesJob job, boolean firstDelivery) {
        if (!hasDestinations() || job.resultsDirectory() == null) {
            return CompletableFuture.completedFuture(null);
        }
        List<Path> files = resultFiles(job);
        Set<String> delivered = deliveries.find(job.id(), job.generation()).stream()
                .filter(s -> s.state() == DeliveryStatus.State.DELIVERED)
                .map(DeliveryStatus::destination).collect(Collectors.toSet());
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (LungCadProperties.Destination destination : properties.destinations()) {
            if (delivered.contains(destination.toString())) {
                continue;
            }
            deliveries.reset(job.id(), job.generation(), destination.toString());
            Retry retry = Retry.of("delivery-" + job.id() + "-" + destination, retryConfig);
            running.add(retry.executeCompletionStage(retryScheduler,
                    () -> CompletableFuture.runAsync(() -> attempt(job, destination, files), senders))
                    .toCompletableFuture());
        }
        return CompletableFuture.allOf(running.toArray(CompletableFuture[]::new))
                .handle((ok, error) -> {
                    settle(job, firstDelivery);
                    return null;
                });
    }

    /** Sends the same files (same SOP Instance UIDs) again to every destination, e.g. after a PACS outage. */
    public CompletableFuture<Void> resend(SeriesJob job) {
        for (LungCadProperties.Destination destination : properties.destinations()) {
            deliveries.reset(job.id(), job.generation(), destination.toString());
        }
        jobs.transition(job.id(), job.generation(), JobState.REPORTED, null, null);
        return deliver(job, false);
    }

    public List<DeliveryStatus> status(SeriesJob job) {
        return deliveries.find(job.id(), job.generation());
    }

    private void attempt(SeriesJob job, LungCadProperties.Destination destination, List<Path> files) {
        DicomNode node = new DicomNode(destination.aeTitle(), destination.host(), destination.port());
        try (MDC.MDCCloseable correlation = MDC.putCloseable(JobQueue.CORRELATION, job.seriesInstanceUid())) {
            StoreResult result = scu.store(node, properties.dicom().aeTitle(), files);
            if (!result.allSucceeded()) {
                throw new IOException(result.failureCount() + " of " + files.size() + " instances refused: "
                        + result.outcomes().stream().filter(o -> !o.success())
                        .map(o -> String.format("0x%04X %s", o.status(), o.detail())).distinct()
                        .collect(Collectors.joining("; ")));
            }
            deliveries.recordAttempt(job.id(), job.generation(), destination.toString(), DeliveryStatus.State.DELIVERED, null);
            meters.counter("lungcad.delivery.attempts", "outcome", "delivered").increment();
            log.info("results of series {} delivered to {} ({} instances)", job.seriesInstanceUid(), destination,
                    files.size());
            sent(job, destination, files.size(), AuditEvent.Outcome.SUCCESS, "delivered");
        } catch (IOException e) {
            deliveries.recordAttempt(job.id(), job.generation(), destination.toString(), DeliveryStatus.State.PENDING,
                    e.getMessage());
            meters.counter("lungcad.delivery.attempts", "outcome", "failed").increment();
            log.warn("delivery of series {} to {} failed: {}", job.seriesInstanceUid(), destination, e.getMessage());
            sent(job, destination, files.size(), AuditEvent.Outcome.MINOR_FAILURE, "attempt failed: " + e.getMessage());
            throw new CompletionException(e);
        }
    }

    /** The results (SR, SC) sent from this node to a destination; the study and series are the analysed CT's. */
    private void sent(SeriesJob job, LungCadProperties.Destination destination, int instances,
                      AuditEvent.Outcome outcome, String description) {
        audit.record(AuditEvent.of(clock.instant(), AuditEventType.RESULTS_SENT, AuditEvent.Action.R, outcome)
                .withDescription(description)
                .withParticipants(AuditEvent.Participant.ae(properties.dicom().aeTitle()), new AuditEvent.Participant(
                        destination.aeTitle(), destination.host() + ":" + destination.port()))
                .withSeries(job.studyInstanceUid(), job.seriesInstanceUid(), instances));
    }

    private void settle(SeriesJob job, boolean firstDelivery) {
        try (MDC.MDCCloseable correlation = MDC.putCloseable(JobQueue.CORRELATION, job.seriesInstanceUid())) {
            settleWithinCorrelation(job, firstDelivery);
        }
    }

    private void settleWithinCorrelation(SeriesJob job, boolean firstDelivery) {
        List<DeliveryStatus> statuses = deliveries.find(job.id(), job.generation());
        List<DeliveryStatus> failed = statuses.stream().filter(s -> s.state() != DeliveryStatus.State.DELIVERED).toList();
        if (failed.isEmpty()) {
            if (jobs.transition(job.id(), job.generation(), JobState.DELIVERED, null, null) && firstDelivery
                    && job.lastReceivedAt() != null) {
                Timer.builder("lungcad.turnaround").description("last instance of a series received -> its results"
                                + " delivered to every destination")
                        .serviceLevelObjectives(TURNAROUND_BUCKETS).register(meters)
                        .record(Duration.between(job.lastReceivedAt(), clock.instant()));
            }
            return;
        }
        for (DeliveryStatus f : failed) {
            deliveries.markFailed(job.id(), job.generation(), f.destination());
        }
        String reason = failed.stream().map(f -> f.destination() + " after " + f.attempts() + " attempts: " + f.lastError())
                .collect(Collectors.joining("; "));
        jobs.transition(job.id(), job.generation(), JobState.FAILED, FailureCode.DELIVERY_FAILED.code(), "results not delivered to " + reason);
        log.error("results of series {} not delivered: {}", job.seriesInstanceUid(), reason);
    }

    /** The SR first, so a viewer that opens the study mid-transfer already has the report. */
    private static List<Path> resultFiles(SeriesJob job) {
        try (Stream<Path> files = Files.list(Path.of(job.resultsDirectory()).resolve("dicom"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".dcm"))
                    .sorted(Comparator.comparing((Path p) -> !isReport(p)).thenComparing(Comparator.naturalOrder()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("results of series " + job.seriesInstanceUid() + " are unreadable", e);
        }
    }

    private static boolean isReport(Path file) {
        return file.getFileName().toString().startsWith("SR_");
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }
}
