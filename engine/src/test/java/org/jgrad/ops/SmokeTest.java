package org.jgrad.ops;

import static org.junit.jupiter.api.Assertions.*;

import org.jgrad.check.GradCheck;
import org.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void addMulMatmulConvGradients() {
        Tensor a = Tensor.randn(1, 1f, 3, 4);
        Tensor b = Tensor.randn(2, 1f, 4);
        GradCheck.assertGradients(in -> in[0].mul(in[1]).add(in[1]), a, b);
        Tensor m = Tensor.randn(3, 1f, 4, 5);
        GradCheck.assertGradients(in -> in[0].matmul(in[1]), a, m);
        Tensor x = Tensor.randn(4, 1f, 2, 3, 5, 6);
        Tensor w = Tensor.randn(5, 1f, 4, 3, 3, 3);
        Tensor bias = Tensor.randn(6, 1f, 4);
        GradCheck.assertGradients(in -> Conv2d.apply(in[0], in[1], in[2], 2, 1), x, w, bias);
    }

    @Test
    void gradCheckCatchesAWrongGradient() {
        Tensor a = Tensor.randn(1, 1f, 5);
        // A correct op passes; an op whose backward disagrees with its forward fails.
        GradCheck.Report r = new GradCheck().check(in -> in[0].sigmoid(), a);
        assertTrue(r.ok());
        GradCheck.Report bad = new GradCheck().check(in -> {
            Tensor s = in[0].sigmoid();
            return s.detach().add(in[0].relu().mul(0f)).add(in[0].mul(1f));   // value sigmoid, gradient 1
        }, a);
        assertFalse(bad.ok());
    }
}
