package org.jgrad.app.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jgrad.models.LesionNetM;
import org.jgrad.models.LesionNetS;
import org.jgrad.models.ResNet18;
import org.jgrad.nn.Flatten;
import org.jgrad.nn.GlobalAvgPool;
import org.jgrad.nn.MaxPool2d;
import org.jgrad.nn.Module;
import org.jgrad.nn.Sequential;
import org.jgrad.tensor.Tensor;
import org.jgrad.vision.image.Normalization;

/**
 * The models the app trains, and what the app needs to know about each: its default input size
 * and pixel normalisation, which parameters form the head (trained alone with
 * {@code --freeze-backbone}), which form the classifier (replaced on transfer learning), and
 * where to cut it for Grad-CAM (the last convolutional feature maps).
 */
public enum ModelKind {
    /** Three conv blocks and a dense head (shared/BENCHMARKS.md); 64 px, pixels in [0, 1]. */
    LESIONNET_S("lesionnet-s", LesionNetS.DEFAULT_IMAGE_SIZE, "unit"),
    /** Seven conv + batch-norm layers and a global pool, for real dermoscopy; 128 px, pixels in [0, 1]. */
    LESIONNET_M("lesionnet-m", LesionNetM.DEFAULT_IMAGE_SIZE, "unit"),
    /** torchvision's ResNet-18 with one output; 224 px, ImageNet mean/std as torchvision's weights expect. */
    RESNET18("resnet18", ResNet18.DEFAULT_IMAGE_SIZE, "imagenet");

    private final String cliName;
    private final int defaultImageSize;
    private final String normalization;

    ModelKind(String cliName, int defaultImageSize, String normalization) {
        this.cliName = cliName;
        this.defaultImageSize = defaultImageSize;
        this.normalization = normalization;
    }

    public static ModelKind parse(String text) {
        for (ModelKind k : values()) if (k.cliName.equals(text.trim().toLowerCase(Locale.ROOT))) return k;
        throw new IllegalArgumentException("unknown model '" + text + "' (expected lesionnet-s, lesionnet-m or resnet18)");
    }

    /** The largest input side any model accepts: beyond it a pixel cache entry or a layer would outgrow an array. */
    public static final int MAX_IMAGE_SIZE = 1024;

    /**
     * Throws {@link IllegalArgumentException} (naming --image-size) unless this model can take
     * {@code imageSize}: within [8, {@value #MAX_IMAGE_SIZE}] and the model's own rule (a multiple
     * of 8 for LesionNet-S, of 16 for LesionNet-M, at least 32 for ResNet-18). Checked before
     * anything is written or sized from the number.
     */
    public void checkImageSize(int imageSize) {
        checkImageSize(imageSize, "--image-size");
    }

    /** As {@link #checkImageSize(int)}, naming {@code what} (an option, or a checkpoint's metadata key) in the error. */
    public void checkImageSize(int imageSize, String what) {
        String rule = switch (this) {
            case LESIONNET_S -> imageSize % 8 == 0 ? null : "a multiple of 8";
            case LESIONNET_M -> imageSize % 16 == 0 ? null : "a multiple of 16";
            case RESNET18 -> imageSize >= 32 ? null : "at least 32";
        };
        if (imageSize < 8 || imageSize > MAX_IMAGE_SIZE || rule != null) {
            throw new IllegalArgumentException(what + " for " + cliName + " must be between 8 and " + MAX_IMAGE_SIZE
                    + (rule == null ? "" : " and " + rule) + ", got " + imageSize);
        }
    }

    public String cliName() { return cliName; }
    public int defaultImageSize() { return defaultImageSize; }
    public String normalizationName() { return normalization; }

    public Normalization normalization() {
        return normalizationNamed(normalization);
    }

