package org.lungcad.model.classify;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.lungcad.model.LungNoduleDetector;
import org.lungcad.model.PatientContext;
import org.lungcad.model.ScanVolume;
import org.lungcad.model.ScoredCandidate;
import org.lungcad.model.engine.ModelDescriptor;
import org.lungcad.model.synthetic.GroundTruth;
import org.lungcad.model.synthetic.NoduleSpec;
import org.lungcad.model.synthetic.SyntheticNoduleInserter;
import org.lungcad.model.synthetic.placement.NodulePlacer;
import org.lungcad.model.synthetic.placement.NodulePlan;

/**
 * The learned stage's training recipe, reproducible from a seed:
 * <ol>
 * <li>Negatives: every candidate the (loosened) detector finds in the inferior half of each training scan, none of
 * which is a nodule of the intended use (scans without nodules, or with their known findings removed), each sampled
 * in several random orientations. The superior half is kept out for the stacking.</li>
 * <li>Positives: synthetic nodules of every size, type, shape and placement inserted into the same scans
 * ({@link NodulePlan}, {@link SyntheticNoduleInserter}), sampled at the true centre moved by up to the detector's
 * centring error, in random orientations.</li>
 * <li>Validation, on a scan kept out of training: its detector candidates (negatives, those near a reference or
 * excluded finding left out) against its reference nodules and nodules inserted with validation seeds.</li>
 * <li>Stacking, on what the model has not seen: the default detector's candidates in the validation scan with the
 * tuning seeds' insertions (never the held-out seeds), labelled by the LUNA16 rule (inside a nodule's radius), and
 * its candidates in the superior halves of the training scans (real vessel dots, which the synthetic sets lack);
 * transparent score and model probability are combined by logistic regression ({@link StackingFit}).</li>
 * </ol>
 */
public final class FalsePositiveTraining {

    /**
     * A scan with the findings it already has: its reference nodules (positives where it validates) and its excluded
     * findings (neither); both are avoided when inserting and never used as negatives.
     */
    public record TrainingScan(String name, ScanVolume scan, List<NodulePlacer.Known> nodules,
                               List<NodulePlacer.Known> excluded) {
        public TrainingScan {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(scan, "scan");
            nodules = List.copyOf(nodules);
            excluded = List.copyOf(excluded);
        }

        List<NodulePlacer.Known> known() {
            List<NodulePlacer.Known> all = new ArrayList<>(nodules);
            all.addAll(excluded);
            return all;
        }
    }

    /**
     * @param insertionRounds       synthetic insertions per training scan, ten nodules each
     * @param positiveAugmentations orientations sampled per inserted nodule
     * @param negativeAugmentations orientations sampled per real candidate
     * @param vesselPoints          random points inside vessels of each training scan's lungs added as negatives
     *                                (their inferior half, one orientation each): more of the structures candidates sit on
     * @param jitterMm              largest offset of a positive's patch centre from the true centre
     * @param validationRounds      insertions into the validation scan for the validation figures
     * @param tuningSeeds           seeds of the insertions the stacking is fitted on
     * @param seed                  seeds everything else
     */
    public record Settings(int insertionRounds, int positiveAugmentations, int negativeAugmentations, int vesselPoints,
                           double jitterMm,
                           int validationRounds, List<Long> tuningSeeds, long seed,
                           PatchClassifierTrainer.Config trainer) {
        public Settings {
            tuningSeeds = List.copyOf(tuningSeeds);
            if (insertionRounds < 1 || positiveAugmentations < 1 || negativeAugmentations < 1 || vesselPoints < 0
                    || validationRounds < 1
                    || tuningSeeds.isEmpty() || !(jitterMm >= 0)) {
                throw new IllegalArgumentException("training settings out of range");
            }
        }
    }

    /** What training gave: figures for the descriptor, the losses and weights, and the recipe in words. */
    public record Result(List<ModelDescriptor.Metric> metrics, PatchClassifierTrainer.Result training, String recipe) {
        public Result {
            metrics = List.copyOf(metrics);
        }
    }

    private static final int NODULES_PER_ROUND = 10;

    private final ModelDescriptor.InputSpec input;
    private final String architecture;
    private final Settings settings;
    private final Consumer<String> log;
    private final PatchSampler sampler;
    private final SyntheticNoduleInserter inserter = new SyntheticNoduleInserter(SyntheticNoduleInserter.Config.DEFAULT);

    public FalsePositiveTraining(String architecture, ModelDescriptor.InputSpec input, Settings settings,
                                 Consumer<String> log) {
        this.architecture = Objects.requireNonNull(architecture, "architecture");
        this.input = Objects.requireNonNull(input, "input");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.log = Objects.requireNonNull(log, "log");
        this.sampler = new PatchSampler(input);
    }

