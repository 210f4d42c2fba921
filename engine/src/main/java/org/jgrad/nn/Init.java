package org.jgrad.nn;

import java.util.Random;
import java.util.SplittableRandom;
import org.jgrad.tensor.Tensor;

/**
 * Seeded weight initialisation. A layer never draws with the seed it is given: it draws with
 * {@link #layerSeed}, the seed mixed with the layer's kind and shape, so that layers built with
 * the same seed (say {@code new Dense(30, 16, 42)} and {@code new Dense(16, 1, 42)}) get independent
 * weights rather than one stream scaled by each layer's bound. Glorot (Xavier) uniform keeps the variance of activations and
 * gradients equal across a layer for tanh/sigmoid nets: U(-a, a), a = sqrt(6 / (fanIn + fanOut)).
 * He (Kaiming) normal does the same for ReLU nets, which zero half their inputs: N(0, 2 / fanIn).
 */
public final class Init {
    private Init() {}

    /**
     * Glorot (Xavier) uniform: U(−a, a), a = sqrt(6 / (fanIn + fanOut)).
     *
     * @param seed the generator's seed: same seed, same tensor
     * @param fanIn inputs per output unit (a dense layer's {@code in})
     * @param fanOut outputs per input unit (a dense layer's {@code out})
     * @param shape the tensor's shape
     * @return a new tensor on the default backend
     */
    public static Tensor glorotUniform(long seed, int fanIn, int fanOut, int... shape) {
        float a = (float) Math.sqrt(6.0 / (fanIn + fanOut));
        return Tensor.uniform(seed, -a, a, shape);
    }

    /**
     * He (Kaiming) normal: N(0, 2 / fanIn).
     *
     * @param seed the generator's seed: same seed, same tensor
     * @param fanIn inputs per output unit (a convolution's inC·k·k)
     * @param shape the tensor's shape
     * @return a new tensor on the default backend
     */
    public static Tensor heNormal(long seed, int fanIn, int... shape) {
        return Tensor.randn(seed, (float) Math.sqrt(2.0 / fanIn), shape);
    }

    /**
     * PyTorch's default for biases: U(-1/sqrt(fanIn), 1/sqrt(fanIn)).
     *
     * @param seed the generator's seed: same seed, same tensor
     * @param fanIn inputs per output unit
     * @param shape the tensor's shape
     * @return a new tensor on the default backend
     */
    public static Tensor fanInUniform(long seed, int fanIn, int... shape) {
        float a = (float) (1.0 / Math.sqrt(fanIn));
        return Tensor.uniform(seed, -a, a, shape);
    }

    /**
     * Derives independent seeds for the layers of one model from the model's seed.
     *
     * @param seed the model's seed
     * @param layerIndex the layer's number within the model
     * @return a seed for that layer; different indices give unrelated streams
     */
    public static long derive(long seed, int layerIndex) {
        return new Random(seed * 1_000_003L + layerIndex).nextLong();
    }

    /**
     * The seed a layer of this kind ("dense", "conv2d") and weight shape draws its weights with:
     * h = seed, then h = h·1000003 + v for v = the kind's String.hashCode() and each dimension,
     * and the result is SplittableRandom(h).nextLong() (SplitMix64, which scatters nearby h widely).
     * Same arguments, same seed: a model stays reproducible from its one seed.
     *
     * @param seed the seed given to the layer
     * @param kind the layer's kind, e.g. "dense"
     * @param shape the weight's shape
     * @return the seed its weights are drawn with
     */
    public static long layerSeed(long seed, String kind, int... shape) {
        long h = seed * 1_000_003L + kind.hashCode();
        for (int d : shape) h = h * 1_000_003L + d;
        return new SplittableRandom(h).nextLong();
    }
}
