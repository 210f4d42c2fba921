package org.jgrad.autograd;

import static org.jgrad.tensor.TensorInternals.accumulateFreshGrad;
import static org.jgrad.tensor.TensorInternals.releaseGrad;
import static org.jgrad.tensor.TensorInternals.storage;
import static org.jgrad.testing.TensorAssert.assertGrad;
import static org.jgrad.testing.TensorAssert.assertThrowsMentioning;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import org.jgrad.backend.Storage;
import org.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The autograd core: accumulation, shared subgraphs, repeated passes, no-grad scopes, deep graphs. */
class GraphTest {
    private static final double TOL = 1e-5;

    @Test
    void tensorUsedTwiceGetsBothContributions() {
        // d(x·x)/dx = 2x: the mul rule adds dY·b into a and dY·a into b, and both are x.
        Tensor x = Tensor.of(new float[] {3f, -1.5f, 0.25f}, 3).requiresGrad(true);
        x.mul(x).sum().backward();
        assertGrad("x", new float[] {6f, -3f, 0.5f}, x, TOL);
    }

    @Test
    void diamondGraphSumsBothPaths() {
        // a = 2x; b = e^a; c = a·a; d = b + c.  dd/da = e^a + 2a; dd/dx = 2(e^a + 2a).
        // At x = 0.5: a = 1, dd/dx = 2(e + 2) = 9.4365637.
        Tensor x = Tensor.of(new float[] {0.5f}, 1).requiresGrad(true);
        Tensor a = x.mul(2f);
        Tensor d = a.exp().add(a.mul(a));
        d.sum().backward();
        assertGrad("x", new float[] {(float) (2 * (Math.E + 2))}, x, 1e-5);
    }

    @Test
    void twoForwardBackwardPassesAccumulateIntoLeaves() {
        // L1 = Σ 3x (grad 3), L2 = Σ x² at x = [1, 2] (grad 2x = [2, 4]); without zeroGrad: [5, 7].
        Tensor x = Tensor.of(new float[] {1f, 2f}, 2).requiresGrad(true);
        x.mul(3f).sum().backward();
        assertGrad("after first pass", new float[] {3f, 3f}, x, TOL);
        x.mul(x).sum().backward();
        assertGrad("after second pass", new float[] {5f, 7f}, x, TOL);
    }

    @Test
    void backwardTwiceOnTheSameGraphIsRefusedUnlessTheGraphIsRetained() {
        // L = Σ x² at x = 3: a second plain backward would silently add 2x = 6 again, so it is an error
        // naming the op; with retainGraph on the first pass, each pass adds 6 once: 12 (an earlier version
        // gave 24, because the intermediate x² kept its gradient from the first pass and sent it down again).
        Tensor x = Tensor.of(new float[] {3f}, 1).requiresGrad(true);
        Tensor loss = x.mul(x).sum();
        loss.backward();
        assertThrowsMentioning(
                IllegalStateException.class,
                loss::backward,
                "already backpropagated",
                "Tensor[1] made by mul",
                "retainGraph");
        assertGrad("x after the refused pass", new float[] {6f}, x, TOL);
        Tensor retained = x.mul(x).sum();
        x.zeroGrad();
        retained.backward(true);
        retained.backward();
        assertGrad("x", new float[] {12f}, x, TOL);
        assertThrowsMentioning(IllegalStateException.class, retained::backward, "already backpropagated");
    }

    @Test
    void twoLossesSharingAnIntermediateEachCountOnce() {
        // y = 2z; L1 = Σ y² (dL1/dz = 8z = 24 at z = 3); L2 = Σ y (dL2/dz = 2). Sum: 26. The first backward
        // retains the graph, since L2 goes through y's op again; without it L2's backward is refused.
        Tensor z = Tensor.of(new float[] {3f}, 1).requiresGrad(true);
        Tensor y = z.mul(2f);
        y.mul(y).sum().backward(true);
        assertGrad("z after L1", new float[] {24f}, z, TOL);
        y.sum().backward();
        assertGrad("z after L1 and L2", new float[] {26f}, z, TOL);
        assertThrowsMentioning(
                IllegalStateException.class,
                () -> y.mul(3f).sum().backward(),
                "already backpropagated",
                "Tensor[1] made by scale");
    }