    /**
     * Runs the recipe and writes the weights.
     *
     * @param mining   finds the negatives (a detector with loosened candidate thresholds mines more of them)
     * @param detector the product's detector without a learned stage: its candidates are what the model will see
     */
    public Result run(List<TrainingScan> training, TrainingScan validation, LungNoduleDetector mining,
                      LungNoduleDetector detector, Path weights) throws IOException {
        SplittableRandom rnd = new SplittableRandom(settings.seed());
        List<PatchClassifierTrainer.Sample> samples = new ArrayList<>();
        for (TrainingScan t : training) {
            List<double[]> negatives = candidatesAway(mining, t.scan(), t.known()).stream()
                    .filter(c -> !stackingHalf(t.scan(), c)).toList();
            for (double[] c : negatives) {
                for (int a = 0; a < settings.negativeAugmentations(); a++) {
                    samples.add(new PatchClassifierTrainer.Sample(sampler.sample(t.scan(), c, randomFrame(rnd)), false));
                }
            }
            List<double[]> vessels = vesselPoints(t, settings.vesselPoints(), rnd);
            for (double[] c : vessels) {
                samples.add(new PatchClassifierTrainer.Sample(sampler.sample(t.scan(), c, randomFrame(rnd)), false));
            }
            int positives = 0;
            for (int r = 0; r < settings.insertionRounds(); r++) {
                long seed = settings.seed() * 1000 + r;
                for (Placed p : insert(t, seed)) {
                    for (int a = 0; a < settings.positiveAugmentations(); a++) {
                        samples.add(new PatchClassifierTrainer.Sample(sampler.sample(p.scan(), jitter(p.centre(), rnd),
                                randomFrame(rnd)), true));
                    }
                    positives++;
                }
            }
            log.accept(String.format(Locale.ROOT, "%s: %d real candidates and %d vessel points (negatives), %d inserted "
                    + "nodules (positives)", t.name(), negatives.size(), vessels.size(), positives));
        }
        // validation: real candidates of the held-out scan against its reference and inserted nodules
        List<Patch> valPatches = new ArrayList<>();
        List<Boolean> valLabels = new ArrayList<>();
        for (double[] c : candidatesAway(detector, validation.scan(), validation.known())) {
            valPatches.add(sampler.sample(validation.scan(), c));
            valLabels.add(false);
        }
        for (NodulePlacer.Known k : validation.nodules()) {
            valPatches.add(sampler.sample(validation.scan(), k.centerLps()));
            valLabels.add(true);
        }
        for (int r = 0; r < settings.validationRounds(); r++) {
            for (Placed p : insert(validation, 900_000 + settings.seed() * 100 + r)) {
                valPatches.add(sampler.sample(p.scan(), p.centre()));
                valLabels.add(true);
            }
        }
        log.accept(String.format(Locale.ROOT, "training on %d patches (%d nodule), validating on %d (%d nodule)",
                samples.size(), samples.stream().filter(PatchClassifierTrainer.Sample::nodule).count(), valPatches.size(),
                valLabels.stream().filter(b -> b).count()));
        List<Float> valScores = new ArrayList<>();
        PatchClassifierTrainer.Result trained = new PatchClassifierTrainer(architecture, input, settings.trainer())
                .train(samples, weights, valPatches, valScores, e -> log.accept("  epoch " + e + " done"));
        double valAuc = auc(valScores, valLabels);
        log.accept(String.format(Locale.ROOT, "validation AUC %.3f; losses %s", valAuc, trained.epochLoss()));
        List<ModelDescriptor.Metric> metrics = new ArrayList<>();
        metrics.add(new ModelDescriptor.Metric("validation_auc", valAuc));
        metrics.add(new ModelDescriptor.Metric("training_patches", samples.size()));
        metrics.add(new ModelDescriptor.Metric("final_training_loss", trained.epochLoss().get(trained.epochLoss().size() - 1)));
        return new Result(metrics, trained, recipe(training, validation));
    }

