package org.lungcad.model.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lungcad.model.DetectorConfig;
import org.lungcad.model.HessianNoduleDetector;
import org.lungcad.model.ScanVolume;
import org.lungcad.model.engine.ModelDescriptor;
import org.lungcad.model.resample.ResampleConfig;
import org.lungcad.model.synthetic.ChestPhantom;
import org.lungcad.model.synthetic.NoduleSpec;
import org.lungcad.model.synthetic.SyntheticNoduleInserter;
import org.lungcad.model.NoduleType;
import org.lungcad.model.synthetic.placement.NodulePlacer;

class FalsePositiveTrainingTest {

    @Test
    void randomFramesAreOrthonormal() {
        SplittableRandom rnd = new SplittableRandom(4);
        int mirrored = 0;
        for (int n = 0; n < 200; n++) {
            double[][] r = FalsePositiveTraining.randomFrame(rnd);
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < 3; b++) {
                    double dot = r[a][0] * r[b][0] + r[a][1] * r[b][1] + r[a][2] * r[b][2];
                    assertThat(dot).isCloseTo(a == b ? 1 : 0, within(1e-9));
                }
            }
            double det = r[0][0] * (r[1][1] * r[2][2] - r[1][2] * r[2][1]) - r[0][1] * (r[1][0] * r[2][2] - r[1][2] * r[2][0])
                    + r[0][2] * (r[1][0] * r[2][1] - r[1][1] * r[2][0]);
            mirrored += det < 0 ? 1 : 0;
        }
        assertThat(mirrored).isBetween(70, 130);
    }

    @Test
    void aucCountsOrderedPairsAndTiesHalf() {
        assertThat(FalsePositiveTraining.auc(List.of(0.9f, 0.8f, 0.1f, 0.2f), List.of(true, true, false, false))).isEqualTo(1.0);
        assertThat(FalsePositiveTraining.auc(List.of(0.5f, 0.5f), List.of(true, false))).isEqualTo(0.5);
        assertThat(FalsePositiveTraining.auc(List.of(0.1f, 0.9f, 0.5f), List.of(true, false, false))).isEqualTo(0.0);
    }

    /** The whole recipe, shrunk: phantom chests at 1.4 x 1.4 x 2.5 mm, a 2 mm working grid, one epoch. */
    @Test
    void theRecipeTrainsValidatesAndStacksOnPhantoms(@TempDir Path dir) throws Exception {
        ScanVolume train = ChestPhantom.generate(new ChestPhantom.Config(256, 256, 64, 1.4, 2.5, 15, false, 3)).volume();
        ScanVolume val = ChestPhantom.generate(new ChestPhantom.Config(256, 256, 64, 1.4, 2.5, 15, false, 4)).volume();
        // the validation scan's "reference" nodule: a 10 mm solid one placed in its lung
        NodulePlacer placer = new NodulePlacer(val, NodulePlacer.lungOf(val), List.of(), 9);
        double[] centre = placer.place(10).orElseThrow();
        ScanVolume withNodule = new SyntheticNoduleInserter(SyntheticNoduleInserter.Config.DEFAULT).insert(val, "v",
                List.of(new NoduleSpec(centre, 10, NoduleType.SOLID, NoduleSpec.Shape.SMOOTH, 1))).volume();
        DetectorConfig coarse = new DetectorConfig(new ResampleConfig(2.0), DetectorConfig.DEFAULT.lungMask(),
                DetectorConfig.DEFAULT.candidates(), DetectorConfig.DEFAULT.segmenter(),
                DetectorConfig.DEFAULT.scoreWeights(), DetectorConfig.DEFAULT.operatingPoint());
        FalsePositiveTraining recipe = new FalsePositiveTraining(Architectures.TRIPLANAR_CNN_1, PatchSamplerTest.INPUT,
                new FalsePositiveTraining.Settings(1, 2, 2, 20, 1.5, 1, List.of(1L), 5,
                        new PatchClassifierTrainer.Config(1, 16, 1e-3f, 5)), line -> { });
        List<FalsePositiveTraining.TrainingScan> training = List.of(
                new FalsePositiveTraining.TrainingScan("phantom-3", train, List.of(), List.of()));
        FalsePositiveTraining.TrainingScan validation = new FalsePositiveTraining.TrainingScan("phantom-4", withNodule,
                List.of(new NodulePlacer.Known(centre, 5)), List.of());
        try (NDManager root = NDManager.newBaseManager()) {
            HessianNoduleDetector detector = new HessianNoduleDetector(root, coarse);
            Path weights = dir.resolve("m.params");
            FalsePositiveTraining.Result r = recipe.run(training, validation, detector, detector, weights);
            assertThat(Files.size(weights)).isGreaterThan(50_000);
            assertThat(r.metrics()).extracting(ModelDescriptor.Metric::name)
                    .contains("validation_auc", "training_patches", "final_training_loss");
            assertThat(r.recipe()).contains("phantom-3").contains("seed 5");
            org.lungcad.model.engine.ModelDescriptorReader.write(dir, PatchClassifierTest.descriptor("m.params",
                    org.lungcad.model.engine.ModelDescriptorReader.sha256(weights), Architectures.TRIPLANAR_CNN_1));
            List<ModelDescriptor.Metric> metrics = new ArrayList<>();
            try (PatchClassifier model = PatchClassifier.open(dir, ai.djl.Device.cpu());
                 PatchClassifier.Worker worker = model.newWorker()) {
                Stacking s = recipe.fitStacking(training, validation, detector, worker, metrics);
                assertThat(s.combine(0.9, 0.9)).isBetween(0.0, 1.0);
            }
            assertThat(metrics).extracting(ModelDescriptor.Metric::name)
                    .containsExactly("tuning_auc_transparent", "tuning_auc_model", "tuning_auc_stacked");
        }
    }
}
