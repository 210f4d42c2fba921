package org.jgrad.nn;

import static org.junit.jupiter.api.Assertions.*;

import org.jgrad.loss.Losses;
import org.jgrad.models.LesionNetS;
import org.jgrad.optim.Adam;
import org.jgrad.optim.Sgd;
import org.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** End-to-end learning checks that fail when any forward or backward rule in the chain is wrong. */
class TrainingSmokeTest {

    @Test
    void twoLayerMlpLearnsXor() {
        Tensor x = Tensor.of(new float[] {0, 0, 0, 1, 1, 0, 1, 1}, 4, 2);
        Tensor y = Tensor.of(new float[] {0, 1, 1, 0}, 4, 1);
        Sequential mlp = new Sequential(new Dense(2, 8, 11), Activation.tanh(), new Dense(8, 1, 12));
        Adam adam = new Adam(mlp.parameters(), 0.05f);
        for (int step = 0; step < 500; step++) {
            adam.zeroGrad();
            Losses.binaryCrossEntropyWithLogits(mlp.forward(x), y).backward();
            adam.step();
        }
        float[] p = mlp.forward(x).sigmoid().toArray();
        assertTrue(
                p[0] < 0.1 && p[1] > 0.9 && p[2] > 0.9 && p[3] < 0.1,
                "XOR not learned: " + java.util.Arrays.toString(p));
    }

    @Test
    void smallCnnOverfitsATinyBatch() {
        Tensor images = Tensor.randn(3, 1f, 8, 3, 16, 16);
        Tensor labels = Tensor.of(new float[] {0, 1, 1, 0, 1, 0, 0, 1}, 8, 1);
        Sequential cnn = LesionNetS.create(16, 5);
        Adam adam = new Adam(cnn.parameters(), 1e-3f);
        float first = 0, last = 0;
        for (int step = 0; step < 60; step++) {
            adam.zeroGrad();
            Tensor loss = Losses.binaryCrossEntropyWithLogits(cnn.forward(images), labels);
            loss.backward();
            adam.step();
            if (step == 0) first = loss.item();
            last = loss.item();
        }
        assertTrue(last * 10 <= first, "loss fell only from " + first + " to " + last);
    }

    @Test
    void toyNeuronLearnsTwoXMinusOne() {
        Tensor x = Tensor.of(new float[] {-1, 0, 1, 2, 3, 4}, 6, 1);
        Tensor y = Tensor.of(new float[] {-3, -1, 1, 3, 5, 7}, 6, 1);
        Dense neuron = new Dense(1, 1, 1);
        Sgd sgd = new Sgd(neuron.parameters(), 0.01f);
        for (int epoch = 0; epoch < 500; epoch++) {
            sgd.zeroGrad();
            Losses.mse(neuron.forward(x), y).backward();
            sgd.step();
        }
        float prediction = neuron.forward(Tensor.of(new float[] {10}, 1, 1)).item();
        assertEquals(19f, prediction, 0.1f);
        assertNotEquals(19f, prediction);
    }

    @Test
    void lesionNetMHasItsDocumentedShapeAndLearnsATinyBatch() {
        Sequential model = org.jgrad.models.LesionNetM.create(32, 4);
        // 3x3 conv weights 9*(3*32 + 32*32 + 32*64 + 64*64 + 64*128 + 128*128 + 128*256) = 581,472,
        // batch-norm scale and shift 2*(32+32+64+64+128+128+256) = 1,408, dense 256 + 1
        assertEquals(581_472 + 1_408 + 257, model.parameterCount());
        Tensor x = Tensor.randn(9, 1f, 4, 3, 32, 32);
        assertArrayEquals(new int[] {4, 1}, model.forward(x).shape());
        assertArrayEquals(
                new int[] {4, 1},
                org.jgrad.models.LesionNetM.create(48, 4)
                        .forward(Tensor.randn(9, 1f, 4, 3, 48, 48))
                        .shape());
        Tensor y = Tensor.of(new float[] {0, 1, 1, 0}, 4, 1);
        var adam = new org.jgrad.optim.Adam(model.parameters(), 1e-2f);
        float first = 0;
        float last = 0;
        for (int step = 0; step < 30; step++) {
            adam.zeroGrad();
            Tensor loss = org.jgrad.loss.Losses.binaryCrossEntropyWithLogits(model.forward(x), y);
            loss.backward();
            adam.step();
            if (step == 0) first = loss.item();
            last = loss.item();
        }
        assertTrue(last < first * 0.5f, "loss " + first + " -> " + last);
        assertThrows(IllegalArgumentException.class, () -> org.jgrad.models.LesionNetM.create(40, 1));
    }

    @Test
    void resnet18HasTorchvisionNamesAndShapes() {
        var model = new org.jgrad.models.ResNet18(1, 1);
        var state = model.stateDict();
        assertArrayEquals(new int[] {64, 3, 7, 7}, state.get("conv1.weight").shape());
        assertArrayEquals(
                new int[] {128, 64, 1, 1},
                state.get("layer2.0.downsample.0.weight").shape());
        assertArrayEquals(new int[] {256}, state.get("layer3.1.bn2.running_var").shape());
        assertArrayEquals(new int[] {1, 512}, state.get("fc.weight").shape());
        assertEquals(11_177_025, model.parameterCount()); // torchvision resnet18(num_classes=1)
    }

    @Test
    void evalModeFreezesBatchNormStatistics() {
        BatchNorm2d bn = new BatchNorm2d(2);
        Tensor x = Tensor.randn(4, 2f, 3, 2, 4, 4).add(5f);
        bn.forward(x);
        float[] afterTrain = bn.stateDict().get("running_mean").toArray();
        assertTrue(afterTrain[0] > 0.3f, "running mean moved toward 5 by momentum 0.1");
        bn.eval();
        bn.forward(x);
        assertArrayEquals(afterTrain, bn.stateDict().get("running_mean").toArray());
    }

    @Test
    void dropoutLayerDrawsFreshMasksAndALoadedCounterContinuesTheSequence() {
        Tensor x = Tensor.ones(1, 64);
        Dropout a = new Dropout(0.5f, 9);
        float[] first = a.forward(x).toArray(), second = a.forward(x).toArray();
        assertFalse(java.util.Arrays.equals(first, second), "each call draws a new mask");
        float[] third = a.forward(x).toArray();
        Dropout b = new Dropout(0.5f, 9);
        b.replaceTensor("calls", Tensor.of(new float[] {2}, 1)); // as loading a checkpoint saved after two calls
        assertArrayEquals(third, b.forward(x).toArray(), "the resumed layer draws the third mask");
        assertEquals(3f, a.stateDict().get("calls").item());
        a.eval();
        assertSame(x, a.forward(x), "identity in eval mode");
    }
}
