package org.jgrad.app.train;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jgrad.app.eval.Predictions;
import org.jgrad.app.io.OutputFiles;
import org.jgrad.models.ImageClassifier;
import org.jgrad.nn.Module;
import org.jgrad.tensor.Tensor;
import org.jgrad.vision.data.Sample;
import org.junit.jupiter.api.Test;

/** The smaller parts of training: state round trip, balanced sampling, heads and Grad-CAM's cut. */
class TrainPartsTest {

    @Test
    void trainStateSurvivesJsonWithUndefinedAuc() throws Exception {
        TrainState state = new TrainState(
                2,
                0.25,
                1,
                1,
                false,
                List.of(
                        new EpochMetrics(1, "train", 0.5, 0.75, 0.5, 1.0, Double.NaN),
                        new EpochMetrics(1, "validation", 0.25, 1.0, 1.0, 1.0, 0.875)),
                0.875);
        TrainState back = OutputFiles.JSON.readValue(OutputFiles.JSON.writeValueAsString(state), TrainState.class);
        assertEquals(state, back);
        assertEquals(
                "1,train,0.500000,0.750000,0.500000,1.000000,NaN",
                state.history().get(0).csvRow());
    }

    @Test
    void balancedSamplingDrawsBothClassesEquallyOften() {
        List<Sample> train = new ArrayList<>();
        for (int i = 0; i < 1000; i++)
            train.add(new Sample("s" + i, Path.of("s" + i + ".jpg"), i < 100 ? 1 : 0, null, "test", Map.of()));
        List<Sample> drawn = Trainer.balancedSample(train, 7, 1);
        assertEquals(1000, drawn.size());
        long malignant = drawn.stream().filter(s -> s.label() == 1).count();
        assertTrue(malignant > 440 && malignant < 560, "about half malignant, got " + malignant);
        assertEquals(drawn, Trainer.balancedSample(train, 7, 1), "seeded");
        assertNotEquals(drawn, Trainer.balancedSample(train, 7, 2), "a new draw each epoch");
    }

    @Test
    void everyKindCreatesAModelThatNamesItsParts() {
        ImageClassifier lesionnet = ImageClassifier.of(ModelKind.LESIONNET_S.create(32, 1));
        assertEquals("12.", lesionnet.classifierPrefix());
        assertEquals(4, lesionnet.headParameters().size(), "two dense layers, weight and bias each");
        ImageClassifier resnet = ImageClassifier.of(ModelKind.RESNET18.create(32, 1));
        assertEquals(2, resnet.headParameters().size(), "fc.weight and fc.bias");
        ImageClassifier medium = ImageClassifier.of(ModelKind.LESIONNET_M.create(32, 1));
        assertEquals(2, medium.headParameters().size(), "the dense layer's weight and bias");
        assertThrows(IllegalArgumentException.class, () -> ModelKind.parse("vgg"));
    }

    @Test
    void selectionByAucBreaksTiesByLossAndFallsBackToLoss() {
        TrainState start = new TrainState(0, Double.POSITIVE_INFINITY, 0, 0, false, List.of(), null);
        assertTrue(Trainer.improves(true, 0.6, 0.9, start), "any AUC beats none");
        TrainState best = new TrainState(3, 0.5, 3, 0, false, List.of(), 0.8);
        assertFalse(Trainer.improves(true, 0.79, 0.1, best), "a lower AUC loses even with a much lower loss");
        assertTrue(Trainer.improves(true, 0.81, 2.0, best), "a higher AUC wins even with a higher loss");
        assertTrue(Trainer.improves(true, 0.8, 0.4, best), "a tie goes to the lower loss");
        assertFalse(Trainer.improves(true, 0.8, 0.6, best));
        assertTrue(
                Trainer.improves(false, Double.NaN, 0.4, best), "by loss when the AUC is undefined or not asked for");
        assertFalse(Trainer.improves(false, 0.99, 0.6, best));
    }

    @Test
    void trainStateWithoutAnAucScoreRoundTrips() throws Exception {
        TrainState state = new TrainState(1, 0.5, 1, 0, false, List.of(), null);
        assertEquals(Double.NEGATIVE_INFINITY, state.bestScore());
        assertEquals(state, OutputFiles.JSON.readValue(OutputFiles.JSON.writeValueAsString(state), TrainState.class));
    }

