package org.jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Graph.backward with a listener: each leaf is told once, after its gradient's last addition. */
class GradientListenerTest {

    /**
     * loss = b · Σ(w·x + w·w) with w = [1, 2], x = [3, −1] (no grad), b = 2: w is read by two ops,
     * once by the first and twice by the second. By hand: dL/dw = b·(x + 2w) = [10, 6] and
     * dL/db = Σ(w·x + w²) = 4 + 2 = 6.
     */
    @Test
    void aLeafReadByTwoOpsIsToldOnceWithItsFinalGradient() {
        Tensor w = Tensor.of(new float[] {1, 2}, 2).requiresGrad(true).named("w");
        Tensor b = Tensor.of(new float[] {2}, 1).requiresGrad(true).named("b");
        Tensor x = Tensor.of(new float[] {3, -1}, 2);
        Tensor loss = w.mul(x).add(w.mul(w)).sum().mul(b);
        List<Tensor> told = new ArrayList<>();
        List<float[]> seen = new ArrayList<>();
        Graph.backward(loss, leaf -> {
            told.add(leaf);
            seen.add(leaf.grad().toArray());
        });
        assertEquals(2, told.size(), "each leaf once: " + told);
        // b's op runs first in reverse, so b is final before w.
        assertSame(b, told.get(0));
        assertSame(w, told.get(1));
        assertArrayEquals(new float[] {6}, seen.get(0), 1e-6f);
        assertArrayEquals(new float[] {10, 6}, seen.get(1), 1e-6f);
        assertArrayEquals(w.grad().toArray(), seen.get(1), 0f, "w was told after its last addition");
        assertArrayEquals(b.grad().toArray(), seen.get(0), 0f);
    }

    @Test
    void aLeafRootIsToldWithTheSeedGradient() {
        Tensor root = Tensor.of(new float[] {5}, 1).requiresGrad(true);
        List<float[]> seen = new ArrayList<>();
        Graph.backward(root, leaf -> seen.add(leaf.grad().toArray()));
        assertEquals(1, seen.size());
        assertArrayEquals(new float[] {1}, seen.get(0), 0f);
    }

    @Test
    void withoutAListenerBackwardGivesTheSameGradients() {
        Tensor w = Tensor.of(new float[] {1, 2}, 2).requiresGrad(true);
        Tensor x = Tensor.of(new float[] {3, -1}, 2);
        w.mul(x).add(w.mul(w)).sum().backward();
        assertArrayEquals(new float[] {5, 3}, w.grad().toArray(), 1e-6f); // x + 2w
    }
}
