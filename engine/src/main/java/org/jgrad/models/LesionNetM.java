package org.jgrad.models;

import java.util.ArrayList;
import java.util.List;
import org.jgrad.nn.Activation;
import org.jgrad.nn.BatchNorm2d;
import org.jgrad.nn.Conv2d;
import org.jgrad.nn.Dense;
import org.jgrad.nn.Dropout;
import org.jgrad.nn.GlobalAvgPool;
import org.jgrad.nn.Init;
import org.jgrad.nn.MaxPool2d;
import org.jgrad.nn.Module;
import org.jgrad.tensor.Tensor;

/**
 * The lesion classifier for real dermoscopy, trained from scratch at 128 px (any square size
 * divisible by 16 works: the network ends in a global average pool):
 * <pre>
 *   conv 3→32 3×3 stride 2 + BN + ReLU                         128 → 64
 *   conv 32→32 + BN + ReLU, max-pool 2                           64 → 32
 *   conv 32→64 + BN + ReLU, conv 64→64 + BN + ReLU, max-pool 2   32 → 16
 *   conv 64→128 + BN + ReLU, conv 128→128 + BN + ReLU, max-pool 2 16 → 8
 *   conv 128→256 + BN + ReLU, global average pool, dropout 0.3, dense 256 → 1
 * </pre>
 * About 0.59 M parameters and 0.17 G multiply-adds per 128 px image. Why this shape: on a
 * 1,500-image set a network of a few hundred thousand weights with batch-norm generalises far
 * better than a wide dense head (LesionNet-S puts most of its weights in its first dense layer),
 * the stride-2 stem keeps the cost of the full-resolution layer small, and the global pool makes
 * the prediction depend on where texture and colour occur as little as possible (a lesion may sit
 * anywhere in the picture). All convolutions are 3×3 with padding 1 and no bias (batch-norm's
 * shift replaces it).
 *
 * <p>{@link #features}, the map Grad-CAM reads: the last conv block's ReLU output before the global
 * pool, [N, 256, S/16, S/16] (8×8 at 128 px), the last convolutional activations; the head is the
 * global pool, the dropout and the dense layer.
 */
public final class LesionNetM extends SequentialClassifier {
    /** The name the app and checkpoints use for this model. */
    public static final String NAME = "lesionnet-m";
    /** The image side it is trained at, in pixels. */
    public static final int DEFAULT_IMAGE_SIZE = 128;
    /** Dropout before the classifier. */
    public static final float DROPOUT = 0.3f;

    private LesionNetM(List<Module> layers, int headStart) {
        super(layers, headStart);
    }

    /**
     * Builds the network with fresh weights. Input [N, 3, imageSize, imageSize], output [N, 1]: one
     * logit per image (train with binary cross-entropy with logits).
     *
     * @param imageSize the images' side in pixels, a multiple of 16
     * @param seed the model's seed; each layer's is derived from it ({@link org.jgrad.nn.Init#derive})
     * @return the network, in training mode
     * @throws IllegalArgumentException if {@code imageSize} is not a positive multiple of 16
     */
    public static LesionNetM create(int imageSize, long seed) {
        if (imageSize < 16 || imageSize % 16 != 0) {
            throw new IllegalArgumentException("lesionnet-m: image size must be a multiple of 16, got " + imageSize);
        }
        List<Module> layers = new ArrayList<>();
        int[] widths = {32, 32, 64, 64, 128, 128, 256};
        boolean[] poolAfter = {false, true, false, true, false, true, false};
        int in = 3;
        for (int i = 0; i < widths.length; i++) {
            int stride = i == 0 ? 2 : 1;
            layers.add(new Conv2d(in, widths[i], 3, stride, 1, false, Init.derive(seed, i)));
            layers.add(new BatchNorm2d(widths[i]));
            layers.add(Activation.relu());
            if (poolAfter[i]) layers.add(new MaxPool2d(2));
            in = widths[i];
        }
        int globalPool = layers.size();
        layers.add(new GlobalAvgPool());
        layers.add(new Dropout(DROPOUT, Init.derive(seed, 100)));
        layers.add(new Dense(in, 1, Init.derive(seed, widths.length)));
        return new LesionNetM(layers, globalPool);
    }

    /** The last conv block's ReLU output: [N, 256, S/16, S/16]. */
    @Override
    public Tensor features(Tensor images) {
        return body(images);
    }
}
