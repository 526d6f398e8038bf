package org.lungcad.model;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.lungcad.model.classify.PatchClassifier;
import org.lungcad.model.detect.Candidate;
import org.lungcad.model.detect.CandidateDetector;
import org.lungcad.model.detect.DetectionScorer;
import org.lungcad.model.detect.ShellStructure;
import org.lungcad.model.lung.LungMask;
import org.lungcad.model.lung.LungMaskExtractor;
import org.lungcad.model.measure.NoduleMeasurements;
import org.lungcad.model.measure.NoduleSegmenter;
import org.lungcad.model.resample.IsotropicResampler;

/**
 * The detector: isotropic resampling, lung mask, multi-scale Hessian blob candidates, segmentation and measurement on
 * the original scan, a transparent logistic score, optionally a learned false-positive-reduction model whose
 * probability is stacked with that score, and the operating point. Tensor stages run on the device of the
 * {@link NDManager} given (CPU or GPU, same code).
 */
public final class HessianNoduleDetector implements LungNoduleDetector {

    private final DetectorConfig config;
    private final IsotropicResampler resampler;
    private final LungMaskExtractor lungs;
    private final CandidateDetector candidates;
    private final NoduleSegmenter segmenter;
    private final DetectionScorer scorer;
    private final Optional<PatchClassifier.Worker> learned;

    /** Without a learned stage. */
    public HessianNoduleDetector(NDManager root, DetectorConfig config) {
        this(root, config, Optional.empty());
    }

    /**
     * @param root    the engine's manager (owned and closed by the caller); each call works in sub-managers
     * @param learned this worker's own predictor of the learned stage (owned and closed by the caller), if any
     */
    public HessianNoduleDetector(NDManager root, DetectorConfig config, Optional<PatchClassifier.Worker> learned) {
        Objects.requireNonNull(root, "root");
        this.learned = Objects.requireNonNull(learned, "learned");
        this.config = Objects.requireNonNull(config, "config");
        this.resampler = new IsotropicResampler(config.resample());
        this.lungs = new LungMaskExtractor(root, config.lungMask());
        this.candidates = new CandidateDetector(root, config.candidates());
        this.segmenter = new NoduleSegmenter(config.segmenter());
        this.scorer = new DetectionScorer(config.scoreWeights());
    }

    @Override
    public String parameters() {
        return config.parameters() + learned.map(w -> ";" + w.descriptor().parameter()).orElse("");
    }

    @Override
    public DetectionResult detect(ScanVolume scan, PatientContext patient) {
        Objects.requireNonNull(scan, "scan");
        Objects.requireNonNull(patient, "patient");
        List<StageTiming> timings = new ArrayList<>();
        long t = System.nanoTime();
        ScanVolume work = resampler.resample(scan);
        t = lap(timings, "resample", t);
        LungMask mask = lungs.extract(work);
        t = lap(timings, "lung-mask", t);
        List<Candidate> found = candidates.detect(work, mask);
        t = lap(timings, "candidates", t);
        List<Scored> scored = new ArrayList<>(found.size());
        for (Candidate c : found) {
            Optional<NoduleMeasurements> m = segmenter.segment(scan, mask, c.centerLps(), c.diameterMm())
                    .filter(s -> s.voxelCount() > 0)
                    .map(s -> NoduleMeasurements.of(s, config.segmenter()));
            ShellStructure shell = ShellStructure.around(work,
                    m.map(x -> work.toVoxel(x.centerLps())).orElse(c.centerVoxel()),
                    m.map(x -> x.meanDiameterMm()).orElse(c.diameterMm()) / 2);
            double score = m.map(x -> scorer.score(c, x, shell)).orElseGet(() -> scorer.score(c));
            scored.add(new Scored(c, m, shell, score, OptionalDouble.empty(), score));
        }
        t = lap(timings, "segment-measure-score", t);
        if (learned.isPresent()) {
            scored = stacked(scan, scored, learned.get());
            t = lap(timings, "learned-stage", t);
        }
        scored.sort(Comparator.comparingDouble(Scored::score).reversed());
        List<Nodule> nodules = new ArrayList<>();
        List<ScoredCandidate> all = new ArrayList<>(scored.size());
        List<Scored> kept = new ArrayList<>();
        for (Scored s : scored) {
            if (sameObject(s, kept)) {
                continue;
            }
            kept.add(s);
            Lobe lobe = mask.lobeAt(s.centre());
            boolean report = s.measurements.isPresent()
                    && nodules.size() < config.operatingPoint().maxMarksPerScan()
                    && config.operatingPoint().accepts(s.score, s.measurements.get().meanDiameterMm(),
                            s.measurements.get().type());
            if (report) {
                nodules.add(toNodule(work, s.measurements.get(), lobe, s.score));
            }
            all.add(new ScoredCandidate(s.candidate, s.measurements, s.shell, lobe, s.transparent, s.learned, s.score,
                    report));
        }
        lap(timings, "report", t);
        return new DetectionResult(patient, nodules, all, timings);
    }

    /** The learned probability of every candidate at its measured centre, combined with its transparent score. */
    private static List<Scored> stacked(ScanVolume scan, List<Scored> scored, PatchClassifier.Worker model) {
        double[] p = model.probabilities(scan, scored.stream().map(Scored::centre).toList());
        List<Scored> out = new ArrayList<>(scored.size());
        for (int i = 0; i < p.length; i++) {
            Scored s = scored.get(i);
            out.add(new Scored(s.candidate, s.measurements, s.shell, s.transparent, OptionalDouble.of(p[i]),
                    model.descriptor().stacking().combine(s.transparent, p[i])));
        }
        return out;
    }

    /**
     * Two candidates on one object (filter peaks of different scales or tiers that segment to the same blob, a
     * lobulated nodule, a blob and its vessel stub) are one candidate: the better-scored one, so that neither the
     * marks nor candidates.csv list an object twice.
     */
    private static boolean sameObject(Scored s, List<Scored> kept) {
        double[] c = s.centre();
        for (Scored k : kept) {
            double[] r = k.centre();
            double d = Math.sqrt(Math.pow(c[0] - r[0], 2) + Math.pow(c[1] - r[1], 2) + Math.pow(c[2] - r[2], 2));
            if (d < Math.max(3.0, Math.max(s.radiusMm(), k.radiusMm()))) {
                return true;
            }
        }
        return false;
    }

    private static Nodule toNodule(ScanVolume work, NoduleMeasurements m, Lobe lobe, double score) {
        return new Nodule(work.toVoxel(m.centerLps()), m.centerLps(), m.longAxisMm(), m.shortAxisMm(),
                m.longAxisStartLps(), m.longAxisEndLps(), m.meanDiameterMm(), m.volumeMm3(), m.meanHu(), m.maxHu(), m.solidComponentMm(), m.type(), lobe,
                m.sphericity(), m.elongation(), m.spiculation(), score);
    }

    private static long lap(List<StageTiming> timings, String name, long start) {
        long now = System.nanoTime();
        timings.add(new StageTiming(name, (now - start) / 1_000_000));
        return now;
    }

    private record Scored(Candidate candidate, Optional<NoduleMeasurements> measurements, ShellStructure shell,
                          double transparent, OptionalDouble learned, double score) {

        double[] centre() {
            return measurements.map(NoduleMeasurements::centerLps).orElse(candidate.centerLps());
        }

        /** Half the long axis when segmented, else half the filter's size estimate. */
        double radiusMm() {
            return measurements.map(m -> m.longAxisMm() / 2).orElse(candidate.diameterMm() / 2);
        }
    }
}
