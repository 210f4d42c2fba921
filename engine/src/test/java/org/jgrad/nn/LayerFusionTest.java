package org.jgrad.nn;

import static org.jgrad.testing.TensorAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.jgrad.autograd.GradMode;
import org.jgrad.models.LesionNetM;
import org.jgrad.models.LesionNetS;
import org.jgrad.tensor.Tensor;
import org.jgrad.testing.TestInputs;
import org.junit.jupiter.api.Test;

/** Inference runs conv (+ batch-norm) (+ max-pool) + ReLU as one kernel, with the layers' own values. */
class LayerFusionTest {
    private static Conv2d conv() {
        return new Conv2d(2, 4, 3, 1, 1, true, 1);
    }

    @Test
    void findsTheRunsItCanFuseAndNothingElse() {
        assertEquals(2, LayerFusion.runLength(List.of(conv(), Activation.relu()), 0, 2, false));
        assertEquals(3, LayerFusion.runLength(List.of(conv(), new MaxPool2d(2), Activation.relu()), 0, 3, false));
        assertEquals(3, LayerFusion.runLength(List.of(conv(), Activation.relu(), new MaxPool2d(2)), 0, 3, false));
        BatchNorm2d bn = new BatchNorm2d(4);
        bn.eval();
        assertEquals(4, LayerFusion.runLength(List.of(conv(), bn, Activation.relu(), new MaxPool2d(2)), 0, 4, false));
        assertEquals(3, LayerFusion.runLength(List.of(conv(), bn, Activation.relu(), new MaxPool2d(2)), 0, 3, false));
        // not fusable: a batch-norm that trains (batch statistics), another activation, no ReLU, the end of the range
        BatchNorm2d training = new BatchNorm2d(4);
        assertEquals(0, LayerFusion.runLength(List.of(conv(), training, Activation.relu()), 0, 3, false));
        assertEquals(0, LayerFusion.runLength(List.of(conv(), Activation.sigmoid()), 0, 2, false));
        assertEquals(0, LayerFusion.runLength(List.of(conv(), new MaxPool2d(2)), 0, 2, false));
        assertEquals(0, LayerFusion.runLength(List.of(conv(), Activation.relu()), 0, 1, false));
        assertEquals(0, LayerFusion.runLength(List.of(Activation.relu(), conv(), Activation.relu()), 0, 3, false));
        BatchNorm2d otherWidth = new BatchNorm2d(5);
        otherWidth.eval();
        assertEquals(0, LayerFusion.runLength(List.of(conv(), otherWidth, Activation.relu()), 0, 3, false));
    }

    @Test
    void trainingFusesOnlyPooledRunsWithoutBatchNorm() {
        assertEquals(3, LayerFusion.runLength(List.of(conv(), new MaxPool2d(2), Activation.relu()), 0, 3, true));
        assertEquals(3, LayerFusion.runLength(List.of(conv(), Activation.relu(), new MaxPool2d(2)), 0, 3, true));
        assertEquals(0, LayerFusion.runLength(List.of(conv(), Activation.relu()), 0, 2, true));
        BatchNorm2d bn = new BatchNorm2d(4);
        bn.eval();
        assertEquals(0, LayerFusion.runLength(List.of(conv(), bn, Activation.relu(), new MaxPool2d(2)), 0, 4, true));
    }

    @Test
    void aTrainingBatchNormFusesWithTheReluAfterIt() {
        BatchNorm2d bn = new BatchNorm2d(4);
        assertEquals(2, LayerFusion.runLength(List.of(bn, Activation.relu(), new MaxPool2d(2)), 0, 3, true));
        assertEquals(2, LayerFusion.runLength(List.of(bn, Activation.relu()), 0, 2, false));
        assertEquals(0, LayerFusion.runLength(List.of(bn, Activation.relu()), 0, 1, true));
        assertEquals(0, LayerFusion.runLength(List.of(bn, Activation.sigmoid()), 0, 2, true));
        assertEquals(0, LayerFusion.runLength(List.of(bn, new MaxPool2d(2), Activation.relu()), 0, 3, true));
        bn.eval();
        assertEquals(0, LayerFusion.runLength(List.of(bn, Activation.relu()), 0, 2, true));
    }

