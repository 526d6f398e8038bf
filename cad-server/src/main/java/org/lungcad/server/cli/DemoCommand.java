package org.lungcad.server.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.lungcad.dicom.net.DicomNode;
import org.lungcad.dicom.net.StorageScu;
import org.lungcad.dicom.net.StoreResult;
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
 * The whole receiving loop on embedded defaults: starts the node on loopback, sends it a CT series over
 * DICOM and follows the job until it settles, printing what an administrator would see in {@code /api/studies}.
 */
@Command(name = "demo", description = "Start the node on 127.0.0.1, send it a CT series and show the result.")
class DemoCommand implements Callable<Integer> {

    static final Path SHARED_CT = Path.of("..", "shared", "data", "lidc-idri-0001", "series");

    @Option(names = "--input", description = "folder of DICOM files to send (default: ${DEFAULT-VALUE} when present)")
    Path input = SHARED_CT;

    @Option(names = "--storage", description = "storage directory (default: a new temporary folder)")
    Path storage;

    @Option(names = "--timeout", defaultValue = "PT5M", description = "how long to wait for the result (ISO-8601)")
    Duration timeout;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(input)) {
            out.println("No CT series found at " + input.toAbsolutePath() + ": pass --input DIR with DICOM files.");
            return 2;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(input)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        Path storageDir = storage != null ? storage : Files.createTempDirectory("lungcad-demo-");
        int dicomPort = FreePorts.find();
        out.printf("LungCAD demo — computer-aided detection, not a diagnosis%n");
        out.printf("storage: %s%n", storageDir.toAbsolutePath());
        // command-line arguments: they take precedence over application.yml and the environment
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(LungCadApplication.class).run(
                "--lungcad.storage.directory=" + storageDir.toAbsolutePath(),
                "--lungcad.dicom.bind-address=127.0.0.1",
                "--lungcad.dicom.port=" + dicomPort,
                "--lungcad.series.quiet-period=2s",
                "--server.address=127.0.0.1",
                "--server.port=0",
                "--logging.level.root=WARN")) {
            DicomListener listener = context.getBean(DicomListener.class);
            DicomNode node = new DicomNode(listener.aeTitle(), "127.0.0.1", listener.port());
            out.printf("node %s is up; sending %d files from %s%n", node, files.size(), input);
            long sendStart = System.nanoTime();
            StoreResult sent = new StorageScu().store(node, "LUNGCAD_DEMO", files);
            out.printf("C-STORE: %d acknowledged, %d failed in %d ms%n", sent.successCount(), sent.failureCount(),
                    (System.nanoTime() - sendStart) / 1_000_000);
            return follow(context.getBean(JobRepository.class)) ? 0 : 1;
        }
    }

    /** Polls the job table until every series has settled, printing each state change. */
    private boolean follow(JobRepository jobs) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            List<SeriesJob> all = jobs.findAll(100);
            String now = all.stream().map(j -> j.seriesInstanceUid() + "=" + j.state()).toList().toString();
            if (!now.equals(last)) {
                all.forEach(j -> out.printf("  series …%s: %s%n", tail(j.seriesInstanceUid()), j.state()));
                last = now;
            }
            if (!all.isEmpty() && all.stream().allMatch(DemoCommand::settled)) {
                printTable(all);
                return all.stream().noneMatch(j -> j.state() == JobState.FAILED);
            }
            Thread.sleep(500);
        }
        out.println("timed out waiting for the analysis (" + timeout + ")");
        return false;
    }

    static boolean settled(SeriesJob job) {
        return job.state().isFinal() || job.state() == JobState.REPORTED;
    }

    private void printTable(List<SeriesJob> jobs) {
        out.println();
        out.printf("%-12s %-10s %9s %-16s %-22s %s%n", "series", "state", "instances", "voxels", "spacing (mm)", "reason / HU range");
        for (SeriesJob j : jobs) {
            String voxels = Optional.ofNullable(j.volume()).map(v -> v.columns() + "x" + v.rows() + "x" + v.slices()).orElse("-");
            String spacing = Optional.ofNullable(j.volume())
                    .map(v -> String.format("%.3f/%.3f/%.3f", v.spacingXMm(), v.spacingYMm(), v.spacingZMm())).orElse("-");
            String detail = j.reasonDetail() != null ? j.reasonDetail()
                    : Optional.ofNullable(j.volume()).map(v -> String.format("HU %.0f…%.0f", v.huMin(), v.huMax())).orElse("");
            out.printf("…%-11s %-10s %9d %-16s %-22s %s%n", tail(j.seriesInstanceUid()), j.state(), j.instanceCount(),
                    voxels, spacing, detail);
            j.timings().forEach(t -> out.printf("%14s%-28s %6d ms%n", "", t.stage(), t.millis()));
            if (j.findings() != null) {
                FindingsTable.print(out, j.algorithm(), j.findings());
            }
        }
    }

    private static String tail(String uid) {
        return uid.length() <= 10 ? uid : uid.substring(uid.length() - 10);
    }

}
