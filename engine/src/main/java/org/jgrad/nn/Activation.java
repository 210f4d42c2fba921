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

    public static Activation relu() { return new Activation("ReLU", Tensor::relu); }
    public static Activation leakyRelu(float slope) { return new Activation("LeakyReLU(" + slope + ")", t -> t.leakyRelu(slope)); }
    public static Activation sigmoid() { return new Activation("Sigmoid", Tensor::sigmoid); }
    public static Activation tanh() { return new Activation("Tanh", Tensor::tanh); }

    @Override public Tensor forward(Tensor x) { return f.apply(x); }

    @Override public String describe() { return name; }
}
