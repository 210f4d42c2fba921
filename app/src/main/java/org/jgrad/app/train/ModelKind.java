package org.jgrad.app.train;

import java.util.Locale;
import org.jgrad.models.ImageClassifier;
import org.jgrad.models.LesionNetM;
import org.jgrad.models.LesionNetS;
import org.jgrad.models.ResNet18;
import org.jgrad.nn.Module;
import org.jgrad.vision.image.Normalization;

/**
 * The models the app trains, and what the app needs to know about each: its name on the command
 * line, its default input size and its pixel normalisation. Where a model's parts are (its head,
 * its classifier layer, its Grad-CAM map) each model says itself, as an {@link ImageClassifier}.
 */
public enum ModelKind {
    /** Three conv blocks and a dense head; 64 px, pixels in [0, 1]. */
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
        throw new IllegalArgumentException(
                "unknown model '" + text + "' (expected lesionnet-s, lesionnet-m or resnet18)");
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

    public String cliName() {
        return cliName;
    }

    public int defaultImageSize() {
        return defaultImageSize;
    }

    public String normalizationName() {
        return normalization;
    }

    public Normalization normalization() {
        return normalizationNamed(normalization);
    }

    /** unit (pixels in [0, 1]) or imagenet (ImageNet mean/std), as checkpoints record it. */
    public static Normalization normalizationNamed(String name) {
        return switch (name) {
            case "imagenet" -> Normalization.IMAGENET;
            case "unit" -> Normalization.UNIT;
            default ->
                throw new IllegalArgumentException(
                        "unknown input normalisation '" + name + "' (expected unit or imagenet)");
        };
    }

    /** A freshly initialised model with one output logit; {@link ImageClassifier#of} gives its parts. */
    public Module create(int imageSize, long seed) {
        return switch (this) {
            case LESIONNET_S -> LesionNetS.create(imageSize, seed);
            case LESIONNET_M -> LesionNetM.create(imageSize, seed);
            case RESNET18 -> {
                if (imageSize < 32)
                    throw new IllegalArgumentException("resnet18: image size must be ≥ 32, got " + imageSize);
                yield new ResNet18(1, seed);
            }
        };
    }
}
