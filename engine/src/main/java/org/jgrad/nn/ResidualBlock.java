package org.jgrad.nn;

import org.jgrad.tensor.Tensor;

/**
 * ResNet's basic block: y = relu(bn2(conv2(relu(bn1(conv1(x))))) + shortcut(x)), where the
 * shortcut is the identity, or a 1×1 strided conv + batch-norm ("downsample") when the shape
 * changes. Children are named as torchvision names them, so its weights load directly.
 * Input [N, inC, H, W], output [N, outC, ⌈H / stride⌉, ⌈W / stride⌉].
 */
public final class ResidualBlock extends Module {
    private final Conv2d conv1, conv2;
    private final BatchNorm2d bn1, bn2;
    private final Sequential downsample;

    /**
     * A basic block; its convolutions' seeds are derived from {@code seed}.
     *
     * @param inChannels inC, the input's channels
     * @param outChannels outC, the output's channels
     * @param stride the first convolution's (and the shortcut's) stride: 2 halves the size
     * @param seed the block's seed
     */
    public ResidualBlock(int inChannels, int outChannels, int stride, long seed) {
        conv1 = addChild("conv1", new Conv2d(inChannels, outChannels, 3, stride, 1, false, Init.derive(seed, 1)));
        bn1 = addChild("bn1", new BatchNorm2d(outChannels));
        conv2 = addChild("conv2", new Conv2d(outChannels, outChannels, 3, 1, 1, false, Init.derive(seed, 2)));
        bn2 = addChild("bn2", new BatchNorm2d(outChannels));
        downsample = (stride != 1 || inChannels != outChannels)
                ? addChild(
                        "downsample",
                        new Sequential(
                                new Conv2d(inChannels, outChannels, 1, stride, 0, false, Init.derive(seed, 3)),
                                new BatchNorm2d(outChannels)))
                : null;
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor out = bn1.forwardRelu(conv1.forward(x));
        out = bn2.forward(conv2.forward(out));
        Tensor shortcut = downsample == null ? x : downsample.forward(x);
        return out.add(shortcut).relu();
    }
}
