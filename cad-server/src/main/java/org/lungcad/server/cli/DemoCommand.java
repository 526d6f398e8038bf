package org.lungcad.server.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.lungcad.dicom.net.DicomNode;
import org.lungcad.dicom.net.StorageScu;
import org.lungcad.dicom.net.StoreResult;
import org.lungcad.model.synthetic.GroundTruth;
import org.lungcad.server.LungCadApplication;
import org.lungcad.server.dicom.DicomListener;
import org.lungcad.server.job.JobRepository;
import org.lungcad.server.job.JobState;
import org.lungcad.server.job.SeriesJob;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The whole loop on embedded defaults, on loopback: a local Orthanc plays the PACS, routes a chest CT to the node
 * and receives the TID 1500 report and the marked images back; the demo follows the job and prints the findings,
 * the turnaround and where the PNG renderings are. Without Orthanc installed it sends the CT itself.
 */
@Command(name = "demo", description = "Run the whole loop on loopback: PACS → LungCAD → results in the PACS.")
class DemoCommand implements Callable<Integer> {

    static final Path SHARED_CT = Path.of("..", "shared", "data", "lidc-idri-0001", "series");

    @Option(names = "--input", description = "folder of a CT series to send (default: ${DEFAULT-VALUE} when present, "
            + "else the procedural chest phantom)")
    Path input = SHARED_CT;

    @Option(names = "--phantom", description = "send the procedural chest phantom with synthetic nodules")
    boolean phantom;

    @Option(names = "--no-pacs", description = "send the CT directly instead of through a local Orthanc")
    boolean noPacs;

    @Option(names = "--storage", description = "working folder (default: a new temporary folder)")
    Path storage;

    @Option(names = "--timeout-seconds", defaultValue = "600", description = "how long to wait for the results")
    int timeoutSeconds;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        Path work = storage != null ? Files.createDirectories(storage) : Files.createTempDirectory("lungcad-demo-");
        out.println("LungCAD demo — computer-aided detection, not a diagnosis");
        out.println("working folder: " + work.toAbsolutePath());
        DemoInput.Series ct;
        if (!phantom && Files.isDirectory(input)) {
            ct = DemoInput.of(input);
        } else {
            out.println("generating the procedural chest phantom (no CT at " + input + ") …");
            ct = DemoInput.phantom(work.resolve("phantom-ct"), 6, 2026);
        }
        out.println("CT: " + ct.description());

