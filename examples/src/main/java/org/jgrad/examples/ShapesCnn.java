package org.jgrad.examples;

import java.util.Random;
import org.jgrad.autograd.GradMode;
import org.jgrad.loss.Losses;
import org.jgrad.metrics.Auc;
import org.jgrad.nn.Activation;
import org.jgrad.nn.Conv2d;
import org.jgrad.nn.Dense;
import org.jgrad.nn.Flatten;
import org.jgrad.nn.GlobalAvgPool;
import org.jgrad.nn.Init;
import org.jgrad.nn.MaxPool2d;
import org.jgrad.nn.Module;
import org.jgrad.nn.Sequential;
import org.jgrad.optim.Adam;
import org.jgrad.tensor.Tensor;

/**
 * A small CNN tells a "+" from an "×" in 12×12 noisy grey images, the shape anywhere in the image:
 * two 3×3 convolutions find the strokes wherever they are, global average pooling forgets where.
 * The images are generated (see {@link #image}), so the example needs no files. Run: ./run.sh cnn
 */
public final class ShapesCnn {
    static final int SIZE = 12, SHAPE = 5, BATCH = 16;

    public static void main(String[] args) {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        double[] result = run(240, 120, epochs, 7);
        System.out.printf("test accuracy %.3f, ROC AUC %.4f (%d test images)%n", result[0], result[1], 120);
    }

    /** Trains on {@code trainCount} images and tests on {@code testCount} others; returns {accuracy, AUC}. */
    static double[] run(int trainCount, int testCount, int epochs, long seed) {
        Random random = new Random(seed);
        float[][] images = new float[trainCount + testCount][];
        int[] labels = new int[images.length];
        for (int i = 0; i < images.length; i++) {
            labels[i] = i % 2;
            images[i] = image(labels[i] == 1, random);
        }
        Module cnn = new Sequential(
                new Conv2d(1, 8, 3, 1, 1, true, Init.derive(seed, 0)), Activation.relu(), new MaxPool2d(2),
                new Conv2d(8, 16, 3, 1, 1, true, Init.derive(seed, 1)), Activation.relu(),
                new GlobalAvgPool(), new Flatten(), new Dense(16, 1, Init.derive(seed, 2)));
        Adam adam = new Adam(cnn.parameters(), 0.01f);
        for (int epoch = 0; epoch < epochs; epoch++) {
            int[] order = BreastCancer.shuffled(trainCount, random);
            for (int from = 0; from < trainCount; from += BATCH) {
                int[] batch = java.util.Arrays.copyOfRange(order, from, Math.min(from + BATCH, trainCount));
                adam.zeroGrad();
                Tensor loss = Losses.binaryCrossEntropyWithLogits(cnn.forward(batchOf(images, batch)), BreastCancer.labels(labels, batch));
                loss.backward();
                adam.step();
            }
        }
        cnn.eval();
        int[] test = new int[testCount];
        for (int i = 0; i < testCount; i++) test[i] = trainCount + i;
        try (var noGrad = GradMode.noGrad()) {
            float[] logits = cnn.forward(batchOf(images, test)).toArray();
            double[] scores = new double[testCount];
            int[] truth = new int[testCount];
            int correct = 0;
            for (int i = 0; i < testCount; i++) {
                scores[i] = logits[i];
                truth[i] = labels[test[i]];
                if ((logits[i] > 0) == (truth[i] == 1)) correct++;
            }
            return new double[] {correct / (double) testCount, Auc.rankBased(scores, truth)};
        }
    }

    /** A SIZE×SIZE grey image: a 5×5 "+" (plus) or "×" at a random place, plus Gaussian noise (σ 0.2). */
    static float[] image(boolean plus, Random random) {
        float[] pixels = new float[SIZE * SIZE];
        int top = random.nextInt(SIZE - SHAPE + 1), left = random.nextInt(SIZE - SHAPE + 1);
        for (int k = 0; k < SHAPE; k++) {
            if (plus) {
                pixels[(top + SHAPE / 2) * SIZE + left + k] = 1;   // horizontal stroke
                pixels[(top + k) * SIZE + left + SHAPE / 2] = 1;   // vertical stroke
            } else {
                pixels[(top + k) * SIZE + left + k] = 1;               // "\" stroke
                pixels[(top + k) * SIZE + left + SHAPE - 1 - k] = 1;   // "/" stroke
            }
        }
        for (int i = 0; i < pixels.length; i++) pixels[i] += (float) (0.2 * random.nextGaussian());
        return pixels;
    }

    /** The images {@code which} as one tensor [which.length, 1, SIZE, SIZE] (NCHW). */
    static Tensor batchOf(float[][] images, int[] which) {
        float[] flat = new float[which.length * SIZE * SIZE];
        for (int i = 0; i < which.length; i++) System.arraycopy(images[which[i]], 0, flat, i * SIZE * SIZE, SIZE * SIZE);
        return Tensor.of(flat, which.length, 1, SIZE, SIZE);
    }
}
