package org.jgrad.app.train;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jgrad.nn.Module;
import org.jgrad.tensor.Tensor;
import org.jgrad.vision.data.Sample;
import org.junit.jupiter.api.Test;

/** The smaller parts of training: state round trip, balanced sampling, heads and Grad-CAM's cut. */
class TrainPartsTest {

    @Test
    void trainStateSurvivesJsonWithUndefinedAuc() throws Exception {
        TrainState state = new TrainState(2, 0.25, 1, 1, false, List.of(
                new EpochMetrics(1, "train", 0.5, 0.75, 0.5, 1.0, Double.NaN),
                new EpochMetrics(1, "validation", 0.25, 1.0, 1.0, 1.0, 0.875)), 0.875);
        TrainState back = RunFiles.JSON.readValue(RunFiles.JSON.writeValueAsString(state), TrainState.class);
        assertEquals(state, back);
        assertEquals("1,train,0.500000,0.750000,0.500000,1.000000,NaN", state.history().get(0).csvRow());
    }

    @Test
    void balancedSamplingDrawsBothClassesEquallyOften() {
        List<Sample> train = new ArrayList<>();
        for (int i = 0; i < 1000; i++) train.add(new Sample("s" + i, Path.of("s" + i + ".jpg"), i < 100 ? 1 : 0, null, "test", Map.of()));
        List<Sample> drawn = Trainer.balancedSample(train, 7, 1);
        assertEquals(1000, drawn.size());
        long malignant = drawn.stream().filter(s -> s.label() == 1).count();
        assertTrue(malignant > 440 && malignant < 560, "about half malignant, got " + malignant);
        assertEquals(drawn, Trainer.balancedSample(train, 7, 1), "seeded");
        assertNotEquals(drawn, Trainer.balancedSample(train, 7, 2), "a new draw each epoch");
    }

    @Test
    void headsAndClassifiers() {
        Module lesionnet = ModelKind.LESIONNET_S.create(32, 1);
        assertEquals("12.", ModelKind.LESIONNET_S.classifierPrefix(lesionnet));
        assertEquals(4, ModelKind.LESIONNET_S.headParameters(lesionnet).size(), "two dense layers, weight and bias each");
        Module resnet = ModelKind.RESNET18.create(32, 1);
        assertEquals(2, ModelKind.RESNET18.headParameters(resnet).size(), "fc.weight and fc.bias");
        assertThrows(IllegalArgumentException.class, () -> ModelKind.parse("vgg"));
    }

    @Test
    void featureSplitComposesToTheWholeModel() {
        for (ModelKind kind : ModelKind.values()) {
            Module model = kind.create(32, 5);
            model.eval();
            Tensor x = Tensor.randn(9, 1f, 2, 3, 32, 32);
            ModelKind.FeatureSplit split = kind.featureSplit(model);
            Tensor features = split.features().apply(x);
            assertEquals(4, features.rank(), kind + ": feature maps [N, C, h, w]");
            assertArrayEquals(model.forward(x).toArray(), split.head().apply(features).toArray(), 1e-5f, kind.cliName());
        }
    }
}
