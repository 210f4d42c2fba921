package org.jgrad.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jgrad.autograd.GraphDrawing;
import org.jgrad.loss.Losses;
import org.jgrad.nn.Dense;
import org.jgrad.optim.LossGuard;
import org.jgrad.optim.Sgd;
import org.jgrad.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The tutorial's first network: one Dense neuron learns y = 2x - 1 from six points with SGD and
 * mean squared error. {@code --house} is the tutorial's exercise: price = 50 + 50 × bedrooms
 * (thousands), learned from 1..9 bedrooms; prices are scaled by 1/100 for training, as the
 * tutorial suggests, so that plain SGD converges. {@code --graph FILE} draws the computation graph of
 * one more step after training (values and gradients of every tensor), as SVG or Graphviz DOT.
 */
@Command(
        name = "toy",
        mixinStandardHelpOptions = true,
        description = "Train one Dense neuron on y = 2x - 1 (or --house) and predict.")
public final class ToyCommand implements Callable<Integer> {
    @Option(names = "--epochs", description = "Training epochs (default: ${DEFAULT-VALUE}).", defaultValue = "500")
    int epochs;

    @Option(names = "--lr", description = "SGD learning rate (default: ${DEFAULT-VALUE}).", defaultValue = "0.01")
    float lr;

    @Option(names = "--x", description = "Input to predict for (default: 10, or 7 bedrooms with --house).")
    Float x;

    @Option(names = "--house", description = "The house-price exercise instead of y = 2x - 1.")
    boolean house;

    @Option(
            names = "--seed",
            description = "Seed of the initial weight (default: ${DEFAULT-VALUE}).",
            defaultValue = "1")
    long seed;

    @Option(
            names = "--graph",
            paramLabel = "FILE",
            description =
                    "After training, draw one step's computation graph with values and gradients (FILE.svg or FILE.dot).")
    Path graph;

    @Override
    public Integer call() throws IOException {
        if (epochs <= 0) throw new IllegalArgumentException("--epochs must be > 0, got " + epochs);
        if (graph != null && !graph.toString().matches("(?i).*\\.(svg|dot|gv)")) {
            throw new IllegalArgumentException("--graph " + graph + ": the name must end in .svg or .dot");
        }
        float[] xs, ys;
        float scale;
        if (house) {
            xs = new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9};
            ys = new float[xs.length];
            for (int i = 0; i < xs.length; i++) ys[i] = (50 + 50 * xs[i]) / 100f;
            scale = 100f;
        } else {
            xs = new float[] {-1, 0, 1, 2, 3, 4};
            ys = new float[xs.length];
            for (int i = 0; i < xs.length; i++) ys[i] = 2 * xs[i] - 1;
            scale = 1f;
        }
        float query = x != null ? x : (house ? 7f : 10f);
        Tensor inputs = Tensor.of(xs, xs.length, 1);
        Tensor targets = Tensor.of(ys, ys.length, 1);
        Dense neuron = new Dense(1, 1, seed);
        Sgd sgd = new Sgd(neuron.parameters(), lr);
        for (int epoch = 1; epoch <= epochs; epoch++) {
            sgd.zeroGrad();
            Tensor loss = Losses.mse(neuron.forward(inputs), targets);
            loss.backward();
            sgd.step();
            float value = LossGuard.requireFinite(loss.item(), epoch, epoch);
            if (epoch % 100 == 0 || epoch == epochs) System.out.printf("epoch %d  loss %.6f%n", epoch, value);
        }
        float w = neuron.weight().item(), b = neuron.bias().item();
        System.out.printf("learned weight %.4f, bias %.4f%n", w, b);
        if (graph != null) drawOneStep(neuron, inputs.named("x"), targets.named("y"));
        float prediction = neuron.forward(Tensor.of(new float[] {query}, 1, 1)).item() * scale;
        if (house) {
            System.out.printf(
                    "predict(%s bedrooms) = %.2f thousand (expected %.0f)%n", fmt(query), prediction, 50 + 50 * query);
        } else {
            System.out.printf("predict(%s) = %.4f%n", fmt(query), prediction);
        }
        System.out.println(
                "Close to, not exactly, the true value: the neuron was fitted to only " + xs.length
                        + " points by a finite number of gradient steps, so w and b approach their true values without reaching them.");
        return 0;
    }

    /** One more forward and backward pass (no update), drawn with every tensor's value and gradient. */
    private void drawOneStep(Dense neuron, Tensor inputs, Tensor targets) throws IOException {
        neuron.zeroGrad();
        Tensor loss = Losses.mse(neuron.forward(inputs), targets).named("loss");
        GraphDrawing.keepGradients(loss);
        loss.backward();
        String how = GraphFile.write(loss, graph);
        System.out.println("computation graph of one step written to " + graph
                + (how.equals("jgrad") ? " (drawn by jgrad; with Graphviz on the PATH, dot draws it)" : ""));
    }

    private static String fmt(float v) {
        return v == Math.rint(v) ? String.format("%.1f", v) : Float.toString(v);
    }
}
