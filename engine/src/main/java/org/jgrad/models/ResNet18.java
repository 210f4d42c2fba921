package org.jgrad.models;

import org.jgrad.nn.BatchNorm2d;
import org.jgrad.nn.Conv2d;
import org.jgrad.nn.Dense;
import org.jgrad.nn.GlobalAvgPool;
import org.jgrad.nn.Init;
import org.jgrad.nn.MaxPool2d;
import org.jgrad.nn.Module;
import org.jgrad.nn.ResidualBlock;
import org.jgrad.nn.Sequential;
import org.jgrad.tensor.Tensor;

/**
 * ResNet-18 (He et al. 2015) as torchvision lays it out, so that a torchvision state dict loads
 * by name: conv1 (7×7/2) → bn1 → ReLU → max-pool 3/2 → layer1..layer4 (two basic blocks each,
 * 64/128/256/512 channels, stride 2 from layer2 on) → global average pool → fc.
 * With {@code outputs = 1} it gives one logit for binary classification.
 *
 * <p>{@link #features}, the map Grad-CAM reads: layer4's output before the global pool,
 * [N, 512, S/32, S/32] (7×7 at 224 px), the last convolutional activations (each block ends in a
 * ReLU); the head is the global pool and fc.
 */
public final class ResNet18 extends Module implements ImageClassifier {
    /** The name the app and checkpoints use for this model. */
    public static final String NAME = "resnet18";
    /** The image side torchvision's weights were trained at, in pixels. */
    public static final int DEFAULT_IMAGE_SIZE = 224;

    private final Conv2d conv1;
    private final BatchNorm2d bn1;
    private final MaxPool2d maxpool = new MaxPool2d(3, 2, 1);
    private final Sequential layer1, layer2, layer3, layer4;
    private final GlobalAvgPool pool = new GlobalAvgPool();
    private final Dense fc;

    /**
     * Builds the network with fresh weights. Input [N, 3, H, W] (224×224 for torchvision's weights),
     * output [N, outputs].
     *
     * @param outputs the classifier's outputs (1: one logit for binary classification)
     * @param seed the model's seed; each layer's is derived from it ({@link org.jgrad.nn.Init#derive})
     */
    public ResNet18(int outputs, long seed) {
        conv1 = addChild("conv1", new Conv2d(3, 64, 7, 2, 3, false, Init.derive(seed, 0)));
        bn1 = addChild("bn1", new BatchNorm2d(64));
        layer1 = addChild("layer1", stage(64, 64, 1, Init.derive(seed, 1)));
        layer2 = addChild("layer2", stage(64, 128, 2, Init.derive(seed, 2)));
        layer3 = addChild("layer3", stage(128, 256, 2, Init.derive(seed, 3)));
        layer4 = addChild("layer4", stage(256, 512, 2, Init.derive(seed, 4)));
        fc = addChild("fc", new Dense(512, outputs, Init.derive(seed, 5)));
    }

    private static Sequential stage(int in, int out, int stride, long seed) {
        return new Sequential(
                new ResidualBlock(in, out, stride, Init.derive(seed, 0)),
                new ResidualBlock(out, out, 1, Init.derive(seed, 1)));
    }

    /**
     * The final classifier, replaced for transfer learning.
     *
     * @return the dense layer fc, 512 → outputs
     */
    public Dense fc() {
        return fc;
    }

    /**
     * Everything but the classifier (what --freeze-backbone freezes).
     *
     * @return a new list of every parameter whose name does not start with "fc."
     */
    public java.util.List<Tensor> backboneParameters() {
        java.util.List<Tensor> out = new java.util.ArrayList<>();
        namedParameters().forEach((name, t) -> {
            if (!name.startsWith("fc.")) out.add(t);
        });
        return out;
    }

    @Override
    public Tensor forward(Tensor x) {
        return head(features(x));
    }

    /** Stem and the four stages: layer4's output [N, 512, S/32, S/32]. */
    @Override
    public Tensor features(Tensor x) {
        Tensor h = maxpool.forward(bn1.forwardRelu(conv1.forward(x)));
        return layer4.forward(layer3.forward(layer2.forward(layer1.forward(h))));
    }

    @Override
    public Tensor head(Tensor features) {
        return fc.forward(pool.forward(features));
    }

    @Override
    public java.util.List<Tensor> headParameters() {
        return fc.parameters();
    }

    @Override
    public String classifierPrefix() {
        return "fc.";
    }
}