    @Test
    void lesionNetMTrainsWithTheLayersOwnValuesAndGradients() {
        long seed = new Random().nextLong();
        LesionNetM fused = LesionNetM.create(32, seed), separate = LesionNetM.create(32, seed);
        Tensor x = TestInputs.normal(seed + 1, 4, 3, 32, 32);
        Tensor lossFused = fused.forward(x).sum();
        Tensor t = x;
        for (Module m : separate.layers()) t = m.forward(t);
        Tensor lossSeparate = t.sum();
        assertClose("loss (seed " + seed + ")", new float[] {lossSeparate.item()}, new float[] {lossFused.item()}, 0);
        lossFused.backward();
        lossSeparate.backward();
        List<Tensor> a = fused.parameters(), b = separate.parameters();
        for (int i = 0; i < a.size(); i++) {
            assertClose(
                    "gradient of parameter " + i + " (seed " + seed + ")",
                    b.get(i).grad().toArray(),
                    a.get(i).grad().toArray(),
                    0);
        }
        var stateB = separate.stateDict();
        fused.stateDict()
                .forEach((name, value) -> assertClose(name, stateB.get(name).toArray(), value.toArray(), 0));
    }

    @Test
    void lesionNetSTrainsWithTheLayersOwnGradients() {
        long seed = new Random().nextLong();
        LesionNetS fused = LesionNetS.create(64, seed), separate = LesionNetS.create(64, seed);
        Tensor x = TestInputs.normal(seed + 1, 3, 3, 64, 64);
        Tensor lossFused = fused.forward(x).sum();
        Tensor t = x;
        for (Module m : separate.layers()) t = m.forward(t);
        Tensor lossSeparate = t.sum();
        assertClose("loss", new float[] {lossSeparate.item()}, new float[] {lossFused.item()}, 0);
        lossFused.backward();
        lossSeparate.backward();
        List<Tensor> a = fused.parameters(), b = separate.parameters();
        for (int i = 0; i < a.size(); i++) {
            assertClose(
                    "gradient of parameter " + i,
                    b.get(i).grad().toArray(),
                    a.get(i).grad().toArray(),
                    0);
        }
    }

    @Test
    void lesionNetSGivesTheLayersOwnValues() {
        LesionNetS model = LesionNetS.create(64, new Random().nextLong());
        model.eval();
        Tensor x = TestInputs.normal(new Random().nextLong(), 3, 3, 64, 64);
        float[] fused = forwardNoGrad(model, x), separate = layerByLayer(model, x);
        assertClose("LesionNet-S logits", separate, fused, 1e-5);
    }

    @Test
    void lesionNetMFoldsItsBatchNormsAndGivesTheLayersValues() {
        LesionNetM model = LesionNetM.create(32, new Random().nextLong());
        Tensor x = TestInputs.normal(new Random().nextLong(), 4, 3, 32, 32);
        // a few training-mode passes move the running statistics away from (0, 1)
        for (int i = 0; i < 3; i++) {
            try (var ignored = GradMode.noGrad()) {
                model.forward(x.mul(1.5f).add(0.3f * i));
            }
        }
        model.eval();
        float[] fused = forwardNoGrad(model, x), separate = layerByLayer(model, x);
        float scale = 0;
        for (float v : separate) scale = Math.max(scale, Math.abs(v));
        assertTrue(scale > 0, "the logits are not all zero");
        assertClose("LesionNet-M logits", separate, fused, 1e-4 * Math.max(1, scale));
    }

    @Test
    void withGradientsTheLayersRunOneByOne() {
        LesionNetS model = LesionNetS.create(64, 3);
        model.eval();
        Tensor x = TestInputs.normal(4, 2, 3, 64, 64);
        Tensor y = model.forward(x);
        y.sum().backward();
        Conv2d first = (Conv2d) model.layers().get(0);
        assertNotNull(first.weight().grad(), "the first convolution got its gradient");
        assertArrayEquals(new int[] {2, 1}, y.shape());
    }

    private static float[] forwardNoGrad(Sequential model, Tensor x) {
        try (var ignored = GradMode.noGrad()) {
            return model.forward(x).toArray();
        }
    }

    /** Each layer's own forward, never fused. */
    private static float[] layerByLayer(Sequential model, Tensor x) {
        try (var ignored = GradMode.noGrad()) {
            Tensor t = x;
            for (Module m : model.layers()) t = m.forward(t);
            return t.toArray();
        }
    }
}
