package org.lungcad.model.classify;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import org.lungcad.model.engine.ModelDescriptor;

/** The networks a model descriptor may name; weights are DJL parameters of one of these. */
public final class Architectures {

    /**
     * Three 3x3 convolution blocks (16, 32, 64 filters, batch norm, ReLU, 2x2 max pooling) on the triplanar patch,
     * global average pooling, a 32-unit hidden layer with dropout and one logit: about 26 000 parameters, small enough
     * to train on two CPU cores in minutes and to run on a scan's candidates in well under a second.
     */
    public static final String TRIPLANAR_CNN_1 = "lungcad-triplanar-cnn-1";

    private Architectures() {
    }

    /** A new, uninitialised block of the named architecture for this input. */
    public static Block create(String name, ModelDescriptor.InputSpec input) {
        if (!TRIPLANAR_CNN_1.equals(name)) {
            throw new IllegalArgumentException("unknown model architecture '" + name + "' (known: " + TRIPLANAR_CNN_1 + ")");
        }
        if (input.layout() != PatchLayout.TRIPLANAR) {
            throw new IllegalArgumentException(name + " takes a triplanar patch, not " + input.layout().label());
        }
        SequentialBlock net = new SequentialBlock();
        for (int filters : new int[] {16, 32, 64}) {
            net.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(filters)
                            .build())
                    .add(BatchNorm.builder().build())
                    .add(Activation::relu)
                    .add(Pool.maxPool2dBlock(new Shape(2, 2)));
        }
        net.add(Pool.globalAvgPool2dBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(32).build())
                .add(Activation::relu)
                .add(Dropout.builder().optRate(0.3f).build())
                .add(Linear.builder().setUnits(1).build());
        return net;
    }
}
