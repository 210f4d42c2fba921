package org.jgrad.nn;

import static org.jgrad.testing.TensorAssert.assertThrowsMentioning;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import org.jgrad.autograd.GradMode;
import org.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Sequential releases its in-between outputs under noGrad, and nothing else. */
class SequentialTest {
    /** Records what each call returned: y = 2x, or x itself (identity), or a reshaped view of x. */
    private static final class Probe extends Module {
        final String kind;
        final List<Tensor> outputs = new ArrayList<>();

        Probe(String kind) {
            this.kind = kind;
        }

        @Override
        public Tensor forward(Tensor x) {
            Tensor y = switch (kind) {
                case "double" -> x.mul(2f);
                case "identity" -> x;
                default -> x.reshape(x.size());
            };
            outputs.add(y);
            return y;
        }
    }

    @Test
    void underNoGradInBetweenOutputsAreReleasedButNotTheInputViewsOrResult() {
        Probe identity = new Probe("identity"),
                first = new Probe("double"),
                view = new Probe("view"),
                last = new Probe("double");
        Sequential net = new Sequential(identity, first, view, last);
        Tensor x = Tensor.of(new float[] {1f, 2f}, 1, 2);
        Tensor y;
        try (var scope = GradMode.noGrad()) {
            y = net.forward(x);
        }
        assertArrayEquals(new float[] {4f, 8f}, y.toArray());
        assertArrayEquals(
                new float[] {1f, 2f}, x.toArray(), "the caller's input (returned as is by the first layer) is kept");
        // first's output was viewed by the next layer, and that view fed the last layer: released once the last ran.
        assertThrowsMentioning(
                IllegalStateException.class, () -> first.outputs.get(0).toArray(), "after release");
        assertThrowsMentioning(
                IllegalStateException.class, () -> view.outputs.get(0).toArray(), "after release");
    }

    @Test
    void withGradientsNothingIsReleased() {
        Probe first = new Probe("double"), last = new Probe("double");
        Tensor x = Tensor.of(new float[] {1f, 2f}, 1, 2).requiresGrad(true);
        Tensor y = new Sequential(first, last).forward(x);
        assertArrayEquals(new float[] {2f, 4f}, first.outputs.get(0).toArray(), "the graph still needs it");
        y.sum().backward();
        assertArrayEquals(new float[] {4f, 4f}, x.grad().toArray());
    }
}