    @Test
    void zeroGradForgetsTheGradient() {
        Tensor x = Tensor.of(new float[] {1f, 2f}, 2).requiresGrad(true);
        x.mul(3f).sum().backward();
        x.zeroGrad();
        assertNull(x.grad());
        x.mul(x).sum().backward();
        assertGrad("x after zeroGrad", new float[] {2f, 4f}, x, TOL);
    }

    @Test
    void noGradScopeRecordsNothingAndNests() {
        Tensor x = Tensor.of(new float[] {1f, 2f}, 2).requiresGrad(true);
        Tensor inside;
        Tensor nested;
        try (var outer = GradMode.noGrad()) {
            assertFalse(GradMode.isEnabled());
            inside = x.mul(x).add(1f).sum();
            try (var inner = GradMode.noGrad()) {
                nested = x.exp();
            }
            assertFalse(GradMode.isEnabled(), "closing the inner scope must not re-enable recording");
        }
        assertTrue(GradMode.isEnabled());
        assertFalse(inside.requiresGrad());
        assertNull(inside.creator());
        assertFalse(nested.requiresGrad());
        assertEquals(7f, inside.item(), 0f); // values are still computed: (1 + 1) + (4 + 1)
        assertThrowsMentioning(IllegalStateException.class, inside::backward, "does not require grad");
        // Recording resumes after the scope.
        Tensor after = x.mul(x).sum();
        assertTrue(after.requiresGrad());
        after.backward();
        assertGrad("x", new float[] {2f, 4f}, x, TOL);
    }

    @Test
    void backwardOnNonScalarIsAClearError() {
        Tensor x = Tensor.of(new float[] {1f, 2f, 3f, 4f, 5f, 6f}, 2, 3).requiresGrad(true);
        Tensor y = x.mul(2f);
        assertThrowsMentioning(IllegalArgumentException.class, y::backward, "scalar", "[2, 3]", "sum()");
    }

    @Test
    void inputsWithoutRequiresGradGetNoGradient() {
        Tensor x = Tensor.of(new float[] {1f, 2f}, 2).requiresGrad(true);
        Tensor constant = Tensor.of(new float[] {5f, 7f}, 2);
        x.mul(constant).sum().backward();
        assertGrad("x", new float[] {5f, 7f}, x, TOL);
        assertNull(constant.grad());
    }

    @Test
    void detachStopsTheGradient() {
        // L = Σ x·detach(x): only the first factor carries a gradient, so dL/dx = x (not 2x).
        Tensor x = Tensor.of(new float[] {3f, -2f}, 2).requiresGrad(true);
        x.mul(x.detach()).sum().backward();
        assertGrad("x", new float[] {3f, -2f}, x, TOL);
    }

    @Test
    void resultOfAnOpRecordsItsCreator() {
        Tensor x = Tensor.of(new float[] {1f}, 1).requiresGrad(true);
        Tensor y = x.exp();
        assertTrue(y.requiresGrad());
        assertEquals("exp", y.creator().opName());
        assertSame(x, y.creator().inputs().get(0));
    }