        int nodePort = FreePorts.find();
        boolean withPacs = !noPacs && DemoPacs.available();
        List<String> args = new ArrayList<>(List.of(
                "--lungcad.storage.directory=" + work.resolve("node").toAbsolutePath(),
                "--lungcad.dicom.bind-address=127.0.0.1",
                "--lungcad.dicom.port=" + nodePort,
                "--lungcad.series.quiet-period=2s",
                "--server.address=127.0.0.1",
                "--server.port=0",
                "--logging.level.root=WARN"));
        try (DemoPacs pacs = withPacs ? DemoPacs.start(work.resolve("pacs"), "LUNGCAD", nodePort) : null) {
            if (pacs != null) {
                args.addAll(List.of("--lungcad.destinations[0].ae-title=" + DemoPacs.AE_TITLE,
                        "--lungcad.destinations[0].host=127.0.0.1",
                        "--lungcad.destinations[0].port=" + pacs.dicomPort()));
            } else {
                out.println("Orthanc is not installed (apt-get install orthanc): sending the CT to the node directly");
            }
            // command-line arguments: they take precedence over application.yml and the environment
            try (ConfigurableApplicationContext node = new SpringApplicationBuilder(LungCadApplication.class)
                    .run(args.toArray(String[]::new))) {
                DicomListener listener = node.getBean(DicomListener.class);
                out.printf("LungCAD node %s listening on 127.0.0.1:%d%n", listener.aeTitle(), listener.port());
                String orthancSeries = null;
                long acknowledged;
                if (pacs != null) {
                    orthancSeries = pacs.upload(ct.files()).iterator().next();
                    out.printf("PACS (Orthanc, AE %s) holds the CT; routing it to LUNGCAD …%n", DemoPacs.AE_TITLE);
                    pacs.routeToNode(orthancSeries);
                } else {
                    StoreResult sent = new StorageScu().store(new DicomNode(listener.aeTitle(), "127.0.0.1",
                            listener.port()), "LUNGCAD_DEMO", ct.files());
                    out.printf("C-STORE: %d acknowledged, %d failed%n", sent.successCount(), sent.failureCount());
                }
                acknowledged = System.nanoTime();
                out.println("all CT instances acknowledged; waiting for the analysis …");
                Optional<SeriesJob> job = follow(node.getBean(JobRepository.class), pacs != null);
                if (job.isEmpty()) {
                    out.println("timed out after " + timeoutSeconds + " s");
                    return 1;
                }
                SeriesJob j = job.get();
                double turnaround = (System.nanoTime() - acknowledged) / 1e9;
                printSummary(j);
                if (j.findings() != null) {
                    FindingsTable.print(out, j.algorithm(), j.findings());
                }
                printGroundTruth(ct.groundTruth());
                out.println();
                if (pacs != null && j.state() == JobState.DELIVERED) {
                    out.printf(Locale.ROOT, "turnaround (last CT instance acknowledged → results stored in the PACS): %.1f s%n",
                            turnaround);
                    out.printf("the PACS now holds, in the same study: %s (report in PACS: %s)%n",
                            pacs.studyModalities(orthancSeries), pacs.holds(j.reportSopInstanceUid()) ? "yes" : "NO");
                } else {
                    out.printf(Locale.ROOT, "turnaround (last CT instance acknowledged → %s): %.1f s%n", j.state(), turnaround);
                }
                if (j.resultsDirectory() != null) {
                    out.println("PNG renderings: " + Path.of(j.resultsDirectory()).resolve("png").toAbsolutePath());
                    out.println("DICOM results:  " + Path.of(j.resultsDirectory()).resolve("dicom").toAbsolutePath());
                }
                boolean ok = j.state() == JobState.DELIVERED || pacs == null && j.state() == JobState.REPORTED;
                out.println(ok ? "demo finished." : "demo finished with state " + j.state() + ": " + j.reasonDetail());
                return ok ? 0 : 1;
            }
        } finally {
            if (storage == null) {
                removeEngineLibraries(work);
            }
        }
    }

    /**
     * The PyTorch libraries extracted into a temporary working folder (about 430 MB) would otherwise stay behind
     * in /tmp after every demo; the results beside them are kept for the reader to open.
     */
    private void removeEngineLibraries(Path work) {
        Path engine = work.resolve("node").resolve("djl");
        try {
            long bytes = FileTrees.sizeBytes(engine);
            FileTrees.deleteRecursively(engine);
            if (bytes > 0) {
                out.printf("removed the engine's native libraries (%d MB) from the temporary working folder%n", bytes >> 20);
            }
        } catch (IOException e) {
            out.println("could not remove " + engine + ": " + e.getMessage());
        }
    }

    /** Polls the job table until the series has settled, printing each state change. */
    private Optional<SeriesJob> follow(JobRepository jobs, boolean delivering) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        JobState last = null;
        while (System.nanoTime() < deadline) {
            List<SeriesJob> all = jobs.findAll(10);
            if (!all.isEmpty()) {
                SeriesJob job = all.get(0);
                if (job.state() != last) {
                    out.printf("  series …%s: %s%n", tail(job.seriesInstanceUid()), job.state());
                    last = job.state();
                }
                if (job.state().isFinal() || !delivering && job.state() == JobState.REPORTED) {
                    return Optional.of(job);
                }
            }
            Thread.sleep(250);
        }
        return Optional.empty();
    }

    private void printSummary(SeriesJob j) {
        out.println();
        out.printf("series …%s: %s, %d instances%n", tail(j.seriesInstanceUid()), j.state(), j.instanceCount());
        if (j.reasonDetail() != null) {
            out.println("  reason: " + j.reasonDetail());
        }
        Optional.ofNullable(j.volume()).ifPresent(v -> out.printf(Locale.ROOT,
                "  volume %dx%dx%d, spacing %.3f/%.3f/%.3f mm, HU %.0f…%.0f%n", v.columns(), v.rows(), v.slices(),
                v.spacingXMm(), v.spacingYMm(), v.spacingZMm(), v.huMin(), v.huMax()));
        j.timings().forEach(t -> out.printf("  %-30s %7d ms%n", t.stage(), t.millis()));
    }

    private void printGroundTruth(List<GroundTruth> truth) {
        if (truth.isEmpty()) {
            return;
        }
        out.println();
        out.println("Inserted synthetic nodules (ground truth):");
        for (GroundTruth g : truth) {
            double[] c = g.centerLps();
            out.printf(Locale.ROOT, "  (%7.1f,%7.1f,%7.1f) %5.1f mm %s%n", c[0], c[1], c[2], g.diameterMm(),
                    g.type().name().toLowerCase(Locale.ROOT));
        }
    }

    private static String tail(String uid) {
        return uid.length() <= 10 ? uid : uid.substring(uid.length() - 10);
    }
}
