package org.lungcad.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away Orthanc (Debian package) on loopback that plays the hospital PACS in the demo: it routes the CT to
 * the node and receives the results, exactly as a production PACS would. Only ever started by {@code demo}.
 */
final class DemoPacs implements AutoCloseable {

    static final String AE_TITLE = "DEMO_PACS";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final int httpPort;
    private final int dicomPort;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private DemoPacs(Process process, int httpPort, int dicomPort) {
        this.process = process;
        this.httpPort = httpPort;
        this.dicomPort = dicomPort;
    }

    static boolean available() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "Orthanc")));
    }

    /** Starts Orthanc with its storage under {@code dir}, knowing the node as modality {@code lungcad}. */
    static DemoPacs start(Path dir, String nodeAeTitle, int nodePort) throws Exception {
        Files.createDirectories(dir);
        int httpPort = FreePorts.find();
        int dicomPort = FreePorts.find();
        ObjectNode config = JSON.createObjectNode();
        config.put("Name", "LungCAD demo PACS");
        config.put("StorageDirectory", dir.resolve("storage").toString());
        config.put("IndexDirectory", dir.resolve("index").toString());
        config.put("HttpPort", httpPort);
        config.put("DicomPort", dicomPort);
        config.put("DicomAet", AE_TITLE);
        config.put("RemoteAccessAllowed", false);
        config.put("AuthenticationEnabled", false);
        config.putArray("Plugins");
        config.putObject("DicomModalities").putArray("lungcad").add(nodeAeTitle).add("127.0.0.1").add(nodePort);
        Path configFile = dir.resolve("orthanc.json");
        Files.writeString(configFile, JSON.writeValueAsString(config));
        Process process = new ProcessBuilder("Orthanc", configFile.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("orthanc.log").toFile()).start();
        DemoPacs pacs = new DemoPacs(process, httpPort, dicomPort);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("Orthanc exited; see " + dir.resolve("orthanc.log"));
            }
            try {
                pacs.get("/system");
                return pacs;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        pacs.close();
        throw new IOException("Orthanc did not start within 60 s; see " + dir.resolve("orthanc.log"));
    }

    int dicomPort() {
        return dicomPort;
    }

    /** Uploads the files over REST; returns Orthanc's IDs of their series. */
    Set<String> upload(List<Path> files) throws Exception {
        Set<String> series = new LinkedHashSet<>();
        for (Path f : files) {
            series.add(send(HttpRequest.newBuilder(uri("/instances")).POST(HttpRequest.BodyPublishers.ofFile(f)))
                    .get("ParentSeries").asText());
        }
        return series;
    }

    /** {@code POST /modalities/lungcad/store}: the PACS routes the series to the node, synchronously. */
    void routeToNode(String orthancSeriesId) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("Resources").add(orthancSeriesId);
        body.put("Synchronous", true);
        send(HttpRequest.newBuilder(uri("/modalities/lungcad/store"))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    String seriesInstanceUid(String orthancSeriesId) throws Exception {
        return get("/series/" + orthancSeriesId).path("MainDicomTags").path("SeriesInstanceUID").asText();
    }

    /** Whether the PACS holds an instance with this SOP Instance UID. */
    boolean holds(String sopInstanceUid) throws Exception {
        return !send(HttpRequest.newBuilder(uri("/tools/lookup"))
                .POST(HttpRequest.BodyPublishers.ofString(sopInstanceUid))).isEmpty();
    }

    /** Modalities of the series the PACS holds in the study of the given Orthanc series. */
    List<String> studyModalities(String orthancSeriesId) throws Exception {
        String study = get("/series/" + orthancSeriesId).path("ParentStudy").asText();
        return Stream.of(JSON.treeToValue(get("/studies/" + study + "/series"), JsonNode[].class))
                .map(s -> s.path("MainDicomTags").path("Modality").asText()).toList();
    }

    private JsonNode get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private JsonNode send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = http.send(request.timeout(Duration.ofMinutes(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("Orthanc answered " + response.statusCode() + ": " + response.body());
        }
        return Optional.ofNullable(JSON.readTree(response.body())).orElse(JSON.nullNode());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
