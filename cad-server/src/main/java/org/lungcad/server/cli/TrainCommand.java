package org.lungcad.server.cli;

import ai.djl.Device;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.lungcad.model.DetectionResult;
import org.lungcad.model.DetectorConfig;
import org.lungcad.model.LungNoduleDetector;
import org.lungcad.model.PatientContext;
import org.lungcad.model.ScanVolume;
import org.lungcad.model.classify.Architectures;
import org.lungcad.model.classify.FalsePositiveTraining;
import org.lungcad.model.classify.PatchClassifier;
import org.lungcad.model.classify.PatchClassifierTrainer;
import org.lungcad.model.classify.PatchLayout;
import org.lungcad.model.classify.Stacking;
import org.lungcad.model.detect.CandidateDetectorConfig;
import org.lungcad.model.engine.DetectorRuntime;
import org.lungcad.model.engine.ModelDescriptor;
import org.lungcad.model.engine.ModelDescriptor.WeightsFormat;
import org.lungcad.model.engine.ModelDescriptorReader;
import org.lungcad.model.evaluation.Luna16Csv;
import org.lungcad.model.synthetic.placement.NodulePlacer;
import org.lungcad.server.config.LungCadProperties;
import org.lungcad.server.offline.LoadedSeries;
import org.lungcad.server.offline.OfflineSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Trains the learned false-positive-reduction model from a seed (see {@link FalsePositiveTraining} for the recipe)
 * and writes a model directory: the weights, and a descriptor with their checksum, the stacking and the figures.
 */
