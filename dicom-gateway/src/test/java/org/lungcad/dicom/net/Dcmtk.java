package org.lungcad.dicom.net;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs dcmtk command-line tools as real peers; tests skip when dcmtk is not installed. */
final class Dcmtk {

    private Dcmtk() {
    }

    record Result(int exitCode, String output) {
    }

    static void assumeInstalled(String tool) {
        boolean found = false;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                found = true;
                break;
            }
        }
        Assumptions.assumeTrue(found, "dcmtk tool '" + tool + "' not on PATH (apt-get install dcmtk): test skipped");
    }

    /** Runs a tool to completion; the process is killed if it outlives the timeout. */
    static Result run(Duration timeout, String... command) throws IOException, InterruptedException {
        assumeInstalled(command[0]);
        Process process = start(command);
        try (InputStream out = process.getInputStream()) {
            byte[] bytes = readWithin(process, out, timeout);
            return new Result(process.exitValue(), new String(bytes, StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
        }
    }

    static Process start(String... command) throws IOException {
        assumeInstalled(command[0]);
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).redirectErrorStream(true);
        // dcmtk 3.6.7 leaves Nagle on unless told: ~40 ms stall per object
        builder.environment().put("TCP_NODELAY", "1");
        return builder.start();
    }

    private static byte[] readWithin(Process process, InputStream out, Duration timeout)
            throws IOException, InterruptedException {
        List<Byte> collected = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try {
                int b;
                while ((b = out.read()) >= 0) {
                    synchronized (collected) {
                        collected.add((byte) b);
                    }
                }
            } catch (IOException ignored) {
                // process ended
            }
        });
        reader.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        reader.join(5000);
        synchronized (collected) {
            byte[] bytes = new byte[collected.size()];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = collected.get(i);
            }
            return bytes;
        }
    }
}