    /**
     * Fits the stacking on the validation scan with the tuning seeds' insertions, scored by {@code model}; adds the
     * tuning AUCs to {@code metrics}.
     */
    public Stacking fitStacking(List<TrainingScan> training, TrainingScan validation, LungNoduleDetector detector,
                                PatchClassifier.Worker model, List<ModelDescriptor.Metric> metrics) {
        List<StackingFit.Example> examples = new ArrayList<>();
        for (TrainingScan t : training) {
            List<ScoredCandidate> candidates = detector.detect(t.scan(), PatientContext.unknown()).candidates().stream()
                    .filter(c -> stackingHalf(t.scan(), c.centreLps()))
                    .filter(c -> t.known().stream().noneMatch(k -> inside(c.centreLps(), k.centerLps(),
                            Math.max(k.radiusMm(), 5))))
                    .toList();
            double[] p = model.probabilities(t.scan(), candidates.stream().map(ScoredCandidate::centreLps).toList());
            for (int i = 0; i < p.length; i++) {
                examples.add(new StackingFit.Example(candidates.get(i).transparentScore(), p[i], false));
            }
            log.accept(String.format(Locale.ROOT, "%s, superior half: %d candidates for the stacking", t.name(), p.length));
        }
        for (long seed : settings.tuningSeeds()) {
            List<Placed> placed = insert(validation, seed);
            if (placed.isEmpty()) {
                continue;
            }
            ScanVolume scan = placed.get(0).scan();
            List<ScoredCandidate> candidates = detector.detect(scan, PatientContext.unknown()).candidates();
            List<double[]> centres = candidates.stream().map(ScoredCandidate::centreLps).toList();
            double[] p = model.probabilities(scan, centres);
            int hits = 0;
            for (int i = 0; i < candidates.size(); i++) {
                double[] c = centres.get(i);
                boolean nodule = placed.stream().anyMatch(n -> inside(c, n.centre(), n.diameterMm() / 2))
                        || validation.nodules().stream().anyMatch(k -> inside(c, k.centerLps(), k.radiusMm()));
                if (!nodule && validation.excluded().stream().anyMatch(k -> inside(c, k.centerLps(), Math.max(k.radiusMm(), 5)))) {
                    continue; // an excluded finding: neither hit nor false positive
                }
                hits += nodule ? 1 : 0;
                examples.add(new StackingFit.Example(candidates.get(i).transparentScore(), p[i], nodule));
            }
            log.accept(String.format(Locale.ROOT, "tuning seed %d: %d candidates, %d on nodules", seed, candidates.size(), hits));
        }
        Stacking s = StackingFit.fit(examples);
        List<Float> t = new ArrayList<>();
        List<Float> m = new ArrayList<>();
        List<Float> c = new ArrayList<>();
        List<Boolean> y = new ArrayList<>();
        for (StackingFit.Example e : examples) {
            t.add((float) e.transparentScore());
            m.add((float) e.learnedProbability());
            c.add((float) s.combine(e.transparentScore(), e.learnedProbability()));
            y.add(e.nodule());
        }
        metrics.add(new ModelDescriptor.Metric("tuning_auc_transparent", auc(t, y)));
        metrics.add(new ModelDescriptor.Metric("tuning_auc_model", auc(m, y)));
        metrics.add(new ModelDescriptor.Metric("tuning_auc_stacked", auc(c, y)));
        log.accept(String.format(Locale.ROOT, "stacking %s; tuning AUC transparent %.3f, model %.3f, stacked %.3f", s,
                auc(t, y), auc(m, y), auc(c, y)));
        return s;
    }

    /**
     * Random points in the inferior half of the scan, in vessels inside the lungs: -400 to +150 HU with lung air
     * 4 mm away on at least three of the four in-plane sides (which leaves out the pleura and the mediastinum), and
     * away from known findings.
     */
    private static List<double[]> vesselPoints(TrainingScan t, int count, SplittableRandom rnd) {
        ScanVolume scan = t.scan();
        var lung = NodulePlacer.lungOf(scan);
        List<double[]> out = new ArrayList<>();
        int dx = (int) Math.round(4 / scan.spacingX());
        int dy = (int) Math.round(4 / scan.spacingY());
        for (int tries = 0; out.size() < count && tries < count * 2000; tries++) {
            int i = dx + rnd.nextInt(Math.max(1, scan.width() - 2 * dx));
            int j = dy + rnd.nextInt(Math.max(1, scan.height() - 2 * dy));
            int k = rnd.nextInt(scan.depth());
            float hu = scan.at(i, j, k);
            if (hu < -400 || hu > 150) {
                continue;
            }
            int air = (lung.contains(i - dx, j, k) ? 1 : 0) + (lung.contains(i + dx, j, k) ? 1 : 0)
                    + (lung.contains(i, j - dy, k) ? 1 : 0) + (lung.contains(i, j + dy, k) ? 1 : 0);
            double[] p = scan.toPatient(i, j, k);
            if (air >= 3 && !stackingHalf(scan, p)
                    && t.known().stream().noneMatch(kn -> inside(p, kn.centerLps(), kn.radiusMm() + 5))) {
                out.add(p);
            }
        }
        return out;
    }

    /** Whether a training scan's candidate lies in the half kept out of training for the stacking (superior). */
    static boolean stackingHalf(ScanVolume scan, double[] centreLps) {
        double mid = scan.toPatient((scan.width() - 1) / 2.0, (scan.height() - 1) / 2.0, (scan.depth() - 1) / 2.0)[2];
        return centreLps[2] > mid;
    }

