package org.lungcad.e2e;

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
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A real Orthanc (Debian package) started by the test as the hospital PACS: own configuration, storage under the
 * test's folder, HTTP and DICOM on free ports, remote access off, plug-ins off.
 */
final class OrthancProcess implements AutoCloseable {

    static final String AE_TITLE = "ORTHANC";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final int httpPort;
    private final int dicomPort;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private OrthancProcess(Process process, int httpPort, int dicomPort, Path log) {
        this.process = process;
        this.httpPort = httpPort;
        this.dicomPort = dicomPort;
        this.log = log;
    }

    /** Starts Orthanc knowing the LungCAD node as modality {@code lungcad}. */
    static OrthancProcess start(Path dir, int lungcadDicomPort) throws Exception {
        return start(dir, lungcadDicomPort, Tools.freePort());
    }

    static OrthancProcess start(Path dir, int lungcadDicomPort, int dicomPort) throws Exception {
        Tools.requireOnPath("Orthanc");
        Files.createDirectories(dir);
        int httpPort = Tools.freePort();
        ObjectNode config = JSON.createObjectNode();
        config.put("Name", "LungCAD test PACS");
        config.put("StorageDirectory", dir.resolve("storage").toString());
        config.put("IndexDirectory", dir.resolve("index").toString());
        config.put("HttpPort", httpPort);
        config.put("DicomPort", dicomPort);
        config.put("DicomAet", AE_TITLE);
        config.put("RemoteAccessAllowed", false);
        config.put("AuthenticationEnabled", false);
        config.put("DicomCheckCalledAet", true);
        config.put("StorageCompression", false);
        config.putArray("Plugins");
        config.putObject("DicomModalities").putArray("lungcad")
                .add(LungCadProcess.AE_TITLE).add("127.0.0.1").add(lungcadDicomPort);
        Path configFile = dir.resolve("orthanc.json");
        Files.writeString(configFile, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config));
        Path log = dir.resolve("orthanc.log");
        Process process = new ProcessBuilder("Orthanc", configFile.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        OrthancProcess orthanc = new OrthancProcess(process, httpPort, dicomPort, log);
        orthanc.awaitReady(Duration.ofSeconds(60));
        return orthanc;
    }

    int dicomPort() {
        return dicomPort;
    }

    /** Uploads files over REST; returns the Orthanc IDs of the series they belong to. */
    Set<String> upload(List<Path> files) throws Exception {
        Set<String> series = new LinkedHashSet<>();
        for (Path f : files) {
            JsonNode r = send(HttpRequest.newBuilder(uri("/instances"))
                    .POST(HttpRequest.BodyPublishers.ofFile(f)).header("Content-Type", "application/dicom"));
            series.add(r.get("ParentSeries").asText());
        }
        return series;
    }

    /** The PACS routes a resource (study or series) to a configured modality: {@code POST /modalities/{name}/store}. */
    JsonNode storeTo(String modality, String resourceId) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("Resources").add(resourceId);
        body.put("Synchronous", true);
        return send(HttpRequest.newBuilder(uri("/modalities/" + modality + "/store"))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).header("Content-Type", "application/json"));
    }

    /** Orthanc's ID of a DICOM UID (study, series or instance), if Orthanc holds it. */
    java.util.Optional<String> lookup(String uid) throws Exception {
        JsonNode found = send(HttpRequest.newBuilder(uri("/tools/lookup"))
                .POST(HttpRequest.BodyPublishers.ofString(uid)).header("Content-Type", "text/plain"));
        return found.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(found.get(0).get("ID").asText());
    }

    /** Downloads an instance's DICOM file as Orthanc stores it. */
    Path download(String instanceId, Path file) throws Exception {
        HttpResponse<Path> response = http.send(HttpRequest.newBuilder(uri("/instances/" + instanceId + "/file"))
                .timeout(Duration.ofMinutes(1)).GET().build(), HttpResponse.BodyHandlers.ofFile(file));
        if (response.statusCode() != 200) {
            throw new IOException("Orthanc answered " + response.statusCode() + " for instance " + instanceId);
        }
        return file;
    }

    JsonNode get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private JsonNode send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = http.send(request.timeout(Duration.ofMinutes(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("Orthanc answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    private void awaitReady(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Orthanc exited: " + Files.readString(log));
            }
            try {
                get("/system");
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("Orthanc not ready within " + timeout + ": " + Files.readString(log));
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
