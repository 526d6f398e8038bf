package org.lungcad.server.offline;

import org.lungcad.server.pipeline.ScanVolumeMapper;
import org.lungcad.server.pipeline.FindingSummaries;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.lungcad.dicom.series.CompletedSeries;
import org.lungcad.dicom.series.Qualification;
import org.lungcad.dicom.series.QualificationRules;
import org.lungcad.dicom.series.QualifiedSeries;
import org.lungcad.dicom.series.SeriesQualifier;
import org.lungcad.dicom.volume.CtVolume;
import org.lungcad.dicom.volume.CtVolumeLoader;
import org.lungcad.dicom.volume.VolumeLoadException;
import org.lungcad.model.ScoredCandidate;
import org.lungcad.model.evaluation.Detection;
import org.lungcad.server.config.LungCadProperties;
import org.lungcad.server.job.FindingSummary;
import org.lungcad.server.offline.FindingsFile.CandidateEntry;
import org.lungcad.server.offline.FindingsFile.SeriesEntry;
import org.lungcad.server.offline.FindingsFile.Status;
import org.lungcad.server.pipeline.NoduleAnalysis;
import org.lungcad.server.pipeline.ResultWriter;

/**
 * The node's data flow for one series on disk, without the job table, spool or delivery: qualify (default rules),
 * load, detect and score, write SR + SC + PNGs. Bad input ends as a skip with the gateway's reason code; only a
 * fault (a bug, an I/O error on the output, memory) ends as a failure. Not thread-safe; close it to free the engine.
 */
public final class SeriesAnalyzer implements AutoCloseable {

    /**
     * One series' outcome: the findings.json entry, its LUNA16 marks (the findings, or every candidate), and the
     * algorithm line for the printed table (null unless analysed).
     */
    public record Outcome(SeriesEntry entry, List<Detection> marks, String algorithm) {
    }

    private final SeriesQualifier qualifier = new SeriesQualifier(QualificationRules.defaults());
    private final CtVolumeLoader loader = new CtVolumeLoader();
    private final ResultWriter writer = new ResultWriter();
    private final NoduleAnalysis analysis;
    private final boolean allCandidates;
    private boolean engineStarted;

    public SeriesAnalyzer(LungCadProperties properties, boolean allCandidates) {
        this.analysis = new NoduleAnalysis(Objects.requireNonNull(properties, "properties"));
        this.allCandidates = allCandidates;
    }

    public String operatingPoint() {
        return analysis.operatingPoint();
    }

    /** Never throws for bad input; a fault is returned as a FAILED outcome with its exception in the reason. */
    public Outcome analyse(CompletedSeries series, Path outputRoot) {
        Map<String, Long> timings = new LinkedHashMap<>();
        long start = System.nanoTime();
        try {
            return run(series, outputRoot, timings, start);
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            timings.put("total", millisSince(start));
            return outcome(series, Status.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage(), timings,
                    List.of(), null, List.of(), null);
        }
    }

    private Outcome run(CompletedSeries series, Path outputRoot, Map<String, Long> timings, long start)
            throws IOException {
        long t = System.nanoTime();
        Qualification qualification = qualifier.qualify(series);
        timings.put("qualify", millisSince(t));
        if (qualification instanceof Qualification.Skipped skipped) {
            timings.put("total", millisSince(start));
            return skipped(series, skipped.reason().code() + ": " + skipped.detail(), timings);
        }
        QualifiedSeries qualified = ((Qualification.Qualified) qualification).series();

        t = System.nanoTime();
        CtVolume volume;
        try {
            volume = loader.load(qualified);
        } catch (VolumeLoadException e) {
            timings.put("load", millisSince(t));
            timings.put("total", millisSince(start));
            return skipped(series, e.reason().code() + ": " + e.getMessage(), timings);
        }
        timings.put("load", millisSince(t));

        t = System.nanoTime();
        NoduleAnalysis.Result result = analysis.analyse(ScanVolumeMapper.toScanVolume(volume),
                ScanVolumeMapper.patient(volume.header()));
        long analyse = millisSince(t);
        result.detection().timings().forEach(s -> timings.put("detect." + s.name(), s.millis()));
        // the engine starts lazily inside the first analysis: say so rather than pass its seconds off as scoring
        timings.put(engineStarted ? "score" : "engine-start+score", Math.max(0, analyse - result.detection().totalMillis()));
        engineStarted = true;
        List<FindingSummary> findings = FindingSummaries.of(result.findings());

        t = System.nanoTime();
        writer.write(outputRoot.resolve(series.seriesInstanceUid()), 1, qualified, volume, result.findings(),
                result.algorithm(), analysis.operatingPoint());
        timings.put("report", millisSince(t));
        timings.put("total", millisSince(start));

        String uid = series.seriesInstanceUid();
        List<ScoredCandidate> candidates = result.detection().candidates();
        List<Detection> marks = allCandidates
                ? candidates.stream().map(c -> new Detection(uid, CandidateEntry.of(c).centerLpsMm(), c.score())).toList()
                : findings.stream().map(f -> new Detection(uid, f.centerLpsMm(), f.detectionScore())).toList();
        String algorithm = result.algorithm().name() + " " + result.algorithm().version() + " ("
                + result.algorithm().parameters() + ")";
        return outcome(series, Status.ANALYSED, null, timings, findings,
                allCandidates ? candidates.stream().map(CandidateEntry::of).toList() : null, marks, algorithm);
    }

    private static Outcome skipped(CompletedSeries series, String reason, Map<String, Long> timings) {
        return outcome(series, Status.SKIPPED, reason, timings, List.of(), null, List.of(), null);
    }

    private static Outcome outcome(CompletedSeries series, Status status, String reason, Map<String, Long> timings,
                                   List<FindingSummary> findings, List<CandidateEntry> candidates,
                                   List<Detection> marks, String algorithm) {
        return new Outcome(new SeriesEntry(series.seriesInstanceUid(), series.studyInstanceUid(), status, reason,
                Collections.unmodifiableMap(new LinkedHashMap<>(timings)), findings, candidates),
                marks, algorithm);
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    @Override
    public void close() {
        analysis.destroy();
    }
}
