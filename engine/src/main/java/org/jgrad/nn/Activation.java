package org.jgrad.nn;

import java.util.function.UnaryOperator;
import org.jgrad.tensor.Tensor;

/** Parameter-free elementwise layers: ReLU, leaky ReLU, sigmoid, tanh. */
public final class Activation extends Module {
    private final String name;
    private final UnaryOperator<Tensor> f;

    private Activation(String name, UnaryOperator<Tensor> f) {
        this.name = name;
        this.f = f;
    }

    /**
     * ReLU, max(0, x); gradient 1 where x &gt; 0, else 0.
     *
     * @return the layer
     */
    public static Activation relu() {
        return new Activation("ReLU", Tensor::relu);
    }

    /** Whether this is {@link #relu()} (inference fuses it into a preceding convolution). */
    boolean isRelu() {
        return name.equals("ReLU");
    }

    /**
     * Leaky ReLU: x where x &gt; 0, else slope·x.
     *
     * @param slope the slope for negative inputs (0.01 is usual)
     * @return the layer
     */
    public static Activation leakyRelu(float slope) {
        return new Activation("LeakyReLU(" + slope + ")", t -> t.leakyRelu(slope));
    }
    /**
     * Sigmoid, 1 / (1 + e^−x), into (0, 1).
     *
     * @return the layer
     */
    public static Activation sigmoid() {
        return new Activation("Sigmoid", Tensor::sigmoid);
    }
    /**
     * Hyperbolic tangent, into (−1, 1).
     *
     * @return the layer
     */
    public static Activation tanh() {
        return new Activation("Tanh", Tensor::tanh);
    }

    @Override
    public Tensor forward(Tensor x) {
        return f.apply(x);
    }

    @Override
    public String describe() {
        return name;
    }
}
