package org.lungcad.model.engine;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a model directory says about its model: identity, expected input, the weights' checksum, how it was
 * trained and how well it did. Read by {@link ModelDescriptorReader} from {@code model.properties}.
 *
 * @param weightsFile   file name of the weights inside the model directory (no path separators)
 * @param weightsSha256 lower-case hex SHA-256 of the weights file
 * @param metrics       evaluation results, sorted by name
 */
public record ModelDescriptor(String name, String version, InputSpec input, String weightsFile, String weightsSha256,
                              String trainingRecipe, List<Metric> metrics) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9._-]+");

    public ModelDescriptor {
        requireText(name, "name");
        requireText(version, "version");
        Objects.requireNonNull(input, "input");
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

    /**
     * The patch the model takes.
     *
     * @param patchX    voxels along x (likewise y, z)
     * @param spacingMm isotropic voxel size the patch is resampled to
     * @param huMin     lower end of the HU window mapped to the input range
     * @param huMax     upper end of the HU window
     */
    public record InputSpec(int patchX, int patchY, int patchZ, double spacingMm, double huMin, double huMax) {
        public InputSpec {
            if (patchX < 1 || patchY < 1 || patchZ < 1) {
                throw new IllegalArgumentException("patch size must be positive");
            }
            if (!(spacingMm > 0) || Double.isInfinite(spacingMm)) {
                throw new IllegalArgumentException("spacing must be positive: " + spacingMm);
            }
            if (!(huMin < huMax) || Double.isInfinite(huMin) || Double.isInfinite(huMax)) {
                throw new IllegalArgumentException("HU window must satisfy min < max: " + huMin + ", " + huMax);
            }
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
