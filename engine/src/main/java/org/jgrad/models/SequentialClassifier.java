package org.jgrad.models;

import java.util.ArrayList;
import java.util.List;
import org.jgrad.nn.Module;
import org.jgrad.nn.Sequential;
import org.jgrad.tensor.Tensor;

/**
 * An {@link ImageClassifier} built as one stack of layers (parameter names "0.weight", ... as in
 * PyTorch's nn.Sequential): the head is the layers from {@code headStart} on, and the final layer
 * is the classifier. Each model says where its head starts and which map its features are.
 */
abstract class SequentialClassifier extends Sequential implements ImageClassifier {
    private final int headStart;

    SequentialClassifier(List<Module> layers, int headStart) {
        super(layers.toArray(new Module[0]));
        this.headStart = headStart;
    }

    /** The layers before the head applied to x. */
    final Tensor body(Tensor x) {
        return forwardLayers(0, headStart, x);
    }

    @Override
    public Tensor head(Tensor features) {
        return forwardLayers(headStart, layers().size(), features);
    }

    @Override
    public List<Tensor> headParameters() {
        List<Tensor> head = new ArrayList<>();
        for (Module layer : layers().subList(headStart, layers().size())) head.addAll(layer.parameters());
        return head;
    }

    @Override
    public String classifierPrefix() {
        return (layers().size() - 1) + ".";
    }
}
