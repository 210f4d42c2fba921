package org.jgrad.examples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.jgrad.autograd.GradMode;
import org.jgrad.loss.Losses;
import org.jgrad.metrics.Auc;
import org.jgrad.nn.Activation;
import org.jgrad.nn.Dense;
import org.jgrad.nn.Init;
import org.jgrad.nn.Module;
import org.jgrad.nn.Sequential;
import org.jgrad.optim.Adam;
import org.jgrad.tensor.Tensor;

/**
 * Logistic regression and a 30→16→1 MLP on the Wisconsin breast-cancer table (data/README.md):
 * standardise, train with Adam on mini-batches, score the held-out fifth by ROC AUC.
 * Run: ./run.sh breast-cancer [FILE.csv]
 */
public final class BreastCancer {
    static final int BATCH = 32;

    public static void main(String[] args) throws IOException {
        Table table = Table.readCsv(Path.of(args.length > 0 ? args[0] : "data/breast-cancer-wisconsin.csv"), "malignant");
        double[] auc = run(table, 100, 42);
        System.out.printf("test ROC AUC: logistic regression %.4f, MLP 30-16-1 %.4f%n", auc[0], auc[1]);
    }

    /** Both models trained on a seeded 80/20 split for {@code epochs}; returns their test AUCs. */
    static double[] run(Table table, int epochs, long seed) {
        int[] order = shuffled(table.rows(), new Random(seed));
        int[] train = Arrays.copyOf(order, table.rows() * 4 / 5), test = Arrays.copyOfRange(order, train.length, order.length);
        float[][] x = standardised(table.features(), train);
        int d = x[0].length;
        Module logistic = new Dense(d, 1, seed);
        Module mlp = new Sequential(new Dense(d, 16, Init.derive(seed, 0)), Activation.relu(), new Dense(16, 1, Init.derive(seed, 1)));
        return new double[] {fitAndScore(logistic, x, table.labels(), train, test, epochs, seed),
                             fitAndScore(mlp, x, table.labels(), train, test, epochs, seed)};
    }

    static double fitAndScore(Module model, float[][] x, int[] y, int[] train, int[] test, int epochs, long seed) {
        Adam adam = new Adam(model.parameters(), 0.01f);
        Random random = new Random(seed);
        for (int epoch = 0; epoch < epochs; epoch++) {
            int[] order = shuffled(train.length, random);
            for (int from = 0; from < order.length; from += BATCH) {
                int[] batch = new int[Math.min(BATCH, order.length - from)];
                for (int i = 0; i < batch.length; i++) batch[i] = train[order[from + i]];
                adam.zeroGrad();
                Tensor loss = Losses.binaryCrossEntropyWithLogits(model.forward(rows(x, batch)), labels(y, batch));
                loss.backward();
                adam.step();
            }
        }
        model.eval();
        try (var noGrad = GradMode.noGrad()) {
            float[] logits = model.forward(rows(x, test)).toArray();
            double[] scores = new double[logits.length];
            for (int i = 0; i < scores.length; i++) scores[i] = logits[i];
            int[] truth = new int[test.length];
            for (int i = 0; i < truth.length; i++) truth[i] = y[test[i]];
            return Auc.rankBased(scores, truth);
        }
    }

    /** Each column minus its mean over the training rows, divided by its standard deviation there. */
    static float[][] standardised(float[][] x, int[] train) {
        int d = x[0].length;
        double[] mean = new double[d], sd = new double[d];
        for (int r : train) for (int j = 0; j < d; j++) mean[j] += x[r][j] / train.length;
        for (int r : train) for (int j = 0; j < d; j++) sd[j] += Math.pow(x[r][j] - mean[j], 2) / train.length;
        float[][] out = new float[x.length][d];
        for (int r = 0; r < x.length; r++) {
            for (int j = 0; j < d; j++) out[r][j] = (float) ((x[r][j] - mean[j]) / Math.max(Math.sqrt(sd[j]), 1e-12));
        }
        return out;
    }

    /** The rows {@code which} of x as a tensor [which.length, d]. */
    static Tensor rows(float[][] x, int[] which) {
        int d = x[0].length;
        float[] flat = new float[which.length * d];
        for (int i = 0; i < which.length; i++) System.arraycopy(x[which[i]], 0, flat, i * d, d);
        return Tensor.of(flat, which.length, d);
    }

    /** The labels of {@code which} as a float tensor [which.length, 1]. */
    static Tensor labels(int[] y, int[] which) {
        float[] out = new float[which.length];
        for (int i = 0; i < which.length; i++) out[i] = y[which[i]];
        return Tensor.of(out, which.length, 1);
    }

    /** 0 … n−1 in a random order (Fisher–Yates). */
    static int[] shuffled(int n, Random random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1), t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