    @Test
    void aFreshGradientIsAdoptedAndLaterContributionsAddIntoIt() {
        // A rule that made dX for x alone hands it over (no copy); a later pass adds into it.
        Tensor x = Tensor.of(new float[] {1f, 2f}, 2).requiresGrad(true);
        AtomicReference<Tensor> handedOver = new AtomicReference<>();
        Tensor probe = Graph.record(
                "probe",
                Tensor.of(new float[] {0f, 0f}, 2),
                dY -> {
                    Tensor fresh = Tensor.of(new float[] {10f, 20f}, 2);
                    handedOver.set(fresh);
                    accumulateFreshGrad(x, fresh);
                },
                x);
        probe.sum().backward();
        assertSame(handedOver.get(), x.grad(), "the fresh gradient became x's grad without a copy");
        x.mul(3f).sum().backward(); // a leaf keeps accumulating into that tensor
        assertSame(handedOver.get(), x.grad());
        assertGrad("x", new float[] {13f, 23f}, x, TOL);
    }

    @Test
    void aRuleThatAdoptsItsOutputsGradientIsStoppedBeforeThatGradientIsReleased() {
        // The wrong call: dOut is the output's gradient, released right after this rule runs.
        Tensor x = Tensor.of(new float[] {1f, 2f}, 2).requiresGrad(true);
        Tensor y =
                Graph.record("aliasing", Tensor.of(new float[] {2f, 4f}, 2), dOut -> accumulateFreshGrad(x, dOut), x);
        assertThrowsMentioning(
                IllegalStateException.class, () -> y.mul(1f).sum().backward(), "aliasing", "accumulateGrad");
    }

    @Test
    void aPassedOnGradientIsCopiedSoTwoTensorsNeverShareOne() {
        // y = a + b hands the same dY to both; each must get its own grad, or the second
        // contribution to a (here a·a's) would also land in b.
        Tensor a = Tensor.of(new float[] {2f}, 1).requiresGrad(true);
        Tensor b = Tensor.of(new float[] {5f}, 1).requiresGrad(true);
        Tensor s = a.add(b);
        s.add(a.mul(a)).sum().backward();
        assertNotSame(a.grad(), b.grad());
        assertNotSame(storage(a.grad()), storage(b.grad()));
        assertGrad("a", new float[] {1f + 4f}, a, TOL);
        assertGrad("b", new float[] {1f}, b, TOL);
    }

    @Test
    void freshGradientsOfOpsUsedTwiceStillSum() {
        // L = Σ relu(x) + Σ exp(x) + Σ x·x: three rules hand x fresh gradients; dL/dx = step(x) + e^x + 2x.
        float[] v = {-1f, 0.5f, 2f};
        Tensor x = Tensor.of(v, 3).requiresGrad(true);
        x.relu().sum().add(x.exp().sum()).add(x.mul(x).sum()).backward();
        float[] expected = new float[3];
        for (int i = 0; i < 3; i++) expected[i] = (v[i] > 0 ? 1f : 0f) + (float) Math.exp(v[i]) + 2 * v[i];
        assertGrad("x", expected, x, TOL);
        // A second pass adds the same again into the leaf's (adopted) grad.
        x.relu().sum().add(x.exp().sum()).add(x.mul(x).sum()).backward();
        for (int i = 0; i < 3; i++) expected[i] *= 2;
        assertGrad("x after two passes", expected, x, TOL);
    }

    @Test
    void intermediateGradientsAreReleasedUnlessRetained() {
        // y = 2x, z = y·y, L = Σ z at x = [1, 3]: dL/dy = 2y = [4, 12], dL/dx = 8x = [8, 24].
        Tensor x = Tensor.of(new float[] {1f, 3f}, 2).requiresGrad(true);
        Tensor y = x.mul(2f).retainGrad();
        Tensor z = y.mul(y);
        z.sum().backward();
        assertGrad("x (a leaf keeps its gradient)", new float[] {8f, 24f}, x, TOL);
        assertGrad("y (retained)", new float[] {4f, 12f}, y, TOL);
        assertNull(z.grad(), "an intermediate gradient is released once its op has used it");
        assertTrue(x.retainsGrad());
        assertFalse(z.retainsGrad());
    }

