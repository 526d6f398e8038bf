package org.lungcad.model.engine;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.lungcad.model.classify.PatchLayout;
import org.lungcad.model.classify.Stacking;

/**
 * What a model directory says about its model: identity, expected input, the weights' checksum, how it was
 * trained and how well it did. Read by {@link ModelDescriptorReader} from {@code model.properties}.
 *
 * @param architecture  the network: for DJL weights a name {@code Architectures} knows; for TorchScript, which carries
 *                      its own network, a description for people
 * @param weightsFormat how the weights file is written
 * @param output        what the network's single output is
 * @param weightsFile   file name of the weights inside the model directory (no path separators)
 * @param weightsSha256 lower-case hex SHA-256 of the weights file
 * @param stacking      how the model's probability is combined with the transparent detection score
 * @param metrics       evaluation results, sorted by name
 */
public record ModelDescriptor(String name, String version, String architecture, WeightsFormat weightsFormat,
                              InputSpec input, Output output, String weightsFile, String weightsSha256, Stacking stacking, String trainingRecipe,
                              List<Metric> metrics) {

    /** The network's output per patch. */
    public enum Output {
        /** A logit: the probability is its logistic. */
        LOGIT,
        /** Already a probability in [0, 1]. */
        PROBABILITY
    }

    /** How the weights file is written. */
    public enum WeightsFormat {
        /** DJL block parameters ({@code Block.saveParameters}) of the architecture {@code Architectures} names. */
        DJL,
        /** A TorchScript module ({@code torch.jit.save}) that carries its own network. */
        TORCHSCRIPT;

        /** The descriptor's spelling: {@code djl} or {@code torchscript}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static WeightsFormat parse(String s) {
            for (WeightsFormat f : values()) {
                if (f.label().equals(s.trim().toLowerCase(Locale.ROOT))) {
                    return f;
                }
            }
            throw new IllegalArgumentException("weights.format " + s + " is not supported (djl or torchscript)");
        }
    }

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9._-]+");

    public ModelDescriptor {
        requireText(name, "name");
        requireText(version, "version");
        requireText(architecture, "architecture");
        Objects.requireNonNull(weightsFormat, "weightsFormat");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(stacking, "stacking");
        requireText(trainingRecipe, "training recipe");
        if (weightsFile == null || !FILE_NAME.matcher(weightsFile).matches() || weightsFile.startsWith(".")) {
            throw new IllegalArgumentException("weights file must be a plain file name in the model directory: " + weightsFile);
        }
        if (weightsSha256 == null || !SHA256.matcher(weightsSha256).matches()) {
            throw new IllegalArgumentException("weights sha256 must be 64 lower-case hex digits: " + weightsSha256);
        }
        metrics = Objects.requireNonNull(metrics, "metrics").stream()
                .sorted(Comparator.comparing(Metric::name)).toList();
    }

    /** The model as an algorithm parameter (TID 4019): {@code model=name version sha256:<64 hex>}. */
    public String parameter() {
        return "model=" + fullIdentity();
    }

    /** {@code name version sha256:<64 hex>}. */
    public String fullIdentity() {
        return name + " " + version + " sha256:" + weightsSha256;
    }

    /** "name version (sha256 first 12)", how reports name the model in one line. */
    public String identity() {
        return name + " " + version + " (sha256 " + weightsSha256.substring(0, 12) + ")";
    }

    /**
     * The patch the model takes.
     *
     * @param patchX    voxels along x (likewise y, z)
     * @param spacingMm isotropic voxel size the patch is resampled to
     * @param huMin     lower end of the HU window mapped to the input range
     * @param huMax     upper end of the HU window
     * @param layout    how the patch becomes the input tensor
     */
    public record InputSpec(int patchX, int patchY, int patchZ, double spacingMm, double huMin, double huMax,
                            PatchLayout layout) {
        public InputSpec {
            Objects.requireNonNull(layout, "layout");
            if (patchX < 1 || patchY < 1 || patchZ < 1) {
                throw new IllegalArgumentException("patch size must be positive");
            }
            if (!(spacingMm > 0) || Double.isInfinite(spacingMm)) {
                throw new IllegalArgumentException("spacing must be positive: " + spacingMm);
            }
            if (!(huMin < huMax) || Double.isInfinite(huMin) || Double.isInfinite(huMax)) {
                throw new IllegalArgumentException("HU window must satisfy min < max: " + huMin + ", " + huMax);
            }
            if (layout == PatchLayout.TRIPLANAR && (patchX != patchY || patchX != patchZ)) {
                throw new IllegalArgumentException("a triplanar patch must be cubic: " + patchX + "x" + patchY + "x"
                        + patchZ);
            }
        }

        /** The input tensor's shape for one patch (no batch axis). */
        public long[] tensorShape() {
            return layout == PatchLayout.TRIPLANAR ? new long[] {3, patchX, patchX}
                    : new long[] {1, patchZ, patchY, patchX};
        }
    }

    /** One evaluation result, e.g. {@code froc_cpm = 0.81}. */
    public record Metric(String name, double value) {
        public Metric {
            requireText(name, "metric name");
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("metric " + name + " must be finite");
            }
        }
    }

    private static void requireText(String s, String what) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }
}
