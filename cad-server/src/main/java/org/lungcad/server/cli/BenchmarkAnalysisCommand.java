package org.lungcad.server.cli;

import org.lungcad.server.analysis.ScanVolumeMapper;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.lungcad.model.PatientContext;
import org.lungcad.model.ScanAnalysis;
import org.lungcad.model.ScanVolume;
import org.lungcad.model.engine.DetectorRuntime;
import org.lungcad.model.synthetic.ChestPhantom;
import org.lungcad.model.synthetic.SyntheticCases;
import org.lungcad.server.offline.LoadedSeries;
import org.lungcad.server.offline.MemoryProbe;
import org.lungcad.server.offline.OfflineSettings;
import org.lungcad.model.resample.ZResampler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Time and memory of the analysis (detector + Brock/Lung-RADS scoring) of a 512 × 512 × S volume on this machine.
 * The volume is prepared in memory first, so DICOM loading and SR/SC writing are NOT in the timed figures (the load
 * of a real input is printed separately). Prints figures; it is a measurement, not a test.
 */
@Command(name = "benchmark-analysis", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Measure the analysis of a 512x512xS volume: per-stage and total time, peak heap, RSS.")
class BenchmarkAnalysisCommand implements Callable<Integer> {

    @Option(names = "--input",
            description = "a real CT series, resampled in z to --slices (default: the chest phantom with nodules)")
    Path input;

    @Option(names = "--slices", defaultValue = "300",
            description = "slices S of the analysed volume (default: ${DEFAULT-VALUE})")
    int slices;

    @Option(names = "--runs", defaultValue = "3",
            description = "timed runs; medians are printed (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--warmup", defaultValue = "1",
            description = "untimed runs first; the first starts the engine and warms the JIT (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--nodules", defaultValue = "10", description = "nodules in the phantom (default: ${DEFAULT-VALUE})")
    int nodules;

    @Option(names = "--seed", defaultValue = "7", description = "phantom seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--storage", defaultValue = "lungcad-data",
            description = "data directory with the DJL engine cache (default: ${DEFAULT-VALUE})")
    Path storage;

    @Option(names = "--cpu", description = "never use a GPU")
    boolean cpuOnly;

    @Option(names = "--workers", defaultValue = "1",
            description = "series analysed at once, each worker with its share of the cores, as the node's"
                    + " lungcad.processing.workers; a run is then one series per worker and the throughput is"
                    + " printed in series per hour (default: ${DEFAULT-VALUE})")
    int workers;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        OfflineSettings.quietLogging(false);
        if (slices < 120 || slices > 2000 || runs < 1 || warmup < 0 || workers < 1 || workers > 16) {
            out.println("--slices must be in 120..2000 (the phantom needs 150 mm at 1.25 mm), --runs >= 1,"
                    + " --warmup >= 0, --workers in 1..16");
            return 2;
        }
        out.printf("LungCAD analysis benchmark: %d cores, max heap %d MB%n", Runtime.getRuntime().availableProcessors(),
                MemoryProbe.maxHeapBytes() >> 20);
        ScanVolume scan;
        PatientContext patient;
        if (input != null && Files.isDirectory(input)) {
            Optional<LoadedSeries> loaded = LoadedSeries.firstQualifying(input, out);
            if (loaded.isEmpty()) {
                out.println("No qualifying CT series in " + input);
                return 2;
            }
            LoadedSeries s = loaded.get();
            out.printf(Locale.ROOT,
                    "input: %s, %d×%d×%d at %.3f/%.3f/%.3f mm, qualified and loaded in %d ms (not timed below)%n",
                    input, s.scan().width(), s.scan().height(), s.scan().depth(), s.scan().spacingX(),
                    s.scan().spacingY(), s.scan().spacingZ(), s.loadMillis());
            long t = System.nanoTime();
            scan = ZResampler.toSlices(s.scan(), slices);
            out.printf(Locale.ROOT, "resampled in z (linear) to %d slices at %.3f mm in %d ms (not timed below)%n", slices,
                    scan.spacingZ(), (System.nanoTime() - t) / 1_000_000);
            patient = ScanVolumeMapper.patient(s.qualified().header());
        } else {
            long t = System.nanoTime();
            scan = SyntheticCases.generate(new ChestPhantom.Config(512, 512, slices, 0.7, 1.25, 15, true, seed),
                    nodules, "benchmark", seed).volume();
            out.printf(Locale.ROOT,
                    "input: chest phantom 512×512×%d at 0.7/0.7/1.25 mm with %d nodules, made in %d ms (not timed below)%n",
                    slices, nodules, (System.nanoTime() - t) / 1_000_000);
            patient = PatientContext.unknown();
        }
        out.println("timed: detector stages + scoring per series, volume already in memory;"
                + " DICOM loading and SR/SC writing excluded");

        List<Map<String, Long>> timed = new ArrayList<>();
        List<Long> roundMillis = new ArrayList<>();
        long gcBefore = 0;
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try (DetectorRuntime runtime = new DetectorRuntime(
                OfflineSettings.properties(storage, null, null, cpuOnly, workers).detectorRuntime());
             MemoryProbe memory = new MemoryProbe()) {
            out.printf("%d worker(s), %d libtorch intra-op thread(s) each%n", workers,
                    runtime.settings().threadsPerWorker());
            for (int r = 0; r < warmup + runs; r++) {
                if (r == warmup) {
                    gcBefore = gcMillis();
                }
                long start = System.nanoTime();
                List<Future<Map<String, Long>>> round = new ArrayList<>();
                for (int w = 0; w < workers; w++) {
                    round.add(pool.submit(() -> runOnce(runtime, scan, patient)));
                }
                List<Map<String, Long>> results = new ArrayList<>();
                for (Future<Map<String, Long>> f : round) {
                    results.add(f.get());
                }
                long wall = (System.nanoTime() - start) / 1_000_000;
                boolean warm = r < warmup;
                out.printf(Locale.ROOT, "%s %d: %d series in %.2f s, %d finding(s) each%s%n", warm ? "warm-up" : "run",
                        warm ? r + 1 : r - warmup + 1, workers, wall / 1e3, results.get(0).get("findings"),
                        r == 0 ? " (includes engine start)" : "");
                if (!warm) {
                    results.forEach(m -> m.remove("findings"));
                    timed.addAll(results);
                    roundMillis.add(wall);
                }
            }
            printSummary(timed, memory, gcMillis() - gcBefore);
            long[] rounds = roundMillis.stream().mapToLong(Long::longValue).sorted().toArray();
            out.printf(Locale.ROOT, "throughput: %.0f series per hour with %d worker(s) (median round %.2f s)%n",
                    workers * 3_600_000.0 / median(rounds), workers, median(rounds) / 1e3);
        } finally {
            pool.shutdownNow();
        }
        return 0;
    }

    private static Map<String, Long> runOnce(DetectorRuntime runtime, ScanVolume scan, PatientContext patient)
            throws InterruptedException {
        try (DetectorRuntime.Lease detector = runtime.acquire()) {
            long start = System.nanoTime();
            ScanAnalysis result = detector.analyse(scan, patient);
            long total = (System.nanoTime() - start) / 1_000_000;
            Map<String, Long> stages = new LinkedHashMap<>();
            result.detection().timings().forEach(t -> stages.put("detect." + t.name(), t.millis()));
            stages.put("score", result.scoringMillis());
            stages.put("total", total);
            stages.put("findings", (long) result.findings().size());
            return stages;
        }
    }

    private void printSummary(List<Map<String, Long>> timed, MemoryProbe memory, long gcMillis) {
        out.printf("%nmedian of %d run(s):%n", timed.size());
        for (String stage : timed.get(0).keySet()) {
            long[] v = timed.stream().mapToLong(m -> m.getOrDefault(stage, 0L)).sorted().toArray();
            out.printf(Locale.ROOT, "  %-30s %8d ms   (min %d, max %d)%n", stage, median(v), v[0], v[v.length - 1]);
        }
        out.printf(Locale.ROOT, "GC time during the timed runs: %d ms%n", gcMillis);
        out.printf(Locale.ROOT, "peak Java heap: %d MB sampled every 20 ms; %d MB sum of heap-pool peaks (upper bound);"
                + " max heap %d MB%n", memory.sampledPeakHeapBytes() >> 20, MemoryProbe.poolPeakHeapBytes() >> 20,
                MemoryProbe.maxHeapBytes() >> 20);
        OptionalLong hwm = MemoryProbe.procStatusBytes("VmHWM");
        OptionalLong rss = MemoryProbe.procStatusBytes("VmRSS");
        out.printf(Locale.ROOT,
                "process RSS: peak (VmHWM) %s, now (VmRSS) %s — whole process: heap, JIT, libtorch tensors%n",
                mb(hwm), mb(rss));
    }

    private static String mb(OptionalLong bytes) {
        return bytes.isPresent() ? (bytes.getAsLong() >> 20) + " MB" : "n/a (no /proc)";
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(t -> t > 0).sum();
    }

    private static long median(long[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
