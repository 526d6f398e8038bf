package org.lungcad.model.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.lungcad.model.classify.PatchLayout;
import org.lungcad.model.classify.Stacking;

/**
 * Reads {@code model.properties} from a model directory and verifies the weights' SHA-256.
 * A properties file rather than JSON because model-runtime has no JSON library. Format:
 * <pre>
 * name=nodule-classifier
 * version=1.0.0
 * architecture=lungcad-triplanar-cnn-1
 * weights.format=djl
 * weights.file=nodule-classifier-0000.params
 * weights.sha256=&lt;64 hex digits&gt;
 * input.patch=32,32,32
 * input.layout=triplanar
 * input.spacing_mm=1.0
 * input.hu_window=-1000,400
 * output=logit
 * stacking=-1.2,0.8,1.1
 * training.recipe=LUNA16 subsets 0-7, 40 epochs, Adam 1e-3, seed 7
 * metric.auc=0.93
 * </pre>
 * {@code stacking} is bias, transparent-score weight, model weight ({@link Stacking}). {@code weights.format} is
 * {@code djl} (DJL parameters of the named architecture, what the {@code train} command writes) or
 * {@code torchscript} (a {@code torch.jit.save} file, which carries its own network).
 */
public final class ModelDescriptorReader {

    public static final String FILE_NAME = "model.properties";
    private static final String METRIC_PREFIX = "metric.";

    private ModelDescriptorReader() {
    }

    /** Reads and validates the descriptor, then checks the weights' checksum; returns the verified descriptor. */
    public static ModelDescriptor readVerified(Path modelDirectory) throws IOException {
        ModelDescriptor d = read(modelDirectory);
        verifyWeights(modelDirectory, d);
        return d;
    }

    /** Reads and validates the descriptor only. */
    public static ModelDescriptor read(Path modelDirectory) throws IOException {
        Path file = modelDirectory.resolve(FILE_NAME);
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        try {
            int[] patch = ints(required(p, "input.patch"), 3, "input.patch");
            double[] window = doubles(required(p, "input.hu_window"), 2, "input.hu_window");
            ModelDescriptor.InputSpec input = new ModelDescriptor.InputSpec(patch[0], patch[1], patch[2],
                    Double.parseDouble(required(p, "input.spacing_mm")), window[0], window[1],
                    PatchLayout.parse(required(p, "input.layout")));
            ModelDescriptor.WeightsFormat format = ModelDescriptor.WeightsFormat.parse(required(p, "weights.format"));
            double[] stacking = doubles(required(p, "stacking"), 3, "stacking");
            ModelDescriptor.Output output = switch (required(p, "output").toLowerCase(Locale.ROOT)) {
                case "logit" -> ModelDescriptor.Output.LOGIT;
                case "probability" -> ModelDescriptor.Output.PROBABILITY;
                default -> throw new IllegalArgumentException("output must be logit or probability: " + p.getProperty("output"));
            };
            List<ModelDescriptor.Metric> metrics = new ArrayList<>();
            for (String key : p.stringPropertyNames()) {
                if (key.startsWith(METRIC_PREFIX)) {
                    metrics.add(new ModelDescriptor.Metric(key.substring(METRIC_PREFIX.length()),
                            Double.parseDouble(p.getProperty(key).trim())));
                }
            }
            return new ModelDescriptor(required(p, "name"), required(p, "version"), required(p, "architecture"), format,
                    input, output, required(p, "weights.file"), required(p, "weights.sha256").toLowerCase(Locale.ROOT),
                    new Stacking(stacking[0], stacking[1], stacking[2]), required(p, "training.recipe"), metrics);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code model.properties} for the descriptor into {@code modelDirectory} (keys sorted, UTF-8). */
    public static void write(Path modelDirectory, ModelDescriptor d) throws IOException {
        java.util.TreeMap<String, String> p = new java.util.TreeMap<>();
        p.put("name", d.name());
        p.put("version", d.version());
        p.put("architecture", d.architecture());
        p.put("weights.format", d.weightsFormat().label());
        p.put("weights.file", d.weightsFile());
        p.put("weights.sha256", d.weightsSha256());
        ModelDescriptor.InputSpec in = d.input();
        p.put("input.patch", in.patchX() + "," + in.patchY() + "," + in.patchZ());
        p.put("input.layout", in.layout().label());
        p.put("input.spacing_mm", Double.toString(in.spacingMm()));
        p.put("input.hu_window", in.huMin() + "," + in.huMax());
        p.put("output", d.output().name().toLowerCase(Locale.ROOT));
        p.put("stacking", d.stacking().bias() + "," + d.stacking().transparent() + "," + d.stacking().learned());
        p.put("training.recipe", d.trainingRecipe());
        for (ModelDescriptor.Metric m : d.metrics()) {
            p.put(METRIC_PREFIX + m.name(), Double.toString(m.value()));
        }
        StringBuilder text = new StringBuilder("# LungCAD model descriptor (see docs/models.md)\n");
        p.forEach((k, v) -> text.append(k).append('=').append(v.replace("\\", "\\\\").replace("\n", " ")).append('\n'));
        Files.createDirectories(modelDirectory);
        Files.writeString(modelDirectory.resolve(FILE_NAME), text, StandardCharsets.UTF_8);
    }

    /**
     * Recomputes the weights' SHA-256.
     *
     * @throws ModelIntegrityException when the weights are missing or their checksum differs
     */
    public static Path verifyWeights(Path modelDirectory, ModelDescriptor descriptor) throws IOException {
        Path weights = modelDirectory.resolve(descriptor.weightsFile());
        String actual;
        try {
            actual = sha256(weights);
        } catch (NoSuchFileException e) {
            throw new ModelIntegrityException("model " + descriptor.name() + " " + descriptor.version()
                    + ": weights file " + weights + " is missing");
        }
        if (!actual.equals(descriptor.weightsSha256())) {
            throw new ModelIntegrityException("model " + descriptor.name() + " " + descriptor.version()
                    + ": SHA-256 of " + weights + " is " + actual + " but the descriptor says "
                    + descriptor.weightsSha256() + "; refusing to load altered or incomplete weights");
        }
        return weights;
    }

    /** Lower-case hex SHA-256 of a file, streamed. */
    public static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("missing " + key);
        }
        return v.trim();
    }

    private static int[] ints(String s, int n, String key) {
        double[] d = doubles(s, n, key);
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            if (d[i] != Math.rint(d[i])) {
                throw new IllegalArgumentException(key + " must hold integers: " + s);
            }
            r[i] = (int) d[i];
        }
        return r;
    }

    private static double[] doubles(String s, int n, String key) {
        String[] parts = s.split(",");
        if (parts.length != n) {
            throw new IllegalArgumentException(key + " must have " + n + " comma-separated values: " + s);
        }
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = Double.parseDouble(parts[i].trim());
        }
        return r;
    }
}
