package org.lungcad.model.classify;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.TranslateException;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import org.lungcad.model.engine.ModelDescriptor;

/**
 * Trains a {@link Architectures named architecture} on labelled patches with DJL (PyTorch engine): Adam, binary
 * cross-entropy on the logit, class-balanced mini-batches drawn with the seed, and writes the block's parameters.
 */
public final class PatchClassifierTrainer {

    /**
     * @param epochs       passes over the larger class
     * @param batchSize    patches per step, half nodules and half not
     * @param learningRate Adam's step size
     * @param seed         seeds the engine's initialisation and the batch order
     */
    public record Config(int epochs, int batchSize, float learningRate, long seed) {
        public Config {
            if (epochs < 1 || batchSize < 2 || !(learningRate > 0)) {
                throw new IllegalArgumentException("epochs >= 1, batch >= 2 and a positive learning rate are needed");
            }
        }
    }

    /** A labelled training patch. */
    public record Sample(Patch patch, boolean nodule) {
        public Sample {
            Objects.requireNonNull(patch, "patch");
        }
    }

    /** What training gave: the loss per epoch and the trained weights' file. */
    public record Result(List<Double> epochLoss, Path weights) {
        public Result {
            epochLoss = List.copyOf(epochLoss);
        }
    }

    private final String architecture;
    private final ModelDescriptor.InputSpec input;
    private final Config config;

    public PatchClassifierTrainer(String architecture, ModelDescriptor.InputSpec input, Config config) {
        this.architecture = Objects.requireNonNull(architecture, "architecture");
        this.input = Objects.requireNonNull(input, "input");
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Trains on {@code samples}, writes the parameters to {@code weights}, and scores {@code evaluate} with the
     * trained model (inference mode) through {@code scores}.
     *
     * @param progress called with each finished epoch's number
     */
    public Result train(List<Sample> samples, Path weights, List<Patch> evaluate, List<Float> scores,
                        IntConsumer progress) throws IOException {
        List<Sample> pos = samples.stream().filter(Sample::nodule).toList();
        List<Sample> neg = samples.stream().filter(s -> !s.nodule()).toList();
        if (pos.isEmpty() || neg.isEmpty()) {
            throw new IllegalArgumentException("training needs nodule and non-nodule patches");
        }
        Engine.getEngine("PyTorch").setRandomSeed((int) config.seed());
        SplittableRandom rnd = new SplittableRandom(config.seed());
        Block block = Architectures.create(architecture, input);
        long[] shape = input.tensorShape();
        int per = Math.toIntExact(shape[0] * shape[1] * shape[2] * (shape.length > 3 ? shape[3] : 1));
        List<Double> losses = new ArrayList<>();
        try (Model model = Model.newInstance(architecture, Device.cpu(), "PyTorch")) {
            model.setBlock(block);
            DefaultTrainingConfig tc = new DefaultTrainingConfig(Loss.sigmoidBinaryCrossEntropyLoss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(config.learningRate()))
                            .optWeightDecays(1e-4f).build())
                    .optDevices(new Device[] {Device.cpu()});
            try (Trainer trainer = model.newTrainer(tc)) {
                long[] batchShape = new long[shape.length + 1];
                batchShape[0] = 1;
                System.arraycopy(shape, 0, batchShape, 1, shape.length);
                trainer.initialize(new Shape(batchShape));
                int half = config.batchSize() / 2;
                int steps = Math.max(pos.size(), neg.size()) / half;
                for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                    double sum = 0;
                    for (int step = 0; step < steps; step++) {
                        float[] x = new float[2 * half * per];
                        float[] y = new float[2 * half];
                        for (int b = 0; b < 2 * half; b++) {
                            Sample s = b < half ? pos.get(rnd.nextInt(pos.size())) : neg.get(rnd.nextInt(neg.size()));
                            System.arraycopy(PatchTranslator.normalise(s.patch().hu(), input), 0, x, b * per, per);
                            y[b] = s.nodule() ? 1 : 0;
                        }
                        batchShape[0] = 2L * half;
                        try (NDManager m = trainer.getManager().newSubManager();
                             GradientCollector gc = trainer.newGradientCollector()) {
                            NDArray xs = m.create(x, new Shape(batchShape));
                            NDArray ys = m.create(y, new Shape(2L * half, 1));
                            NDArray logits = trainer.forward(new NDList(xs)).singletonOrThrow();
                            NDArray loss = trainer.getLoss().evaluate(new NDList(ys), new NDList(logits));
                            gc.backward(loss);
                            sum += loss.getFloat();
                        }
                        trainer.step();
                    }
                    losses.add(sum / steps);
                    progress.accept(epoch);
                }
            }
            Files.createDirectories(weights.toAbsolutePath().getParent());
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(weights));
                 DataOutputStream data = new DataOutputStream(os)) {
                block.saveParameters(data);
            }
            try (Predictor<Patch, Float> p = model.newPredictor(new PatchTranslator(input, ModelDescriptor.Output.LOGIT))) {
                for (int from = 0; from < evaluate.size(); from += 256) {
                    scores.addAll(p.batchPredict(evaluate.subList(from, Math.min(evaluate.size(), from + 256))));
                }
            } catch (TranslateException e) {
                throw new IllegalStateException("scoring the evaluation patches failed", e);
            }
        }
        return new Result(losses, weights);
    }
}
