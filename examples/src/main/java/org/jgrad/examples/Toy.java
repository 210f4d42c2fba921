package org.jgrad.examples;

import org.jgrad.loss.Losses;
import org.jgrad.nn.Dense;
import org.jgrad.optim.Sgd;
import org.jgrad.tensor.Tensor;

/** The first network: one neuron learns y = 2x − 1 from six points. Run: ./run.sh toy */
public final class Toy {
    public static void main(String[] args) {
        Dense neuron = fit(args.length > 0 ? Integer.parseInt(args[0]) : 500);
        System.out.printf("w = %.3f, b = %.3f (true: 2, -1)%n", neuron.weight().item(), neuron.bias().item());
        System.out.printf("predict(10) = %.3f (true: 19)%n", neuron.forward(Tensor.of(new double[][] {{10}})).item());
    }

    /** One Dense(1 → 1) neuron trained with SGD on mean squared error, for {@code epochs} full-batch steps. */
    static Dense fit(int epochs) {
        Tensor x = Tensor.of(new double[][] {{-1}, {0}, {1}, {2}, {3}, {4}});   // [6, 1]: six examples, one feature
        Tensor y = x.mul(2f).sub(1f);                                          // the targets, y = 2x − 1
        Dense neuron = new Dense(1, 1, 42);
        var sgd = new Sgd(neuron.parameters(), 0.05f);
        for (int epoch = 0; epoch < epochs; epoch++) {
            sgd.zeroGrad();
            Losses.mse(neuron.forward(x), y).backward();
            sgd.step();
        }
        return neuron;
    }
}
