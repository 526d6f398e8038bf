package org.lungcad.model.classify;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import java.util.Arrays;
import java.util.Objects;
import org.lungcad.model.engine.ModelDescriptor;

/**
 * Pre- and post-processing of the learned false-positive-reduction stage: a patch in HU becomes the model's input
 * (the descriptor's HU window mapped to [0, 1], clamped), the model's one output becomes the probability that the
 * candidate is a nodule (a logistic of a logit, or the value itself for a model that ends in a sigmoid). Patches are
 * stacked into one batch.
 */
public final class PatchTranslator implements Translator<Patch, Float> {

    private final ModelDescriptor.InputSpec input;
    private final ModelDescriptor.Output output;

    public PatchTranslator(ModelDescriptor.InputSpec input, ModelDescriptor.Output output) {
        this.input = Objects.requireNonNull(input, "input");
        this.output = Objects.requireNonNull(output, "output");
    }

    @Override
    public NDList processInput(TranslatorContext ctx, Patch patch) {
        long[] expected = input.tensorShape();
        if (!Arrays.equals(patch.shape(), expected)) {
            throw new IllegalArgumentException("patch shape " + Arrays.toString(patch.shape())
                    + " is not the model's input " + Arrays.toString(expected));
        }
        NDArray x = ctx.getNDManager().create(normalise(patch.hu(), input), new Shape(expected));
        return new NDList(x);
    }

    @Override
    public Float processOutput(TranslatorContext ctx, NDList list) {
        float[] v = list.singletonOrThrow().toFloatArray();
        if (v.length != 1) {
            throw new IllegalStateException("the model gave " + v.length + " outputs per patch, expected 1");
        }
        return (float) toProbability(v[0], output);
    }

    @Override
    public Batchifier getBatchifier() {
        return Batchifier.STACK;
    }

    /** HU clamped to the window and mapped to [0, 1]; a new array. */
    public static float[] normalise(float[] hu, ModelDescriptor.InputSpec input) {
        float lo = (float) input.huMin();
        float scale = (float) (1 / (input.huMax() - input.huMin()));
        float[] out = new float[hu.length];
        for (int i = 0; i < hu.length; i++) {
            out[i] = Math.max(0f, Math.min(1f, (hu[i] - lo) * scale));
        }
        return out;
    }

    static double toProbability(double v, ModelDescriptor.Output output) {
        if (!Double.isFinite(v)) {
            throw new IllegalStateException("the model gave a non-finite output: " + v);
        }
        return switch (output) {
            case LOGIT -> 1 / (1 + Math.exp(-v));
            case PROBABILITY -> Math.max(0, Math.min(1, v));
        };
    }
}
