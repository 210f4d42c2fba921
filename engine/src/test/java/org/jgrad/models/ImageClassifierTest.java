package org.jgrad.models;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.TreeSet;
import org.jgrad.autograd.GradMode;
import org.jgrad.nn.Module;
import org.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Each model names its own parts: the Grad-CAM map has the shape its Javadoc states, features then
 * head give the same logits as forward, the head parameters are exactly those the head uses, and
 * the classifier prefix names the final dense layer.
 */
class ImageClassifierTest {
    @Test
    void lesionNetSFeaturesAreTheLastConvOutputBeforeItsPool() {
        checkParts(LesionNetS.create(64, 1), 2, 64, new int[] {2, 64, 16, 16});
        checkParts(LesionNetS.create(32, 2), 1, 32, new int[] {1, 64, 8, 8});
    }

    @Test
    void lesionNetMFeaturesAreTheLastConvBlockBeforeTheGlobalPool() {
        checkParts(LesionNetM.create(64, 3), 2, 64, new int[] {2, 256, 4, 4});
    }

    @Test
    void resNet18FeaturesAreLayer4BeforeTheGlobalPool() {
        checkParts(new ResNet18(1, 4), 1, 64, new int[] {1, 512, 2, 2});
    }

    @Test
    void aModelThatDoesNotDescribeItsPartsIsRefusedByName() {
        Module plain = new org.jgrad.nn.Sequential(new org.jgrad.nn.Flatten());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageClassifier.of(plain));
        assertTrue(e.getMessage().contains("Sequential"), e.getMessage());
    }

    private static <M extends Module & ImageClassifier> void checkParts(
            M model, int batch, int size, int[] featureShape) {
        model.eval();
        Tensor x = Tensor.randn(7, 1f, batch, 3, size, size);
        float[] logits;
        Tensor features;
        try (GradMode.Scope scope = GradMode.noGrad()) {
            logits = model.forward(x).toArray();
            features = model.features(x);
        }
        assertArrayEquals(featureShape, features.shape(), model.describe() + ": Grad-CAM map [N, C, h, w]");

        // Grad-CAM's use: the head on a leaf holding the features, with gradients.
        Tensor leaf = features.detach().requiresGrad(true);
        Tensor head = model.head(leaf);
        assertArrayEquals(logits, head.toArray(), 0f, model.describe() + ": features then head is forward");
        head.sum().backward();
        assertNotNull(leaf.grad(), "the gradient reaches the feature maps");

        Set<Tensor> headParameters = Collections.newSetFromMap(new IdentityHashMap<>());
        headParameters.addAll(model.headParameters());
        for (Tensor p : model.parameters()) {
            assertEquals(
                    headParameters.contains(p),
                    p.grad() != null,
                    model.describe() + ": a parameter the head uses is a head parameter");
        }
        Set<String> classifier = new TreeSet<>();
        for (String name : model.stateDict().keySet())
            if (name.startsWith(model.classifierPrefix())) classifier.add(name);
        assertEquals(Set.of(model.classifierPrefix() + "weight", model.classifierPrefix() + "bias"), classifier);
    }
}
