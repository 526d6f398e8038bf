package org.lungcad.model.classify;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.nn.Block;
import ai.djl.translate.TranslateException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.lungcad.model.ScanVolume;
import org.lungcad.model.engine.ModelDescriptor;
import org.lungcad.model.engine.ModelDescriptorReader;
import org.lungcad.model.engine.ModelIntegrityException;

/**
 * The learned false-positive-reduction model, loaded once per process from a model directory whose descriptor and
 * checksum have been verified. Each worker takes its own {@link Worker} (one DJL {@code Predictor}), since a
 * predictor is not safe for concurrent use.
 */
public final class PatchClassifier implements AutoCloseable {

    /** Patches per forward pass. */
    private static final int BATCH = 64;

    private final ModelDescriptor descriptor;
    private final Model model;
    private final PatchSampler sampler;

    private PatchClassifier(ModelDescriptor descriptor, Model model) {
        this.descriptor = descriptor;
        this.model = model;
        this.sampler = new PatchSampler(descriptor.input());
    }

    /**
     * Verifies and loads the model in {@code directory} on {@code device}.
     *
     * @throws ModelIntegrityException when the weights are missing, altered, or do not fit the named architecture
     */
    public static PatchClassifier open(Path directory, Device device) throws IOException {
        ModelDescriptor d = ModelDescriptorReader.readVerified(directory);
        Block block;
        try {
            block = Architectures.create(d.architecture(), d.input());
        } catch (IllegalArgumentException e) {
            throw new ModelIntegrityException("model " + d.identity() + " in " + directory + ": " + e.getMessage());
        }
        Model model = Model.newInstance(d.name(), device, "PyTorch");
        model.setBlock(block);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(directory.resolve(d.weightsFile())));
             DataInputStream data = new DataInputStream(in)) {
            block.loadParameters(model.getNDManager(), data);
            if (data.read() != -1) {
                throw new IOException("trailing bytes after the parameters");
            }
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new ModelIntegrityException("model " + d.identity() + " in " + directory
                    + ": the weights do not fit architecture " + d.architecture() + " (" + e.getMessage() + ")");
        }
        return new PatchClassifier(d, model);
    }

    public ModelDescriptor descriptor() {
        return descriptor;
    }

    /** A predictor of the calling worker's own; close it when the worker stops. */
    public Worker newWorker() {
        return new Worker(model.newPredictor(new PatchTranslator(descriptor.input(), descriptor.output())));
    }

    @Override
    public void close() {
        model.close();
    }

    /** One worker's predictor. Not thread-safe: one per worker thread. */
    public final class Worker implements AutoCloseable {
        private final Predictor<Patch, Float> predictor;

        private Worker(Predictor<Patch, Float> predictor) {
            this.predictor = predictor;
        }

        public ModelDescriptor descriptor() {
            return descriptor;
        }

        /** The probability that each centre (LPS, mm) is a nodule, in the order given; patches go in batches. */
        public double[] probabilities(ScanVolume scan, List<double[]> centresLps) {
            Objects.requireNonNull(scan, "scan");
            double[] out = new double[centresLps.size()];
            for (int from = 0; from < centresLps.size(); from += BATCH) {
                int to = Math.min(centresLps.size(), from + BATCH);
                List<Patch> batch = new ArrayList<>(to - from);
                for (double[] c : centresLps.subList(from, to)) {
                    batch.add(sampler.sample(scan, c));
                }
                List<Float> p = predict(batch);
                for (int i = 0; i < p.size(); i++) {
                    out[from + i] = p.get(i);
                }
            }
            return out;
        }

        /** Probabilities of ready-made patches (for tests and evaluation). */
        public List<Float> predict(List<Patch> patches) {
            try {
                return predictor.batchPredict(patches);
            } catch (TranslateException e) {
                throw new IllegalStateException("the learned stage failed on " + patches.size() + " patches", e);
            }
        }

        @Override
        public void close() {
            predictor.close();
        }
    }
}
