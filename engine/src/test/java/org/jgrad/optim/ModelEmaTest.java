package org.jgrad.optim;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.Map;
import org.jgrad.io.Checkpoints;
import org.jgrad.io.SafeTensors;
import org.jgrad.loss.Losses;
import org.jgrad.models.LesionNetS;
import org.jgrad.nn.Dense;
import org.jgrad.nn.Sequential;
import org.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Known answers for the weight average, and its round trips through swap and checkpoints. */
class ModelEmaTest {
    @TempDir
    Path dir;

    private static void setWeights(Dense layer, float value) {
        for (Map.Entry<String, Tensor> e : layer.stateDict().entrySet()) {
            float[] v = new float[e.getValue().size()];
            java.util.Arrays.fill(v, value);
            layer.replaceTensor(e.getKey(), Tensor.of(v, e.getValue().shape()));
        }
    }

    @Test
    void followsTheFormulaWithItsWarmUp() {
        Dense layer = new Dense(2, 1, 1);
        setWeights(layer, 0f);
        ModelEma ema = new ModelEma(layer, 0.9f);
        // update 1: d = min(0.9, 1/10) = 0.1; avg = 0.1*0 + 0.9*1 = 0.9
        assertEquals(0.1f, ema.currentDecay(), 1e-7f);
        setWeights(layer, 1f);
        ema.update();
        // update 2: d = min(0.9, 2/11); avg = d*0.9 + (1-d)*3
        float d2 = 2f / 11f;
        assertEquals(d2, ema.currentDecay(), 1e-7f);
        setWeights(layer, 3f);
        ema.update();
        float expected = d2 * 0.9f + (1 - d2) * 3f;
        assertEquals(expected, ema.stateDict().get("ema.weight").toArray()[0], 1e-6f);
        // update 3 (d = 3/12 = 0.25) towards 5
        setWeights(layer, 5f);
        ema.update();
        expected = 0.25f * expected + 0.75f * 5f;
        assertEquals(expected, ema.stateDict().get("ema.bias").toArray()[0], 1e-6f);
        // from update 81 on, (1 + n) / (10 + n) >= 0.9: the decay stays at its cap
        for (int i = 0; i < 200; i++) {
            ema.update();
        }
        assertEquals(0.9f, ema.currentDecay(), 0f);
        Map<String, Tensor> saved = ema.stateDict();
        assertEquals(203f, saved.get("ema.updates").item(), 0f);
        assertEquals(5f, saved.get("ema.weight").toArray()[0], 1e-4f);
    }

    @Test
    void swapExchangesLiveAndAveragedWeightsAndSwapsBack() {
        Dense layer = new Dense(3, 2, 7);
        float[] start = layer.stateDict().get("weight").toArray();
        ModelEma ema = new ModelEma(layer, 0.5f);
        setWeights(layer, 2f);
        ema.update(); // d = 0.1: avg = 0.1*start + 0.9*2
        ema.swap();
        float[] averaged = layer.stateDict().get("weight").toArray();
        for (int i = 0; i < start.length; i++) {
            assertEquals(0.1f * start[i] + 0.9f * 2f, averaged[i], 1e-6f);
        }
        ema.swap();
        for (float v : layer.stateDict().get("weight").toArray()) {
            assertEquals(2f, v, 0f);
        }
    }

    @Test
    void aCheckpointCarriesTheAverageAndAStrictLoadOfTheModelIgnoresIt() throws Exception {
        Sequential model = LesionNetS.create(16, 3);
        Adam adam = new Adam(model.parameters(), 1e-2f);
        ModelEma ema = new ModelEma(model, 0.99f);
        for (int step = 0; step < 3; step++) {
            adam.zeroGrad();
            Losses.binaryCrossEntropyWithLogits(
                            model.forward(Tensor.randn(step, 1f, 2, 3, 16, 16)), Tensor.of(new float[] {0, 1}, 2, 1))
                    .backward();
            adam.step();
            ema.update();
        }
        Path file = dir.resolve("run.safetensors");
        Checkpoints.save(file, model, adam, ema.stateDict(), Map.of());

        Sequential copy = LesionNetS.create(16, 99);
        SafeTensors.Contents contents = Checkpoints.load(file, copy, true);
        ModelEma restored = new ModelEma(copy, 0.99f);
        restored.loadStateDict(Checkpoints.emaEntries(contents));
        assertEquals(ema.currentDecay(), restored.currentDecay(), 0f);
        ema.swap();
        restored.swap();
        for (var e : model.stateDict().entrySet()) {
            assertArrayEquals(
                    e.getValue().toArray(), copy.stateDict().get(e.getKey()).toArray(), e.getKey());
        }
        IllegalArgumentException missing =
                assertThrows(IllegalArgumentException.class, () -> restored.loadStateDict(Map.of()));
        assertTrue(missing.getMessage().contains("ema.updates"));
        assertThrows(
                IllegalArgumentException.class,
                () -> Checkpoints.save(file, model, null, Map.of("other", Tensor.of(new float[] {1}, 1)), Map.of()));
    }

    @Test
    void decayOutsideItsRangeIsRefused() {
        Dense layer = new Dense(1, 1, 1);
        assertThrows(IllegalArgumentException.class, () -> new ModelEma(layer, 1f));
        assertThrows(IllegalArgumentException.class, () -> new ModelEma(layer, -0.1f));
        assertThrows(IllegalArgumentException.class, () -> new ModelEma(layer, Float.NaN));
    }
}
