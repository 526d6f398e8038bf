package org.lungcad.server.delivery;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.TagFromName;
import org.junit.jupiter.api.Assumptions;
import org.lungcad.dicom.net.DicomNode;
import org.lungcad.dicom.net.StorageScu;

/** dcmtk's storescp as an independent destination PACS on loopback; tests skip where dcmtk is not installed. */
record Storescp(Process process, DicomNode node, Path folder) implements AutoCloseable {

    static final String AE_TITLE = "DCMTK";

    /** Starts storescp on the port, storing into the folder, and returns once it answers C-ECHO. */
    static Storescp start(int port, Path folder) throws IOException, InterruptedException {
        Assumptions.assumeTrue(Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, "storescp"))),
                "dcmtk's storescp is not on PATH (apt-get install dcmtk): test skipped");
        Files.createDirectories(folder);
        ProcessBuilder builder = new ProcessBuilder("storescp", "-aet", AE_TITLE, "-od", folder.toString(),
                String.valueOf(port)).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        // dcmtk 3.6.7 leaves Nagle on unless told: ~40 ms stall per object
        builder.environment().put("TCP_NODELAY", "1");
        Storescp storescp = new Storescp(builder.start(), new DicomNode(AE_TITLE, "127.0.0.1", port), folder);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try {
                new StorageScu().echo(storescp.node(), "LUNGCAD");
                return storescp;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline || !storescp.process().isAlive()) {
                    storescp.close();
                    throw new IllegalStateException("storescp did not come up on port " + port, notYet);
                }
                Thread.sleep(50);
            }
        }
    }

    /** The SOP Instance UIDs of what storescp has written to its folder. */
    List<String> receivedSopInstanceUids() throws IOException, DicomException {
        List<String> uids = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                AttributeList list = new AttributeList();
                list.read(file.toFile());
                uids.add(list.get(TagFromName.SOPInstanceUID).getSingleStringValueOrEmptyString());
            }
        }
        return uids;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
