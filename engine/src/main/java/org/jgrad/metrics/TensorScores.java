package org.jgrad.metrics;

import org.jgrad.tensor.Shape;
import org.jgrad.tensor.Tensor;

/**
 * Scores and labels read from tensors, for the {@code Tensor} overloads of the metrics (such as
 * {@link Auc#of(Tensor, Tensor)}): a model's output [N] or [N, 1] becomes double[N], a label
 * tensor [N] or [N, 1] holding 0 and 1 becomes int[N]. Both are copied to the host.
 */
public final class TensorScores {
    private TensorScores() {}

    /**
     * The N scores of a [N] or [N, 1] tensor (probabilities or logits), copied to the host.
     *
     * @param scores the model's outputs
     * @return N values
     * @throws IllegalArgumentException if the tensor is null or not [N] or [N, 1]
     */
    public static double[] scores(Tensor scores) {
        float[] values = column("scores", scores).toArray();
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) out[i] = values[i];
        return out;
    }

    /**
     * The N labels of a [N] or [N, 1] tensor; each must be exactly 0 or 1.
     *
     * @param labels the labels
     * @return N values, 0 or 1
     * @throws IllegalArgumentException if the tensor is null or not [N] or [N, 1], or a label is not 0 or 1 (the error names it)
     */
    public static int[] labels(Tensor labels) {
        float[] values = column("labels", labels).toArray();
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] != 0f && values[i] != 1f) {
                throw new IllegalArgumentException("metrics: label " + i + " is " + values[i] + ", expected 0 or 1");
            }
            out[i] = (int) values[i];
        }
        return out;
    }

    /** Scores and labels as arrays of one length, or an error naming both shapes. */
    static Pair of(Tensor scores, Tensor labels) {
        column("scores", scores);
        column("labels", labels);
        if (scores.dim(0) != labels.dim(0)) {
            throw new IllegalArgumentException("metrics: scores " + Shape.str(scores.shape()) + " and labels "
                    + Shape.str(labels.shape()) + " differ in N");
        }
        return new Pair(scores(scores), labels(labels));
    }

    record Pair(double[] scores, int[] labels) {}

    private static Tensor column(String what, Tensor t) {
        if (t == null) throw new IllegalArgumentException("metrics: " + what + " is null");
        boolean column = t.rank() == 1 || (t.rank() == 2 && t.dim(1) == 1);
        if (!column) {
            throw new IllegalArgumentException(
                    "metrics: " + what + " must have shape [N] or [N, 1], got " + Shape.str(t.shape()));
        }
        return t;
    }
}
