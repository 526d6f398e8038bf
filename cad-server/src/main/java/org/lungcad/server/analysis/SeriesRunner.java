package org.lungcad.server.analysis;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.lungcad.dicom.series.CompletedSeries;
import org.lungcad.dicom.series.Qualification;
import org.lungcad.dicom.series.QualificationRules;
import org.lungcad.dicom.series.QualifiedSeries;
import org.lungcad.dicom.series.SeriesQualifier;
import org.lungcad.dicom.volume.CtVolume;
import org.lungcad.dicom.volume.CtVolumeLoader;
import org.lungcad.dicom.volume.VolumeLoadException;
import org.lungcad.model.ScanAnalysis;
import org.lungcad.model.engine.DetectorRuntime;

/**
 * One series through the data flow: qualify → load → detect, measure and score → report (SR, SC, PNGs). The one
 * runner of the node and of {@code analyze}: both get the same {@link SeriesOutcome}, so skip reasons, failure codes
 * and stage timings are the same everywhere. Bad input ends as {@link SeriesOutcome.Skipped}, a fault of the node as
 * {@link SeriesOutcome.Failed}; it never throws for either. Framework-free; safe for as many threads as the
 * runtime has workers (each run leases a detector of its own).
 */
public final class SeriesRunner {

    /**
     * Told as the run passes a stage; answering false stops it (a newer generation of the series took over, or the
     * run timed out).
     */
    public interface Progress {
        /** No one listens; the run always goes on. */
        Progress NONE = new Progress() {
        };

        default boolean qualified(QualifiedSeries series) {
            return true;
        }

        default boolean loaded(VolumeSummary volume) {
            return true;
        }

        /** Detection is done; the reports are written next. */
        default boolean detected() {
            return true;
        }
    }

    /** Stage names as they appear in timings; the detector's own stages are {@code detect.<name>}. */
    public static final String QUALIFY = "qualify";
    public static final String LOAD = "load";
    public static final String SCORE = "score";
    public static final String REPORT = "report";

    private final SeriesQualifier qualifier;
    private final CtVolumeLoader loader;
    private final DetectorRuntime runtime;
    private final ResultWriter writer;

    public SeriesRunner(SeriesQualifier qualifier, CtVolumeLoader loader, DetectorRuntime runtime, ResultWriter writer) {
        this.qualifier = Objects.requireNonNull(qualifier, "qualifier");
        this.loader = Objects.requireNonNull(loader, "loader");
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    /**
     * The node's runner for files from disk: the gateway's default input rules, volumes as large as the heap holds,
     * report dates in local time.
     */
    public static SeriesRunner withDefaultRules(DetectorRuntime runtime) {
        return new SeriesRunner(new SeriesQualifier(QualificationRules.defaults()), VolumeLimit.heapBoundLoader(),
                runtime, new ResultWriter(Clock.systemDefaultZone()));
    }

    public DetectorRuntime runtime() {
        return runtime;
    }

    /**
     * @param series        the completed series (its generation numbers the report)
     * @param resultsFolder where this run's SR, SC and PNGs go
     * @throws InterruptedException when interrupted while waiting for a free detector (the service is stopping):
     *                              nothing was written, and the series should run again after a restart
     */
    public SeriesOutcome run(CompletedSeries series, Path resultsFolder, Progress progress) throws InterruptedException {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(resultsFolder, "resultsFolder");
        Objects.requireNonNull(progress, "progress");
        Stopwatch watch = new Stopwatch();
        try {
            return stages(series, resultsFolder, progress, watch);
        } catch (OutOfMemoryError e) {
            return new SeriesOutcome.Failed(FailureCode.OUT_OF_MEMORY, describe(e), watch.timings);
        } catch (IOException | RuntimeException e) {
            return new SeriesOutcome.Failed(FailureCode.INTERNAL_ERROR, describe(e), watch.timings);
        }
    }

    private SeriesOutcome stages(CompletedSeries series, Path resultsFolder, Progress progress, Stopwatch watch)
            throws IOException, InterruptedException {
        Qualification qualification = qualifier.qualify(series);
        watch.lap(QUALIFY);
        if (qualification instanceof Qualification.Skipped skipped) {
            return new SeriesOutcome.Skipped(skipped.reason(), skipped.detail(), watch.timings);
        }
        QualifiedSeries qualified = ((Qualification.Qualified) qualification).series();
        if (!progress.qualified(qualified)) {
            return new SeriesOutcome.Superseded(watch.timings);
        }

        CtVolume volume;
        try {
            volume = loader.load(qualified);
        } catch (VolumeLoadException e) {
            watch.lap(LOAD);
            return new SeriesOutcome.Skipped(e.reason(), e.getMessage(), watch.timings);
        }
        watch.lap(LOAD);
        VolumeSummary summary = VolumeSummaries.of(volume);
        if (!progress.loaded(summary)) {
            return new SeriesOutcome.Superseded(watch.timings);
        }

        ScanAnalysis analysis;
        try (DetectorRuntime.Lease detector = runtime.acquire()) {
            watch.restart(); // waiting for a free detector (or for the engine to start) is not detection time
            analysis = detector.analyse(ScanVolumeMapper.toScanVolume(volume),
                    ScanVolumeMapper.patient(volume.header()));
        }
        analysis.detection().timings().forEach(t -> watch.add("detect." + t.name(), t.millis()));
        watch.add(SCORE, analysis.scoringMillis());
        if (!progress.detected()) {
            return new SeriesOutcome.Superseded(watch.timings);
        }
        watch.restart();

        ResultWriter.WrittenResults written = writer.write(resultsFolder, series.generation(), qualified, volume,
                analysis.findings(), analysis.algorithm(), runtime.operatingPoint());
        watch.lap(REPORT);
        return new SeriesOutcome.Analysed(summary, FindingSummaries.of(analysis.findings()),
                analysis.detection().candidates(), analysis.algorithm(), written, watch.timings);
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** Stage wall times in the order the stages ran. */
    private static final class Stopwatch {
        final List<StageTiming> timings = new ArrayList<>();
        long start = System.nanoTime();

        void lap(String stage) {
            long now = System.nanoTime();
            timings.add(new StageTiming(stage, (now - start) / 1_000_000));
            start = now;
        }

        void add(String stage, long millis) {
            timings.add(new StageTiming(stage, millis));
        }

        void restart() {
            start = System.nanoTime();
        }
    }
}
