package org.jgrad.app.train;

import java.util.ArrayList;
import java.util.List;
import org.jgrad.autograd.GradMode;
import org.jgrad.backend.Backend;
import org.jgrad.nn.Module;
import org.jgrad.tensor.Tensor;
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
        model.eval();
        List<String> ids = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        double lossSum = 0;
        try (GradMode.Scope scope = GradMode.noGrad(); Epoch epoch = loader.epoch(0)) {
            while (epoch.hasNext()) {
                Batch batch = epoch.next();
                float[] logits = model.forward(Tensor.of(backend, batch.images(), batch.shape())).toArray();
                for (int i = 0; i < batch.size(); i++) {
                    double z = logits[i], y = batch.labels()[i];
                    lossSum += Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
                    scores.add(1 / (1 + Math.exp(-z)));
                    labels.add((int) y);
                    ids.add(batch.ids().get(i));
                }
            }
        }
        return new Predictions(ids, scores.stream().mapToDouble(Double::doubleValue).toArray(),
                labels.stream().mapToInt(Integer::intValue).toArray(), ids.isEmpty() ? Double.NaN : lossSum / ids.size());
    }
}
