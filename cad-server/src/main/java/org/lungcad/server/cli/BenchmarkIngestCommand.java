package org.lungcad.server.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
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

    @Option(names = "--rounds", defaultValue = "5",
            description = "timed rounds (after two untimed ones); each sends the series once to each receiver")
    int rounds;

    private static final int WARM_UP_ROUNDS = 2;

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
        int storescpPort = FreePorts.find();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        // every round writes new files on both sides (storescp: unique file names; the node: a spool per round), so
        // that both measure first-time ingest: resending into the same names would have storescp truncate and
        // rewrite its files and the node replace its spooled ones, a different path with other costs
        Path storescpDir = Files.createDirectories(work.resolve("storescp"));
        ProcessBuilder storescpBuilder = new ProcessBuilder("storescp", "-aet", "STORESCP", "-od", storescpDir.toString(),
                "+uf", Integer.toString(storescpPort))
                .redirectErrorStream(true).redirectOutput(work.resolve("storescp.log").toFile());
        storescpBuilder.environment().put("TCP_NODELAY", "1"); // same socket settings as the node: no Nagle stalls
        Process storescp = storescpBuilder.start();
        StorageScpConfig nodeConfig = new StorageScpConfig("LUNGCAD", "127.0.0.1", 0, Set.of(), 4, 4, Duration.ofSeconds(60));
        try (SeriesAssembler assembler = new SeriesAssembler(Duration.ofHours(1), Duration.ofHours(1), scheduler, s -> { })) {
            waitForEcho("STORESCP", storescpPort);
            out.printf("ingest benchmark: %d files, %.1f MB, %d warm-up + %d timed rounds, storescu → 127.0.0.1,"
                            + " new files every round%n", files.size(), bytes / 1e6, WARM_UP_ROUNDS, rounds);
            int total = WARM_UP_ROUNDS + rounds;
            double[] nodeSeconds = new double[rounds];
            double[] storescpSeconds = new double[rounds];
            for (int r = 0; r < total; r++) {
                // the same number of untimed warm-up rounds for both: JIT for the node, page cache for both
                boolean nodeFirst = r % 2 == 0;
                try (StorageScp node = new StorageScp(nodeConfig, new InstanceSpool(work.resolve("spool-" + r)),
                        assembler::accept)) {
                    node.start();
                    double nodeTime;
                    double storescpTime;
                    if (nodeFirst) {
                        nodeTime = sendAll("LUNGCAD", node.port(), files);
                        storescpTime = sendAll("STORESCP", storescpPort, files);
                    } else {
                        storescpTime = sendAll("STORESCP", storescpPort, files);
                        nodeTime = sendAll("LUNGCAD", node.port(), files);
                    }
                    if (r < WARM_UP_ROUNDS) {
                        continue;
                    }
                    int t = r - WARM_UP_ROUNDS;
                    nodeSeconds[t] = nodeTime;
                    storescpSeconds[t] = storescpTime;
                    out.printf("round %d: LungCAD %.2f s (%.0f inst/s)   storescp %.2f s (%.0f inst/s)   ratio %.2f%n", t + 1,
                            nodeTime, files.size() / nodeTime, storescpTime, files.size() / storescpTime,
                            storescpTime / nodeTime);
                }
            }
            double nodeMedian = median(nodeSeconds);
            double storescpMedian = median(storescpSeconds);
            double[] ratios = new double[rounds];
            for (int t = 0; t < rounds; t++) {
                ratios[t] = storescpSeconds[t] / nodeSeconds[t];
            }
            out.printf("median: LungCAD %.1f inst/s, %.1f MB/s (fsync per instance)   storescp %.1f inst/s, %.1f MB/s (no fsync)%n",
                    files.size() / nodeMedian, bytes / 1e6 / nodeMedian, files.size() / storescpMedian, bytes / 1e6 / storescpMedian);
            out.printf("throughput ratio LungCAD / storescp = %.2f (of the medians); median of the per-round ratios = %.2f%n",
                    storescpMedian / nodeMedian, median(ratios));
            return 0;
        } finally {
            storescp.destroy();
            storescp.waitFor();
            scheduler.shutdownNow();
            deleteRecursively(work); // a new file per instance and round: do not leave gigabytes in the temp folder
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
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