    /** unit (pixels in [0, 1]) or imagenet (ImageNet mean/std), as checkpoints record it. */
    public static Normalization normalizationNamed(String name) {
        return switch (name) {
            case "imagenet" -> Normalization.IMAGENET;
            case "unit" -> Normalization.UNIT;
            default -> throw new IllegalArgumentException("unknown input normalisation '" + name + "' (expected unit or imagenet)");
        };
    }

    /** A freshly initialised model with one output logit. */
    public Module create(int imageSize, long seed) {
        return switch (this) {
            case LESIONNET_S -> LesionNetS.create(imageSize, seed);
            case LESIONNET_M -> LesionNetM.create(imageSize, seed);
            case RESNET18 -> {
                if (imageSize < 32) throw new IllegalArgumentException("resnet18: image size must be ≥ 32, got " + imageSize);
                yield new ResNet18(1, seed);
            }
        };
    }

    /** Name prefix of the final classifier, the layer replaced by one logit on transfer learning. */
    public String classifierPrefix(Module model) {
        return switch (this) {
            case LESIONNET_S, LESIONNET_M -> (((Sequential) model).layers().size() - 1) + ".";
            case RESNET18 -> "fc.";
        };
    }

    /** Whether the named tensor belongs to the head (what --freeze-backbone still trains). */
    public boolean isHead(Module model, String name) {
        return switch (this) {
            case LESIONNET_S, LESIONNET_M -> layerIndex(name) > headStart((Sequential) model);
            case RESNET18 -> name.startsWith("fc.");
        };
    }

    /** The head's parameters. */
    public List<Tensor> headParameters(Module model) {
        List<Tensor> head = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : model.namedParameters().entrySet()) {
            if (isHead(model, e.getKey())) head.add(e.getValue());
        }
        return head;
    }

    /**
     * Grad-CAM's cut: {@code features(x)} are the last convolutional feature maps [N, C, h, w],
     * {@code head(features)} the logit. features then head equals {@code model.forward(x)}.
     */
    public FeatureSplit featureSplit(Module model) {
        return switch (this) {
            case LESIONNET_S, LESIONNET_M -> {
                List<Module> layers = ((Sequential) model).layers();
                // LesionNet-S: the 8×8 maps after the last pool and ReLU (the Flatten follows); LesionNet-M: the last
                // conv block's ReLU output, before the global pool
                int cut = headStart((Sequential) model);
                yield new FeatureSplit(x -> apply(layers.subList(0, cut), x), f -> apply(layers.subList(cut, layers.size()), f));
            }
            case RESNET18 -> {
                Map<String, Module> c = model.children();
                MaxPool2d maxpool = new MaxPool2d(3, 2, 1);
                GlobalAvgPool pool = new GlobalAvgPool();
                yield new FeatureSplit(x -> {
                    Tensor h = maxpool.forward(c.get("bn1").forward(c.get("conv1").forward(x)).relu());
                    return c.get("layer4").forward(c.get("layer3").forward(c.get("layer2").forward(c.get("layer1").forward(h))));
                }, f -> c.get("fc").forward(pool.forward(f)));
            }
        };
    }

    /** The two halves of a model for Grad-CAM. */
    public record FeatureSplit(java.util.function.UnaryOperator<Tensor> features, java.util.function.UnaryOperator<Tensor> head) { }

    private static Tensor apply(List<Module> layers, Tensor x) {
        for (Module m : layers) x = m.forward(x);
        return x;
    }

    /** Index of the layer that turns feature maps into a vector (Flatten or the global pool): the head starts there. */
    private static int headStart(Sequential model) {
        List<Module> layers = model.layers();
        for (int i = 0; i < layers.size(); i++) if (layers.get(i) instanceof Flatten || layers.get(i) instanceof GlobalAvgPool) return i;
        throw new IllegalStateException("model without a Flatten or global pool layer");
    }

    private static int layerIndex(String name) {
        int dot = name.indexOf('.');
        return Integer.parseInt(dot < 0 ? name : name.substring(0, dot));
    }
}
