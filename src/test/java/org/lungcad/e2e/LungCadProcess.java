package org.lungcad.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** The packaged product ({@code cad-server.jar}) run as a separate process on loopback, as an operator runs it. */
final class LungCadProcess implements AutoCloseable {

    static final String AE_TITLE = "LUNGCAD";
    /** REST logins the tests configure, as a site would: hashes in the configuration (printed by hash-password). */
    static final String READER = "e2e-reader";
    static final String READER_PASSWORD = "e2e-reader-password";
    static final String OPERATOR = "e2e-operator";
    static final String OPERATOR_PASSWORD = "e2e-operator-password";
    private static final String READER_HASH = "{bcrypt}$2a$10$QJlZdNsuukkhk0jee2DUSuWlIDyrgPaO8DxH5gSIx2BGzhG09nmDe";
    private static final String OPERATOR_HASH = "{bcrypt}$2a$10$E3qRUya3v2H3RbpmwZa1s.rRDiW5B.4HCiKNJpK9mLpAOVbVGwDpG";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final int dicomPort;
    private final int httpPort;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private LungCadProcess(Process process, int dicomPort, int httpPort, Path log) {
        this.process = process;
        this.dicomPort = dicomPort;
        this.httpPort = httpPort;
        this.log = log;
    }

    /** Starts the node with its storage in {@code storage} and waits until {@code /actuator/health} is UP. */
    static LungCadProcess start(Path storage, int dicomPort, String... extraProperties) throws Exception {
        Path jar = Path.of(System.getProperty("lungcad.jar", "../../cad-server/target/cad-server.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("packaged product not found at " + jar.toAbsolutePath() + " (run mvn verify)");
        }
        int httpPort = Tools.freePort();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("lungcad.storage.directory", storage.toAbsolutePath().toString());
        properties.put("lungcad.dicom.bind-address", "127.0.0.1");
        properties.put("lungcad.dicom.port", Integer.toString(dicomPort));
        properties.put("lungcad.series.quiet-period", "2s");
        properties.put("server.address", "127.0.0.1");
        properties.put("server.port", Integer.toString(httpPort));
        properties.put("lungcad.api.users[0].username", READER);
        properties.put("lungcad.api.users[0].password-hash", READER_HASH);
        properties.put("lungcad.api.users[0].role", "READER");
        properties.put("lungcad.api.users[1].username", OPERATOR);
        properties.put("lungcad.api.users[1].password-hash", OPERATOR_HASH);
        properties.put("lungcad.api.users[1].role", "OPERATOR");
        for (String p : extraProperties) {
            int eq = p.indexOf('=');
            properties.put(p.substring(0, eq), p.substring(eq + 1));
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g", "-jar",
                jar.toAbsolutePath().toString(), "serve"));
        properties.forEach((name, value) -> command.add("--" + name + "=" + value));
        Files.createDirectories(storage);
        Path log = Files.createTempFile(storage.getParent(), "lungcad-", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        LungCadProcess node = new LungCadProcess(process, dicomPort, httpPort, log);
        node.awaitHealthy(Duration.ofSeconds(120));
        return node;
    }

    int dicomPort() {
        return dicomPort;
    }

    int httpPort() {
        return httpPort;
    }

    /** What the node wrote to its console so far. */
    String log() throws IOException {
        return Files.readString(log);
    }

    /** GET as the reader (open endpoints ignore the login). */
    JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(10)).header("Authorization", basic(READER, READER_PASSWORD)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    /** The Prometheus scrape (open, text format). */
    String prometheus() throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/actuator/prometheus"))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** GET with HTTP Basic credentials (null for none); returns the status code. */
    int getStatus(String path, String username, String password) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(10)).GET();
        if (username != null) {
            request.header("Authorization", basic(username, password));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String basic(String username, String password) {
        return "Basic " + java.util.Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** POST with HTTP Basic credentials (null for none); returns the status code. */
    int post(String path, String username, String password) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.noBody());
        if (username != null) {
            request.header("Authorization", basic(username, password));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The series' entry in {@code GET /api/studies}, if the node has a job for it. */
    Optional<JsonNode> series(String seriesInstanceUid) throws IOException, InterruptedException {
        for (JsonNode study : get("/api/studies")) {
            for (JsonNode series : study.get("series")) {
                if (series.get("seriesInstanceUid").asText().equals(seriesInstanceUid)) {
                    return Optional.of(series);
                }
            }
        }
        return Optional.empty();
    }

    /** Polls {@code /api/studies} until the series satisfies the condition; fails with the last view and the log. */
    JsonNode awaitSeries(String seriesInstanceUid, Predicate<JsonNode> condition, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<JsonNode> last = Optional.empty();
        while (System.nanoTime() < deadline) {
            last = series(seriesInstanceUid);
            if (last.isPresent() && condition.test(last.get())) {
                return last.get();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("series " + seriesInstanceUid + " did not reach the expected state within " + timeout
                + "; last seen: " + last.map(JsonNode::toString).orElse("no job") + "\n--- node log ---\n" + log());
    }

    private void awaitHealthy(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("node exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                if ("UP".equals(get("/actuator/health").path("status").asText())) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("node not healthy within " + timeout + ":\n" + log());
    }

    /** {@code kill -9}: no shutdown hooks, nothing flushed that was not already on disk. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
