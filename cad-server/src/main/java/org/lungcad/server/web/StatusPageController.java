package org.lungcad.server.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.lungcad.model.AlgorithmIdentity;
import org.lungcad.server.config.LungCadProperties;
import org.lungcad.server.delivery.ResultDelivery;
import org.lungcad.server.dicom.DicomListener;
import org.lungcad.server.job.JobQueue;
import org.lungcad.server.job.JobRepository;
import org.lungcad.server.job.JobState;
import org.lungcad.server.job.SeriesJob;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.CompositeHealth;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;

/** {@code GET /status}: the status page for people (reader login), and the finding thumbnails it shows. */
@Controller
class StatusPageController {

    /** Series shown on the page, most recent first. */
    static final int RECENT = 50;
    private static final Pattern RENDERING = Pattern.compile("(nodule-\\d{1,3}|summary)");

    private final JobRepository jobs;
    private final JobQueue queue;
    private final DicomListener listener;
    private final ResultDelivery delivery;
    private final LungCadProperties properties;
    private final ObjectProvider<HealthEndpoint> health;
    private final Clock clock;

    StatusPageController(JobRepository jobs, JobQueue queue, DicomListener listener, ResultDelivery delivery,
                         LungCadProperties properties, ObjectProvider<HealthEndpoint> health, Clock clock) {
        this.jobs = jobs;
        this.queue = queue;
        this.listener = listener;
        this.delivery = delivery;
        this.properties = properties;
        this.health = health;
        this.clock = clock;
    }

    @GetMapping(value = "/status", produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    String page() {
        Map<JobState, Long> byState = new EnumMap<>(JobState.class);
        for (JobState s : JobState.values()) {
            byState.put(s, jobs.countByState(s));
        }
        List<StatusPage.Row> recent = jobs.findAll(RECENT).stream()
                .map(j -> new StatusPage.Row(j, delivery.status(j), thumbnails(j))).toList();
        int queued = queue.depth();
        String intake = listener.intakeRefusal().map(why -> "refusing new associations: " + why)
                .orElse("accepting (" + queued + " of at most " + properties.processing().maxQueuedSeries()
                        + " series waiting)");
        Map<String, String> components = new LinkedHashMap<>();
        String overall = "UNKNOWN";
        HealthEndpoint endpoint = health.getIfAvailable();
        if (endpoint != null) {
            HealthComponent h = endpoint.health();
            overall = h.getStatus().getCode();
            if (h instanceof CompositeHealth composite) {
                composite.getComponents().forEach((name, c) -> components.put(name, c.getStatus().getCode()));
            }
        }
        return StatusPage.render(new StatusPage.Model(listener.aeTitle(), listener.port(),
                listener.activeAssociations(), intake, queued, overall, components, byState, recent,
                AlgorithmIdentity.NAME + " " + AlgorithmIdentity.VERSION, clock.instant(), ZoneId.systemDefault()));
    }

    /** A rendering of the series' current results: {@code nodule-N} or {@code summary}. */
    @GetMapping(value = "/status/series/{series}/{name}.png", produces = MediaType.IMAGE_PNG_VALUE)
    ResponseEntity<byte[]> rendering(@PathVariable String series, @PathVariable String name) throws IOException {
        if (!RENDERING.matcher(name).matches()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        SeriesJob job = jobs.findBySeries(series).filter(j -> j.resultsDirectory() != null)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Path file = Path.of(job.resultsDirectory(), "png", name + ".png");
        if (!Files.isRegularFile(file)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).body(Files.readAllBytes(file));
    }

    private static List<String> thumbnails(SeriesJob job) {
        if (job.resultsDirectory() == null) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(Path.of(job.resultsDirectory(), "png"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("nodule-") && n.endsWith(".png"))
                    .map(n -> n.substring(0, n.length() - 4))
                    .sorted(Comparator.comparingInt(n -> Integer.parseInt(n.substring("nodule-".length()))))
                    .toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