    private record Placed(ScanVolume scan, double[] centre, double diameterMm) {
    }

    private List<Placed> insert(TrainingScan t, long seed) {
        List<NoduleSpec> placed = NodulePlan.place(t.scan(), NodulePlan.all(NODULES_PER_ROUND).draw(seed), t.known(), seed,
                s -> { });
        SyntheticNoduleInserter.Insertion ins = inserter.insert(t.scan(), "training", placed);
        List<Placed> out = new ArrayList<>();
        for (GroundTruth g : ins.groundTruth()) {
            out.add(new Placed(ins.volume(), g.centerLps(), g.diameterMm()));
        }
        return out;
    }

    /** Centres of the detector's candidates that are not near a known finding. */
    private static List<double[]> candidatesAway(LungNoduleDetector detector, ScanVolume scan, List<NodulePlacer.Known> known) {
        List<double[]> out = new ArrayList<>();
        for (ScoredCandidate c : detector.detect(scan, PatientContext.unknown()).candidates()) {
            double[] p = c.centreLps();
            if (known.stream().noneMatch(k -> inside(p, k.centerLps(), Math.max(k.radiusMm(), 5)))) {
                out.add(p);
            }
        }
        return out;
    }

    private double[] jitter(double[] c, SplittableRandom rnd) {
        double[] p = c.clone();
        for (int a = 0; a < 3; a++) {
            p[a] += (rnd.nextDouble() * 2 - 1) * settings.jitterMm();
        }
        return p;
    }

    /** A uniformly random rotation (Shoemake's quaternion), mirrored along one axis half the time. */
    static double[][] randomFrame(SplittableRandom rnd) {
        double u1 = rnd.nextDouble();
        double u2 = rnd.nextDouble() * 2 * Math.PI;
        double u3 = rnd.nextDouble() * 2 * Math.PI;
        double a = Math.sqrt(1 - u1);
        double b = Math.sqrt(u1);
        double x = a * Math.sin(u2);
        double y = a * Math.cos(u2);
        double z = b * Math.sin(u3);
        double w = b * Math.cos(u3);
        double[][] r = {
            {1 - 2 * (y * y + z * z), 2 * (x * y + z * w), 2 * (x * z - y * w)},
            {2 * (x * y - z * w), 1 - 2 * (x * x + z * z), 2 * (y * z + x * w)},
            {2 * (x * z + y * w), 2 * (y * z - x * w), 1 - 2 * (x * x + y * y)}};
        if (rnd.nextBoolean()) {
            for (int k = 0; k < 3; k++) {
                r[0][k] = -r[0][k];
            }
        }
        return r;
    }

    private static boolean inside(double[] p, double[] c, double radius) {
        double dx = p[0] - c[0];
        double dy = p[1] - c[1];
        double dz = p[2] - c[2];
        return dx * dx + dy * dy + dz * dz < radius * radius;
    }

    /** Area under the ROC curve (Mann-Whitney, ties count half). */
    static double auc(List<Float> scores, List<Boolean> labels) {
        double sum = 0;
        long pairs = 0;
        for (int i = 0; i < scores.size(); i++) {
            if (!labels.get(i)) {
                continue;
            }
            for (int j = 0; j < scores.size(); j++) {
                if (labels.get(j)) {
                    continue;
                }
                float a = scores.get(i);
                float b = scores.get(j);
                sum += a > b ? 1 : a == b ? 0.5 : 0;
                pairs++;
            }
        }
        return pairs == 0 ? Double.NaN : sum / pairs;
    }

    private String recipe(List<TrainingScan> training, TrainingScan validation) {
        return String.format(Locale.ROOT, "%s; negatives: real candidates of the inferior half of %s x%d orientations and "
                        + "%d vessel points each; positives: %d rounds x %d "
                        + "inserted nodules (4-25 mm, solid/part-solid/ground-glass, free/juxtapleural/juxtavascular) x%d "
                        + "orientations, jitter %.1f mm; validation and stacking on %s (tuning seeds %s) and the superior halves; "
                        + "%d epochs, batch %d, "
                        + "Adam %.0e, seed %d",
                architecture, training.stream().map(TrainingScan::name).toList(), settings.negativeAugmentations(),
                settings.vesselPoints(), settings.insertionRounds(), NODULES_PER_ROUND, settings.positiveAugmentations(), settings.jitterMm(),
                validation.name(), settings.tuningSeeds(), settings.trainer().epochs(), settings.trainer().batchSize(),
                settings.trainer().learningRate(), settings.seed());
    }
}