    @Test
    void recipesAndTheEpochRule() {
        assertSame(Recipe.REAL, Recipe.choose(null, true));
        assertSame(Recipe.SYNTHETIC, Recipe.choose(null, false));
        assertSame(Recipe.SYNTHETIC, Recipe.choose(" Synthetic", true));
        assertSame(Recipe.REAL, Recipe.choose("real", false));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Recipe.choose("fast", true));
        assertTrue(e.getMessage().contains("--recipe") && e.getMessage().contains("fast"));
        // 1,545 images in batches of 32: 49 steps an epoch, 3,000 steps -> 62 epochs (61.2 rounded up)
        assertEquals(62, TrainConfig.autoEpochs(1545, 32));
        assertEquals(TrainConfig.MAX_AUTO_EPOCHS, TrainConfig.autoEpochs(100, 32), "a tiny set is capped");
        assertEquals(
                TrainConfig.MIN_AUTO_EPOCHS,
                TrainConfig.autoEpochs(200_000, 32),
                "a large set still sees every image 15 times");
        for (Recipe r : List.of(Recipe.REAL, Recipe.SYNTHETIC)) {
            ModelKind.parse(r.model()); // every preset names a model that exists
        }
    }

    @Test
    void testTimeAugmentationAveragesTheEightSymmetries() {
        Module model = ModelKind.LESIONNET_S.create(32, 3);
        model.eval();
        float[] images = Tensor.randn(4, 1f, 2, 3, 32, 32).toArray();
        int[] shape = {2, 3, 32, 32};
        var backend = org.jgrad.device.Backends.getDefault();
        float[] expected = new float[2];
        float[] turned = new float[images.length];
        for (int k = 0; k < 8; k++) {
            org.jgrad.vision.augment.Dihedral.apply(k, images, 2, 3, 32, turned);
            float[] z = model.forward(Tensor.of(backend, turned.clone(), shape)).toArray();
            for (int i = 0; i < 2; i++) expected[i] += z[i] / 8;
        }
        assertArrayEquals(expected, Predictions.symmetryMeanLogits(model, images, shape, backend), 1e-5f);
        // a model that only sees channel means cannot tell the symmetries apart: TTA changes nothing
        Module pooled = new org.jgrad.nn.Sequential(new org.jgrad.nn.GlobalAvgPool(), new org.jgrad.nn.Dense(3, 1, 5));
        assertArrayEquals(
                pooled.forward(Tensor.of(backend, images, shape)).toArray(),
                Predictions.symmetryMeanLogits(pooled, images, shape, backend),
                1e-5f);
        assertThrows(
                IllegalArgumentException.class,
                () -> Predictions.symmetryMeanLogits(model, new float[24], new int[] {1, 3, 2, 4}, backend));
    }

    @Test
    void theOneStandardErrorRuleKeepsTheLastEpochCloseToThePeak() {
        // epochs with validation AUC 0.70, 0.79 (se 0.05), 0.75, 0.73, 0.80 (se 0.04)
        TrainState.Peak peak = Trainer.raisePeak(null, 1, 0.70, 0.06);
        assertTrue(Trainer.withinOneStandardError(0.70, peak), "the first epoch is the peak itself");
        peak = Trainer.raisePeak(peak, 2, 0.79, 0.05);
        assertEquals(2, peak.epoch());
        assertTrue(Trainer.withinOneStandardError(0.79, peak));
        peak = Trainer.raisePeak(peak, 3, 0.75, 0.05);
        assertEquals(2, peak.epoch(), "a lower AUC leaves the peak where it is");
        assertTrue(Trainer.withinOneStandardError(0.75, peak), "0.75 >= 0.79 - 0.05: epoch 3 is kept");
        assertFalse(Trainer.withinOneStandardError(0.73, Trainer.raisePeak(peak, 4, 0.73, 0.05)), "0.73 < 0.74");
        peak = Trainer.raisePeak(peak, 5, 0.80, 0.04);
        assertEquals(0.76, peak.threshold(), 1e-12);
        assertTrue(Trainer.withinOneStandardError(0.80, peak));
        TrainState.Peak unknownError = new TrainState.Peak(1, 0.8, Double.NaN);
        assertEquals(0.8, unknownError.threshold(), 0, "without an error estimate the rule keeps the highest");
    }

    @Test
    void aStateWithAPeakRoundTripsAndAnEditedPeakIsRefused() throws Exception {
        TrainState state = new TrainState(
                2,
                0.4,
                2,
                0,
                false,
                List.of(
                        new EpochMetrics(1, "train", 0.5, 0.75, 0.5, 1.0, 0.7),
                                new EpochMetrics(1, "validation", 0.45, 0.7, 0.5, 1.0, 0.8),
                        new EpochMetrics(2, "train", 0.5, 0.75, 0.5, 1.0, 0.7),
                                new EpochMetrics(2, "validation", 0.4, 0.7, 0.5, 1.0, 0.78)),
                0.78,
                new TrainState.Peak(1, 0.8, 0.05));
        TrainState back = OutputFiles.JSON.readValue(OutputFiles.JSON.writeValueAsString(state), TrainState.class);
        assertEquals(state, back);
        assertSame(state, state.requireConsistent(Path.of("last.safetensors"), 2));
        TrainState edited =
                new TrainState(2, 0.4, 2, 0, false, state.history(), 0.78, new TrainState.Peak(7, 0.8, 0.05));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> edited.requireConsistent(Path.of("last.safetensors"), 2));
        assertTrue(e.getMessage().contains("peak"), e.getMessage());
    }
}
