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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
     * Verifies and loads the model in {@code directory} on {@code device}, then runs two blank patches through it.
     *
     * @throws ModelIntegrityException when the weights are missing or altered, do not fit the named architecture, are
     *                                 not a TorchScript module, or the network does not take the descriptor's patch
     *                                 and give one output per patch
     */
    public static PatchClassifier open(Path directory, Device device) throws IOException {
        ModelDescriptor d = ModelDescriptorReader.readVerified(directory);
        Path weights = directory.resolve(d.weightsFile());
        Model model = switch (d.weightsFormat()) {
            case DJL -> loadDjl(d, directory, weights, device);
            case TORCHSCRIPT -> loadTorchScript(d, directory, weights, device);
        };
        PatchClassifier classifier = new PatchClassifier(d, model);
        try (Worker probe = classifier.newWorker()) {
            long[] shape = d.input().tensorShape();
            Patch blank = new Patch(new float[(int) Arrays.stream(shape).reduce(1, Math::multiplyExact)], shape);
            List<Float> p = probe.predict(List.of(blank, blank));
            if (p.size() != 2) {
                throw new IllegalStateException("two patches gave " + p.size() + " outputs");
            }
        } catch (RuntimeException e) {
            model.close();
            throw new ModelIntegrityException("model " + d.identity() + " in " + directory + " does not take a "
                    + Arrays.toString(d.input().tensorShape()) + " " + d.input().layout().label()
                    + " patch and give one " + d.output().name().toLowerCase(Locale.ROOT)
                    + " per patch: " + rootMessage(e));
        }
        return classifier;
    }

    private static Model loadDjl(ModelDescriptor d, Path directory, Path weights, Device device) {
        Block block;
        try {
            block = Architectures.create(d.architecture(), d.input());
        } catch (IllegalArgumentException e) {
            throw new ModelIntegrityException("model " + d.identity() + " in " + directory + ": " + e.getMessage());
        }
        Model model = Model.newInstance(d.name(), device, "PyTorch");
        model.setBlock(block);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(weights));
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
        return model;
    }

    private static Model loadTorchScript(ModelDescriptor d, Path directory, Path weights, Device device) {
        Model model = Model.newInstance(d.name(), device, "PyTorch");
        try {
            // mapLocation: a module saved on one device runs on the one the engine chose
            model.load(weights, null, Map.of("mapLocation", "true"));
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new ModelIntegrityException("model " + d.identity() + " in " + directory + ": " + weights.getFileName()
                    + " is not a TorchScript module libtorch can load (" + rootMessage(e) + ")");
        }
        return model;
    }

    /**
     * The innermost cause's message, shortened: libtorch's carry the TorchScript call stack, and the line that says
     * what went wrong is the one after "RuntimeError:" (or else the first).
     */
    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String[] lines = String.valueOf(t.getMessage()).split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            int at = lines[i].indexOf("RuntimeError:");
            if (at >= 0) {
                return lines[i].substring(at + "RuntimeError:".length()).trim();
            }
        }
        return lines[0].trim();
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