@Command(name = "train", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Train the learned false-positive-reduction stage (DJL, CPU) and write a model directory.")
public class TrainCommand implements Callable<Integer> {

    @Option(names = "--output", required = true, description = "model directory to write (model.properties, weights)")
    Path output;

    @Option(names = "--training-scans", split = ",", defaultValue = "../shared/data/ricord-1a-419639-000082",
            description = "folders of real CT series without nodules of the intended use: negatives, and hosts of the "
                    + "inserted positives (default: ${DEFAULT-VALUE})")
    List<Path> trainingScans;

    @Option(names = "--validation-scan", defaultValue = "../shared/data/lidc-idri-0001/series",
            description = "folder of a real CT series kept out of training, with LUNA16 CSVs beside it "
                    + "(default: ${DEFAULT-VALUE})")
    Path validationScan;

    @Option(names = "--name", defaultValue = "lungcad-nodule-fpr", description = "model name (default: ${DEFAULT-VALUE})")
    String name;

    @Option(names = "--model-version", defaultValue = "1.0.0", description = "model version (default: ${DEFAULT-VALUE})")
    String modelVersion;

    @Option(names = "--seed", defaultValue = "7", description = "seed of the whole recipe (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--epochs", defaultValue = "20", description = "training epochs (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--rounds", defaultValue = "32",
            description = "insertions of ten synthetic nodules per training scan (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--vessel-points", defaultValue = "1500",
            description = "random vessel points per training scan added as negatives (default: ${DEFAULT-VALUE})")
    int vesselPoints;

    @Option(names = "--tuning-seeds", split = ",", defaultValue = "1,2,3,11,12,13",
            description = "synthesize seeds the stacking is fitted on; keep the held-out seeds out (default: ${DEFAULT-VALUE})")
    List<Long> tuningSeeds;

    @Option(names = "--storage", defaultValue = "lungcad-data",
            description = "data directory for the engine's native libraries (default: ${DEFAULT-VALUE})")
    Path storage;

    private final PrintStream out = System.out;

    /** The shipped model's input: a 32 mm cube at 1 mm, lung window, as three orthogonal planes. */
    static final ModelDescriptor.InputSpec INPUT = new ModelDescriptor.InputSpec(32, 32, 32, 1.0, -1000, 400,
            PatchLayout.TRIPLANAR);

    @Override
    public Integer call() throws Exception {
        OfflineSettings.quietLogging(false);
        long start = System.nanoTime();
        List<FalsePositiveTraining.TrainingScan> training = new ArrayList<>();
        for (Path p : trainingScans) {
            Optional<FalsePositiveTraining.TrainingScan> t = load(p, false);
            if (t.isEmpty()) {
                return 2;
            }
            training.add(t.get());
        }
        Optional<FalsePositiveTraining.TrainingScan> validation = load(validationScan, true);
        if (validation.isEmpty()) {
            return 2;
        }
        // the transparent detector alone: the model is trained to follow it
        LungCadProperties properties = OfflineSettings.properties(storage, null, null, true, 1,
                LungCadProperties.Detector.NO_MODEL, null);
        DetectorRuntime.Settings base = properties.detectorRuntime();
        DetectorConfig d = base.detector();
        CandidateDetectorConfig c = d.candidates();
        // a looser candidate stage mines more of the vessel dots and junctions the model must learn to reject
        DetectorConfig loose = new DetectorConfig(d.resample(), d.lungMask(), new CandidateDetectorConfig(c.scalesMm(),
                c.coarseFromMm(), c.minResponse() / 4, c.minBlobRatio(), c.maxCandidates(), c.faintMinResponse() / 4,
                c.faintMinBlobRatio()), d.segmenter(), d.scoreWeights(), d.operatingPoint());
        FalsePositiveTraining.Settings settings = new FalsePositiveTraining.Settings(rounds, 8, 16, vesselPoints, 1.5, 2, tuningSeeds, seed,
                new PatchClassifierTrainer.Config(epochs, 64, 1e-3f, seed));
        FalsePositiveTraining recipe = new FalsePositiveTraining(Architectures.TRIPLANAR_CNN_1, INPUT, settings, out::println);
        Files.createDirectories(output);
        String weightsFile = name + "-" + modelVersion + ".params";
        try (DetectorRuntime mining = new DetectorRuntime(withDetector(base, loose));
             DetectorRuntime detector = new DetectorRuntime(base)) {
            FalsePositiveTraining.Result result = recipe.run(training, validation.get(), detect(mining), detect(detector),
                    output.resolve(weightsFile));
            String sha = ModelDescriptorReader.sha256(output.resolve(weightsFile));
            // a provisional descriptor so that the trained weights load through the product's own path
            ModelDescriptor provisional = new ModelDescriptor(name, modelVersion, Architectures.TRIPLANAR_CNN_1,
                    WeightsFormat.DJL, INPUT, ModelDescriptor.Output.LOGIT, weightsFile, sha, new Stacking(0, 1, 1),
                    result.recipe(), result.metrics());
            ModelDescriptorReader.write(output, provisional);
            List<ModelDescriptor.Metric> metrics = new ArrayList<>(result.metrics());
            Stacking stacking;
            try (PatchClassifier model = PatchClassifier.open(output, Device.cpu());
                 PatchClassifier.Worker worker = model.newWorker()) {
                stacking = recipe.fitStacking(training, validation.get(), detect(detector), worker, metrics);
            }
            metrics.add(new ModelDescriptor.Metric("training_minutes", (System.nanoTime() - start) / 6e10));
            ModelDescriptorReader.write(output, new ModelDescriptor(name, modelVersion, Architectures.TRIPLANAR_CNN_1,
                    WeightsFormat.DJL, INPUT, ModelDescriptor.Output.LOGIT, weightsFile, sha, stacking, result.recipe(),
                    metrics));
        }
        out.printf(Locale.ROOT, "wrote %s in %.1f min%n", output.resolve(ModelDescriptorReader.FILE_NAME),
                (System.nanoTime() - start) / 6e10);
        return 0;
    }

    private static DetectorRuntime.Settings withDetector(DetectorRuntime.Settings s, DetectorConfig detector) {
        return new DetectorRuntime.Settings(s.dataDirectory(), s.device(), s.workers(), s.cores(), detector, s.brock(),
                s.learnedModel());
    }

    /** The runtime's detector as the recipe sees it. */
    private static LungNoduleDetector detect(DetectorRuntime runtime) {
        return new LungNoduleDetector() {
            @Override
            public DetectionResult detect(ScanVolume scan, PatientContext patient) {
                try (DetectorRuntime.Lease lease = runtime.acquire()) {
                    return lease.analyse(scan, patient).detection();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }

            @Override
            public String parameters() {
                return runtime.algorithm().parameters();
            }
        };
    }

    private Optional<FalsePositiveTraining.TrainingScan> load(Path folder, boolean withReference) throws IOException {
        Optional<LoadedSeries> loaded = LoadedSeries.firstQualifying(folder, out);
        if (loaded.isEmpty()) {
            out.println("No CT series in " + folder + " qualifies for analysis.");
            return Optional.empty();
        }
        String uid = loaded.get().qualified().header().seriesInstanceUid();
        List<NodulePlacer.Known> nodules = new ArrayList<>();
        List<NodulePlacer.Known> excluded = new ArrayList<>();
        Path parent = folder.toAbsolutePath().normalize().getParent();
        Path annotations = parent.resolve("luna16-annotations.csv");
        Path irrelevant = parent.resolve("luna16-annotations-excluded.csv");
        if (Files.isRegularFile(annotations)) {
            Luna16Csv.readAnnotations(annotations).stream().filter(r -> r.seriesUid().equals(uid))
                    .forEach(r -> nodules.add(new NodulePlacer.Known(r.centerLps(), r.diameterMm() / 2)));
        }
        if (Files.isRegularFile(irrelevant)) {
            Luna16Csv.readExcluded(irrelevant).stream().filter(r -> r.seriesUid().equals(uid))
                    .forEach(r -> excluded.add(new NodulePlacer.Known(r.centerLps(), r.diameterMm() > 0 ? r.diameterMm() / 2 : 5)));
        }
        if (withReference && nodules.isEmpty()) {
            out.println("No LUNA16 reference nodules beside " + folder + ": the validation scan needs them.");
            return Optional.empty();
        }
        out.printf(Locale.ROOT, "%s: %d reference nodule(s), %d excluded finding(s)%n", folder, nodules.size(),
                excluded.size());
        return Optional.of(new FalsePositiveTraining.TrainingScan(folder.getParent().getFileName().toString()
                + "/" + folder.getFileName(), loaded.get().scan(), nodules, excluded));
    }
}