    @Test
    void aLeafOrRetainedGradientCannotBeReleased() {
        Tensor w = Tensor.of(new float[] {2f}, 1).requiresGrad(true);
        Tensor y = w.mul(3f).retainGrad();
        y.sum().backward();
        assertThrowsMentioning(IllegalStateException.class, () -> releaseGrad(w), "keeps its gradient");
        assertThrowsMentioning(IllegalStateException.class, () -> releaseGrad(y), "keeps its gradient");
        assertGrad("w still intact", new float[] {3f}, w, TOL);
    }

    @Test
    void releasingAStepsGraphFreesWhatItComputedAndKeepsLeavesAndTheirViews() {
        org.jgrad.backend.Backend be = new org.jgrad.backend.cpu.ReferenceBackend();
        Tensor w = Tensor.of(be, new float[2048], 2048).requiresGrad(true); // a parameter
        Tensor x = Tensor.of(be, new float[2048], 2048); // an input batch
        Tensor wView = w.reshape(32, 64); // an op's view of a leaf
        Tensor h = wView.reshape(2048).mul(x).exp(); // computed: released
        Tensor hView = h.reshape(64, 32); // shares h's memory
        Tensor loss = hView.sum();
        loss.backward();
        float[] wGrad = w.grad().toArray();
        Graph.release(loss);
        assertThrowsMentioning(
                IllegalStateException.class,
                h::toArray,
                "after release",
                "Tensor[2048] made by exp",
                "Graph.release(Tensor[] made by sum)");
        assertThrowsMentioning(IllegalStateException.class, loss::toArray, "after release");
        assertThrowsMentioning(IllegalStateException.class, loss::backward, "Graph.release already freed");
        assertArrayEquals(new float[2048], w.toArray(), "the parameter is kept");
        assertArrayEquals(new float[2048], wView.toArray(), "so is the memory a view shares with it");
        assertArrayEquals(new float[2048], x.toArray(), "and the input");
        assertArrayEquals(wGrad, w.grad().toArray(), "and the parameter's gradient");
        // h and its view were one buffer: released once, so it is handed out once.
        Storage a = be.allocateUninitialized(2048), b = be.allocateUninitialized(2048);
        assertNotSame(org.jgrad.backend.cpu.CpuStorage.array(a), org.jgrad.backend.cpu.CpuStorage.array(b));
    }

    @Test
    void aReleasedBufferRefusesUse() {
        // What makes releasing safe to test on the CPU: a kernel that touched a released buffer fails loudly.
        org.jgrad.backend.Backend be = org.jgrad.device.Backends.reference();
        org.jgrad.backend.Storage s = be.upload(new float[] {1f, 2f});
        be.release(s);
        assertThrowsMentioning(IllegalStateException.class, () -> be.download(s, 0, new float[2], 2), "after release");
    }

    @Test
    void deepChainDoesNotOverflowTheStack() throws InterruptedException {
        // 20 000 chained ops y = y·1.0001 + 0 on a thread with a small (256 KiB) stack: a recursive
        // graph walk would overflow; dL/dx = 1.0001^10000 = e^(10000·ln 1.0001) ≈ 2.71815.
        int ops = 20_000;
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<Tensor> leaf = new AtomicReference<>();
        Thread worker = new Thread(
                null,
                () -> {
                    try {
                        Tensor x = Tensor.of(new float[] {1f}, 1).requiresGrad(true);
                        Tensor y = x;
                        for (int i = 0; i < ops / 2; i++) y = y.mul(1.0001f).add(0f);
                        y.sum().backward();
                        leaf.set(x);
                    } catch (Throwable t) {
                        failure.set(t);
                    }
                },
                "deep-chain",
                256 * 1024);
        worker.start();
        worker.join();
        if (failure.get() != null) throw new AssertionError("deep chain failed", failure.get());
        double expected = Math.pow(1.0001f, ops / 2);
        assertGrad("x", new float[] {(float) expected}, leaf.get(), 1e-3);
    }
}
