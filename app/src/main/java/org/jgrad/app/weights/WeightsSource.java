package org.jgrad.app.weights;

import java.net.URI;
import java.util.Locale;

/**
 * One published weights file: where to download it, the name it gets in the weights folder, and
 * the SHA-256 and size it must have.
 *
 * @param name     what it is, for messages (the hub repository)
 * @param url      where to download it
 * @param fileName its name in the weights folder
 * @param sha256   the published SHA-256, 64 lower-case hex digits
 * @param size     its size in bytes
 */
public record WeightsSource(String name, URI url, String fileName, String sha256, long size) {

    /**
     * torchvision's ResNet-18 ImageNet-1k weights (IMAGENET1K_V1) as timm publishes them on the
     * Hugging Face hub, with torchvision's tensor names. The URL names the commit that added the
     * file, so the file behind it cannot change; its SHA-256 and size are the ones the hub lists
     * for that file (Git LFS details of model.safetensors).
     */
    public static final WeightsSource RESNET18_IMAGENET = new WeightsSource(
            "timm/resnet18.tv_in1k",
            URI.create(
                    "https://huggingface.co/timm/resnet18.tv_in1k/resolve/a987fd6b60f845221bfff84b6f0191273ba56ead/model.safetensors"),
            "resnet18.tv_in1k.safetensors",
            "694f673df6520a3158624e8a89af086f59923ee4cd7436fe5bc3bc71d295ad81",
            46_807_446L);

    public WeightsSource {
        if (!sha256.matches("[0-9a-f]{64}"))
            throw new IllegalArgumentException(name + ": SHA-256 must be 64 lower-case hex digits");
        if (size <= 0) throw new IllegalArgumentException(name + ": size must be positive");
        if (fileName.contains("/") || fileName.contains("\\"))
            throw new IllegalArgumentException(name + ": file name must not contain a folder");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("weights URL must start with http:// or https://, got '" + url + "'");
        }
    }

    /** The same file from another address (a mirror); the SHA-256 check is unchanged. */
    public WeightsSource from(URI mirror) {
        return new WeightsSource(name, mirror, fileName, sha256, size);
    }
}
