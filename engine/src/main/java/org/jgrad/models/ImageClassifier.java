package org.jgrad.models;

import java.util.List;
import org.jgrad.nn.Module;
import org.jgrad.tensor.Tensor;

/**
 * A model that says where its parts are, so that code around it (fine-tuning, transfer learning,
 * Grad-CAM) never needs to know its layers: the feature extractor, the head on top of it, and the
 * final classifier layer. In evaluation mode {@code head(features(x))} equals {@code forward(x)}
 * (in training mode too, up to the random dropout mask).
 */
public interface ImageClassifier {
    /**
     * The last convolutional feature maps of images x [N, 3, S, S]: [N, C, h, w], the map Grad-CAM
     * weighs by its gradient. Each model's Javadoc says which map this is.
     *
     * @param images [N, 3, S, S]
     * @return the feature maps [N, C, h, w], differentiable
     */
    Tensor features(Tensor images);

    /**
     * Everything after {@link #features}: feature maps [N, C, h, w] to logits [N, outputs].
     *
     * @param features [N, C, h, w], as {@link #features} returns them
     * @return the logits [N, outputs]
     */
    Tensor head(Tensor features);

    /**
     * The parameters {@link #head} uses (what training with a frozen backbone still changes).
     *
     * @return the head's parameters
     */
    List<Tensor> headParameters();

    /**
     * Name prefix (with its dot) of the final classifier layer, the one replaced on transfer learning.
     *
     * @return the prefix, e.g. {@code "fc."}
     */
    String classifierPrefix();

    /**
     * {@code model} as an image classifier.
     *
     * @param model a model
     * @return the same object, seen as an ImageClassifier
     * @throws IllegalArgumentException naming the model when it does not implement ImageClassifier
     */
    static ImageClassifier of(Module model) {
        if (model instanceof ImageClassifier classifier) return classifier;
        throw new IllegalArgumentException("model " + model.describe() + " does not describe its parts"
                + " (features, head): it must implement ImageClassifier");
    }
}
