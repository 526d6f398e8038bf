package org.lungcad.server.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;
import org.lungcad.dicom.series.SeriesAssembler;
import org.lungcad.dicom.net.StorageScp;
import org.lungcad.dicom.net.StorageScpConfig;
import org.lungcad.dicom.spool.InstanceSpool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Ingest throughput of the node's receiving path (Storage SCP → fsync'd spool → series assembly) against
 * dcmtk's storescp writing to disk, both fed by the same dcmtk storescu, alternating, on loopback.
 */
@Command(name = "benchmark-ingest", description = "Compare the node's C-STORE ingest throughput with dcmtk storescp.")
class BenchmarkIngestCommand implements Callable<Integer> {

    @Option(names = "--input", description = "folder of DICOM files to send (default: ${DEFAULT-VALUE})")
    Path input = DemoCommand.SHARED_CT;

    @Option(names = "--rounds", defaultValue = "5", description = "rounds; each sends the series once to each receiver")
    int rounds;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(input)) {
            out.println("No input folder " + input.toAbsolutePath() + ": pass --input DIR");
            return 2;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(input)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        long bytes = 0;
        for (Path f : files) {
            bytes += Files.size(f);
        }
        Path work = Files.createTempDirectory("lungcad-bench-");
        Path storescpDir = Files.createDirectories(work.resolve("storescp"));
        int storescpPort = FreePorts.find();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        ProcessBuilder storescpBuilder = new ProcessBuilder("storescp", "-aet", "STORESCP", "-od", storescpDir.toString(),
                Integer.toString(storescpPort))
                .redirectErrorStream(true).redirectOutput(work.resolve("storescp.log").toFile());
        storescpBuilder.environment().put("TCP_NODELAY", "1"); // same socket settings as the node: no Nagle stalls
        Process storescp = storescpBuilder.start();
        try (SeriesAssembler assembler = new SeriesAssembler(Duration.ofHours(1), Duration.ofHours(1), scheduler, s -> { });
             StorageScp node = new StorageScp(new StorageScpConfig("LUNGCAD", "127.0.0.1", 0, Set.of(), 4, 4,
                     Duration.ofSeconds(60)), new InstanceSpool(work.resolve("spool")), assembler::accept)) {
            node.start();
            waitForEcho("STORESCP", storescpPort);
            out.printf("ingest benchmark: %d files, %.1f MB, %d rounds, storescu → 127.0.0.1%n",
                    files.size(), bytes / 1e6, rounds);
            sendAll("LUNGCAD", node.port(), files); // warm-up: JIT and page cache for both receivers
            sendAll("STORESCP", storescpPort, files);
            double[] nodeSeconds = new double[rounds];
            double[] storescpSeconds = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                boolean nodeFirst = r % 2 == 0;
                if (nodeFirst) {
                    nodeSeconds[r] = sendAll("LUNGCAD", node.port(), files);
                    storescpSeconds[r] = sendAll("STORESCP", storescpPort, files);
                } else {
                    storescpSeconds[r] = sendAll("STORESCP", storescpPort, files);
                    nodeSeconds[r] = sendAll("LUNGCAD", node.port(), files);
                }
                out.printf("round %d: LungCAD %.2f s (%.0f inst/s)   storescp %.2f s (%.0f inst/s)%n", r + 1,
                        nodeSeconds[r], files.size() / nodeSeconds[r], storescpSeconds[r], files.size() / storescpSeconds[r]);
            }
            double nodeMedian = median(nodeSeconds);
            double storescpMedian = median(storescpSeconds);
            out.printf("median: LungCAD %.1f inst/s, %.1f MB/s (fsync per instance)   storescp %.1f inst/s, %.1f MB/s (no fsync)%n",
                    files.size() / nodeMedian, bytes / 1e6 / nodeMedian, files.size() / storescpMedian, bytes / 1e6 / storescpMedian);
            out.printf("throughput ratio LungCAD / storescp = %.2f%n", storescpMedian / nodeMedian);
            return 0;
        } finally {
            storescp.destroy();
            scheduler.shutdownNow();
        }
    }

    private static double sendAll(String calledAe, int port, List<Path> files) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("storescu", "-aet", "BENCH", "-aec", calledAe, "127.0.0.1",
                Integer.toString(port)));
        files.forEach(f -> command.add(f.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("TCP_NODELAY", "1"); // dcmtk 3.6.7 leaves Nagle on otherwise
        long start = System.nanoTime();
        Process p = pb.start();
        String log = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("storescu to " + calledAe + " failed: " + log);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static void waitForEcho(String calledAe, int port) throws IOException, InterruptedException {
        for (int i = 0; i < 100; i++) {
            ProcessBuilder pb = new ProcessBuilder("echoscu", "-aec", calledAe, "127.0.0.1", Integer.toString(port))
                    .redirectErrorStream(true);
            Process p = pb.start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() == 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IOException(calledAe + " did not answer C-ECHO on port " + port);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
