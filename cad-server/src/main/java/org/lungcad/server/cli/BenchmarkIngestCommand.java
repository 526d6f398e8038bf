package org.lungcad.server.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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
 * dcmtk's storescp writing to disk, both fed by the same dcmtk storescu, in turn, on loopback. A third receiver,
 * storescp --ignore (receives, stores nothing), and a probe of the file system's fsync cost show how much of the
 * difference is the sender and loopback, and how much the price of acknowledging only what is on disk.
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
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        // every round writes new files on both sides (storescp: unique file names; the node: a spool per round), so
        // that both measure first-time ingest: resending into the same names would have storescp truncate and
        // rewrite its files and the node replace its spooled ones, a different path with other costs
        Path storescpDir = Files.createDirectories(work.resolve("storescp"));
        int storescpPort = FreePorts.find();
        int ceilingPort = FreePorts.find();
        Process storescp = startStorescp("STORESCP", storescpPort, work.resolve("storescp.log"),
                "-od", storescpDir.toString(), "+uf");
        // receives every data set and stores nothing: what this sender and loopback allow any receiver at most
        Process ceiling = startStorescp("CEILING", ceilingPort, work.resolve("ceiling.log"), "--ignore");
        StorageScpConfig nodeConfig = new StorageScpConfig("LUNGCAD", "127.0.0.1", 0, Set.of(), 4, 4, Duration.ofSeconds(60));
        try (SeriesAssembler assembler = new SeriesAssembler(Duration.ofHours(1), Duration.ofHours(1), scheduler,
                Clock.systemUTC(), s -> { })) {
            waitForEcho("STORESCP", storescpPort);
            waitForEcho("CEILING", ceilingPort);
            out.printf("ingest benchmark: %d files, %.1f MB, %d warm-up + %d timed rounds, storescu → 127.0.0.1,"
                            + " new files every round%n", files.size(), bytes / 1e6, WARM_UP_ROUNDS, rounds);
            double[] node = new double[rounds];
            double[] disk = new double[rounds];
            double[] none = new double[rounds];
            for (int r = 0; r < WARM_UP_ROUNDS + rounds; r++) {
                try (StorageScp scp = new StorageScp(nodeConfig, new InstanceSpool(work.resolve("spool-" + r)),
                        assembler::accept)) {
                    scp.start();
                    // the same untimed warm-up rounds for all (JIT for the node, page cache for all); the order
                    // rotates so that none is always first after the previous round's writes
                    double[] seconds = new double[3];
                    for (int k = 0; k < 3; k++) {
                        int arm = (r + k) % 3;
                        seconds[arm] = switch (arm) {
                            case 0 -> sendAll("LUNGCAD", scp.port(), files);
                            case 1 -> sendAll("STORESCP", storescpPort, files);
                            default -> sendAll("CEILING", ceilingPort, files);
                        };
                    }
                    if (r < WARM_UP_ROUNDS) {
                        continue;
                    }
                    int t = r - WARM_UP_ROUNDS;
                    node[t] = seconds[0];
                    disk[t] = seconds[1];
                    none[t] = seconds[2];
                    out.printf("round %d: LungCAD %.0f inst/s   storescp %.0f inst/s   storescp --ignore %.0f inst/s"
                                    + "   ratio %.2f%n", t + 1, files.size() / node[t], files.size() / disk[t],
                            files.size() / none[t], disk[t] / node[t]);
                }
            }
            double nodeMedian = DurabilityCost.median(node);
            double storescpMedian = DurabilityCost.median(disk);
            double ceilingMedian = DurabilityCost.median(none);
            double[] ratios = new double[rounds];
            for (int t = 0; t < rounds; t++) {
                ratios[t] = disk[t] / node[t];
            }
            out.printf("median: LungCAD %.1f inst/s, %.1f MB/s (fsync per instance)   storescp %.1f inst/s, %.1f MB/s"
                            + " (no fsync)   storescp --ignore %.1f inst/s (stores nothing)%n",
                    files.size() / nodeMedian, bytes / 1e6 / nodeMedian, files.size() / storescpMedian,
                    bytes / 1e6 / storescpMedian, files.size() / ceilingMedian);
            out.printf("per instance: LungCAD %.2f ms   storescp %.2f ms   storescp --ignore %.2f ms%n",
                    nodeMedian * 1e3 / files.size(), storescpMedian * 1e3 / files.size(), ceilingMedian * 1e3 / files.size());
            out.printf("throughput ratio LungCAD / storescp = %.2f (of the medians); median of the per-round ratios = %.2f;"
                            + " storescp / storescp --ignore = %.2f%n",
                    storescpMedian / nodeMedian, DurabilityCost.median(ratios), ceilingMedian / storescpMedian);
            long meanSize = bytes / files.size();
            DurabilityCost cost = DurabilityCost.measure(work.resolve("durability-probe"), meanSize);
            out.printf("durability on this file system (%d × %d kB, medians): page-cache write %.2f ms; write + fsync +"
                            + " rename + directory fsync (the spool) %.2f ms; overwrite of a preallocated journal +"
                            + " fdatasync (the cheapest durable write) %.2f ms%n", DurabilityCost.SAMPLES,
                    meanSize / 1024, cost.writeOnlyMs(), cost.spoolMs(), cost.journalMs());
            // a receiver that stores durably needs at least the sender's time (the ceiling) plus the part of its durable
            // write that cannot overlap the transfer: the flush after the last byte (generously: durable minus plain write)
            double ceilingMs = ceilingMedian * 1e3 / files.size();
            double storescpMs = storescpMedian * 1e3 / files.size();
            double spoolFlushMs = Math.max(0, cost.spoolMs() - cost.writeOnlyMs());
            double journalFlushMs = Math.max(0, cost.journalMs() - cost.writeOnlyMs());
            out.printf("upper bound of the ratio for any receiver that answers only once the instance is on disk:"
                            + " %.2f with the spool's sequence, %.2f with a journal (storescp %.2f ms ÷ (storescp --ignore"
                            + " %.2f ms + flush %.2f or %.2f ms))%n", storescpMs / (ceilingMs + spoolFlushMs),
                    storescpMs / (ceilingMs + journalFlushMs), storescpMs, ceilingMs, spoolFlushMs, journalFlushMs);
            return 0;
        } finally {
            stop(storescp);
            stop(ceiling);
            scheduler.shutdownNow();
            FileTrees.deleteRecursively(work); // a new file per instance and round: do not leave gigabytes in the temp folder
        }
    }

    private static Process startStorescp(String aeTitle, int port, Path log, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of("storescp", "-aet", aeTitle));
        command.addAll(List.of(options));
        command.add(Integer.toString(port));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("TCP_NODELAY", "1"); // same socket settings as the node: no Nagle stalls
        return builder.start();
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        process.waitFor();
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
}
