package org.lungcad.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs the independent peers' command-line tools (dcmtk) and finds free loopback ports. */
final class Tools {

    private Tools() {
    }

    record Result(int exitCode, String output) {
    }

    static void requireOnPath(String tool) {
        boolean found = Stream.of(System.getenv("PATH").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
        assumeTrue(found, tool + " is not installed (apt-get install dcmtk orthanc) — test skipped");
    }

    static Result run(List<String> command) throws IOException, InterruptedException {
        requireOnPath(command.get(0));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("TCP_NODELAY", "1"); // dcmtk 3.6.7 leaves Nagle on otherwise (≈40 ms per object)
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + command);
        }
        return new Result(p.exitValue(), output);
    }

    static Result echoscu(String callingAe, String calledAe, int port) throws IOException, InterruptedException {
        return run(List.of("echoscu", "-aet", callingAe, "-aec", calledAe, "127.0.0.1", Integer.toString(port)));
    }

    static Result storescu(String callingAe, String calledAe, int port, List<Path> files, String... options)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("storescu", "-aet", callingAe, "-aec", calledAe));
        command.addAll(List.of(options));
        command.add("127.0.0.1");
        command.add(Integer.toString(port));
        files.forEach(f -> command.add(f.toString()));
        return run(command);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
