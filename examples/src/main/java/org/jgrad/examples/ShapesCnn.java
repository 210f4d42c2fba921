package org.jgrad.examples;

import java.util.Random;
import org.jgrad.autograd.GradMode;
import org.jgrad.data.Batch;
import org.jgrad.data.TensorDataset;
import org.jgrad.loss.Losses;
import org.jgrad.metrics.BinaryMetrics;
import org.jgrad.nn.Activation;
import org.jgrad.nn.Conv2d;
import org.jgrad.nn.Dense;
import org.jgrad.nn.Flatten;
import org.jgrad.nn.GlobalAvgPool;
import org.jgrad.nn.MaxPool2d;
import org.jgrad.nn.Module;
import org.jgrad.nn.Sequential;
import org.jgrad.optim.Adam;
import org.jgrad.tensor.Tensor;

/**
 * A small CNN tells a "+" from an "×" in 12×12 noisy grey images, the shape anywhere in the image:
 * two 3×3 convolutions find the strokes wherever they are, global average pooling forgets where.
 * The images are generated (see {@link #images}), so the example needs no files. Run: ./run.sh cnn
 */
public final class ShapesCnn {
    static final int SIZE = 12, SHAPE = 5;

    public static void main(String[] args) {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        BinaryMetrics result = run(240, 120, epochs, 7);
        System.out.printf("test accuracy %.3f, ROC AUC %.4f (%d test images)%n", result.accuracy(), result.rocAuc(), result.count());
    }

    /** Trains on {@code trainCount} images and scores {@code testCount} others (logit ≥ 0 predicts "+"). */
    static BinaryMetrics run(int trainCount, int testCount, int epochs, long seed) {
        Random random = new Random(seed);
        TensorDataset train = images(trainCount, random), test = images(testCount, random);
        Module cnn = new Sequential(
                new Conv2d(1, 8, 3, 1, 1, true, seed), Activation.relu(), new MaxPool2d(2),
                new Conv2d(8, 16, 3, 1, 1, true, seed), Activation.relu(),
                new GlobalAvgPool(), new Flatten(), new Dense(16, 1, seed));
        var adam = new Adam(cnn.parameters(), 0.01f);
        var batches = train.batches(16).shuffled(seed);
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (Batch batch : batches) {
                adam.zeroGrad();
                Losses.binaryCrossEntropyWithLogits(cnn.forward(batch.x()), batch.y()).backward();
                adam.step();
            }
        }
        cnn.eval();
        try (var noGrad = GradMode.noGrad()) {
            return BinaryMetrics.of(cnn.forward(test.features()), test.labels(), 0.0);
        }
    }

    /**
     * {@code count} SIZE×SIZE grey images [count, 1, SIZE, SIZE] (NCHW), every other one a "+" (label 1)
     * and the rest an "×" (label 0), each 5×5 at a random place, plus Gaussian noise (σ 0.2); labels [count, 1].
     */
    static TensorDataset images(int count, Random random) {
        float[] pixels = new float[count * SIZE * SIZE];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % 2;
            int at = i * SIZE * SIZE, top = random.nextInt(SIZE - SHAPE + 1), left = random.nextInt(SIZE - SHAPE + 1);
            for (int k = 0; k < SHAPE; k++) {
                if (labels[i] == 1) {
                    pixels[at + (top + SHAPE / 2) * SIZE + left + k] = 1;   // horizontal stroke
                    pixels[at + (top + k) * SIZE + left + SHAPE / 2] = 1;   // vertical stroke
                } else {
                    pixels[at + (top + k) * SIZE + left + k] = 1;               // "\" stroke
                    pixels[at + (top + k) * SIZE + left + SHAPE - 1 - k] = 1;   // "/" stroke
                }
            }
            for (int p = at; p < at + SIZE * SIZE; p++) pixels[p] += (float) (0.2 * random.nextGaussian());
        }
        return new TensorDataset(Tensor.of(pixels, count, 1, SIZE, SIZE), Tensor.ofLabels(labels).reshape(-1, 1));
    }
}
