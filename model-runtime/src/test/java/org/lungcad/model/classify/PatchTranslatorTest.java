package org.lungcad.model.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.translate.Batchifier;
import ai.djl.translate.TranslatorContext;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lungcad.model.engine.ModelDescriptor;
import org.lungcad.model.engine.ModelDescriptor.InputSpec;

/** The learned stage's pre- and post-processing, without any weights. */
class PatchTranslatorTest {

    static final InputSpec INPUT = new InputSpec(4, 4, 4, 1.0, -1000, 400, PatchLayout.TRIPLANAR);
    static NDManager manager;

    @BeforeAll
    static void engine() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @Test
    void huWindowMapsToTheUnitIntervalAndClamps() {
        float[] n = PatchTranslator.normalise(new float[] {-2000, -1000, -300, 400, 3000}, INPUT);
        assertThat(n).containsExactly(new float[] {0f, 0f, 0.5f, 1f, 1f}, within(1e-6f));
    }

    @Test
    void aPatchBecomesOneTensorOfTheModelsShape() {
        float[] hu = new float[3 * 4 * 4];
        java.util.Arrays.fill(hu, -300);
        hu[0] = 400;
        NDList in = new PatchTranslator(INPUT, ModelDescriptor.Output.LOGIT).processInput(context(), new Patch(hu,
                new long[] {3, 4, 4}));
        assertThat(in.singletonOrThrow().getShape().getShape()).containsExactly(3, 4, 4);
        float[] v = in.singletonOrThrow().toFloatArray();
        assertThat(v[0]).isEqualTo(1f);
        assertThat(v[1]).isCloseTo(0.5f, within(1e-6f));
        assertThat(new PatchTranslator(INPUT, ModelDescriptor.Output.LOGIT).getBatchifier()).isSameAs(Batchifier.STACK);
    }

    @Test
    void aPatchOfAnotherShapeIsRefused() {
        Patch wrong = new Patch(new float[2 * 4 * 4], new long[] {2, 4, 4});
        assertThatThrownBy(() -> new PatchTranslator(INPUT, ModelDescriptor.Output.LOGIT).processInput(context(), wrong))
                .hasMessageContaining("not the model's input");
    }

    @Test
    void logitsBecomeProbabilities() {
        PatchTranslator logit = new PatchTranslator(INPUT, ModelDescriptor.Output.LOGIT);
        assertThat(logit.processOutput(context(), new NDList(manager.create(new float[] {0f})))).isEqualTo(0.5f);
        assertThat(logit.processOutput(context(), new NDList(manager.create(new float[] {2f}))))
                .isCloseTo((float) (1 / (1 + Math.exp(-2))), within(1e-6f));
        PatchTranslator prob = new PatchTranslator(INPUT, ModelDescriptor.Output.PROBABILITY);
        assertThat(prob.processOutput(context(), new NDList(manager.create(new float[] {0.8f})))).isEqualTo(0.8f);
        assertThatThrownBy(() -> logit.processOutput(context(), new NDList(manager.create(new float[] {1f, 2f}))))
                .hasMessageContaining("2 outputs");
        assertThatThrownBy(() -> logit.processOutput(context(), new NDList(manager.create(new float[] {Float.NaN}))))
                .hasMessageContaining("non-finite");
    }

    /** A context that only lends its manager, all a translator of patches needs. */
    private static TranslatorContext context() {
        return (TranslatorContext) Proxy.newProxyInstance(TranslatorContext.class.getClassLoader(),
                new Class<?>[] {TranslatorContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getNDManager") || method.getName().equals("getPredictorManager")) {
                        return manager;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
