package org.jgrad.app.eval;

import java.util.ArrayList;
import java.util.List;
import org.jgrad.autograd.GradMode;
import org.jgrad.backend.Backend;
import org.jgrad.nn.Module;
import org.jgrad.tensor.Tensor;
import org.jgrad.vision.augment.Dihedral;
import org.jgrad.vision.loader.Batch;
import org.jgrad.vision.loader.DataLoader;
import org.jgrad.vision.loader.Epoch;

/**
 * A model's probabilities of "malignant" for every image of a loader, in loader order, with the
 * labels and the mean binary cross-entropy. Runs in eval mode without recording a graph.
 * The loss per image is computed from the logit z in double precision, in the stable form
 * max(z, 0) − z·y + log(1 + e^−|z|).
 */
public record Predictions(List<String> ids, double[] scores, int[] labels, double loss) {

    public static Predictions of(Module model, DataLoader loader, Backend backend) {
        return of(model, loader, backend, false);
    }

    /**
     * With {@code tta}, each image's logit is the mean of the model's logits on its eight
     * symmetries ({@link Dihedral}: quarter turns, with and without a mirror), then the sigmoid.
     * Averaging logits rather than probabilities keeps the loss and the probability consistent.
     */
    public static Predictions of(Module model, DataLoader loader, Backend backend, boolean tta) {
        model.eval();
        List<String> ids = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        double lossSum = 0;
        try (GradMode.Scope scope = GradMode.noGrad();
                Epoch epoch = loader.epoch(0)) {
            while (epoch.hasNext()) {
                Batch batch = epoch.next();
                float[] logits = tta
                        ? symmetryMeanLogits(model, batch.images(), batch.shape(), backend)
                        : model.forward(Tensor.of(backend, batch.images(), batch.shape()))
                                .toArray();
                for (int i = 0; i < batch.size(); i++) {
                    double z = logits[i], y = batch.labels()[i];
                    lossSum += Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
                    scores.add(1 / (1 + Math.exp(-z)));
                    labels.add((int) y);
                    ids.add(batch.ids().get(i));
                }
            }
        }
        return new Predictions(
                ids,
                scores.stream().mapToDouble(Double::doubleValue).toArray(),
                labels.stream().mapToInt(Integer::intValue).toArray(),
                ids.isEmpty() ? Double.NaN : lossSum / ids.size());
    }

    /**
     * This, when every score is a number; else an {@link ArithmeticException} naming {@code source}
     * (the checkpoint, or the epoch) and the first image: NaN probabilities would otherwise give an
     * AUC of 0.5 or a "NaN% benign" without a word.
     */
    public Predictions requireFinite(String source) {
        for (int i = 0; i < scores.length; i++) {
            if (Double.isNaN(scores[i])) {
                throw new ArithmeticException(source + " gives a NaN probability for image " + ids.get(i)
                        + " (its weights are not finite or overflow); no metrics computed");
            }
        }
        return this;
    }

    /** The mean over the eight symmetries of the model's logits for the NCHW {@code images} (square, H = W). */
    public static float[] symmetryMeanLogits(Module model, float[] images, int[] shape, Backend backend) {
        if (shape.length != 4 || shape[2] != shape[3]) {
            throw new IllegalArgumentException(
                    "test-time augmentation needs square NCHW images, got " + java.util.Arrays.toString(shape));
        }
        float[] sum = new float[shape[0]];
        float[] turned = new float[images.length];
        for (int k = 0; k < Dihedral.COUNT; k++) {
            Dihedral.apply(k, images, shape[0], shape[1], shape[2], turned);
            float[] logits = model.forward(Tensor.of(backend, turned, shape)).toArray();
            for (int i = 0; i < sum.length; i++) sum[i] += logits[i] / Dihedral.COUNT;
        }
        return sum;
    }
}
