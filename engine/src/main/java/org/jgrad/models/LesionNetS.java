package org.jgrad.models;

import java.util.List;
import org.jgrad.nn.Activation;
import org.jgrad.nn.Conv2d;
import org.jgrad.nn.Dense;
import org.jgrad.nn.Flatten;
import org.jgrad.nn.Init;
import org.jgrad.nn.MaxPool2d;
import org.jgrad.nn.Module;
import org.jgrad.tensor.Tensor;

/**
 * The small lesion classifier (the benchmarks' reference model), for 3×64×64 inputs:
 * three blocks of conv 3×3 pad 1 + ReLU + max-pool 2 (16, 32, 64 channels), then
 * flatten → dense 64 + ReLU → dense 1. It outputs one logit per image (train it with
 * binary cross-entropy with logits; apply a sigmoid for a probability).
 * For other square sizes divisible by 8 the first dense layer grows accordingly.
 *
 * <p>Each block applies the max-pool before the ReLU: max(relu(a), relu(b)) = relu(max(a, b)), so
 * outputs and gradients are exactly those of conv → ReLU → pool, but the ReLU then touches a
 * quarter of the values (measured: 62 → 50 ms per training step on one thread, 102 → 69 MB
 * allocated; benchmarks/KernelTimes). Parameter names are unchanged (ReLU and pooling have none).
 *
 * <p>{@link #features}, the map Grad-CAM reads: the last convolution's rectified output before its
 * max-pool, [N, 64, S/4, S/4] (16×16 at 64 px). That is Grad-CAM's usual cut (the last conv
 * layer's activations), and before the pool it has twice the resolution of the 8×8 map the dense
 * layers see. The block computes pool then ReLU, so the features apply that ReLU themselves; the
 * head (pool, ReLU, flatten, dense layers) then gives exactly the logits of {@link #forward}, as
 * ReLU commutes with the max-pool and applying it twice changes nothing.
 */
public final class LesionNetS extends SequentialClassifier {
    /** The name the app and checkpoints use for this model. */
    public static final String NAME = "lesionnet-s";
    /** The image side it was designed for, in pixels. */
    public static final int DEFAULT_IMAGE_SIZE = 64;
    /** The index of the last conv block's max-pool: the head starts there. */
    private static final int LAST_POOL = 7;

    private LesionNetS(List<Module> layers) {
        super(layers, LAST_POOL);
    }

    /**
     * Builds the network for 64 px images with fresh weights.
     *
     * @param seed the model's seed; each layer's is derived from it ({@link org.jgrad.nn.Init#derive})
     * @return the network: input [N, 3, 64, 64], output [N, 1] (one logit per image)
     */
    public static LesionNetS create(long seed) {
        return create(DEFAULT_IMAGE_SIZE, seed);
    }

    /**
     * Builds the network with fresh weights. Input [N, 3, imageSize, imageSize], output [N, 1].
     *
     * @param imageSize the images' side in pixels, a multiple of 8
     * @param seed the model's seed; each layer's is derived from it ({@link org.jgrad.nn.Init#derive})
     * @return the network, in training mode
     * @throws IllegalArgumentException if {@code imageSize} is not a positive multiple of 8
     */
    public static LesionNetS create(int imageSize, long seed) {
        if (imageSize < 8 || imageSize % 8 != 0) {
            throw new IllegalArgumentException("lesionnet-s: image size must be a multiple of 8, got " + imageSize);
        }
        int flat = 64 * (imageSize / 8) * (imageSize / 8);
        return new LesionNetS(List.of(
                new Conv2d(3, 16, 3, 1, 1, true, Init.derive(seed, 0)),
                new MaxPool2d(2),
                Activation.relu(),
                new Conv2d(16, 32, 3, 1, 1, true, Init.derive(seed, 1)),
                new MaxPool2d(2),
                Activation.relu(),
                new Conv2d(32, 64, 3, 1, 1, true, Init.derive(seed, 2)),
                new MaxPool2d(2),
                Activation.relu(),
                new Flatten(),
                new Dense(flat, 64, Init.derive(seed, 3)),
                Activation.relu(),
                new Dense(64, 1, Init.derive(seed, 4))));
    }

    /** The last conv layer's output, rectified: [N, 64, S/4, S/4]. */
    @Override
    public Tensor features(Tensor images) {
        return body(images).relu();
    }
}
