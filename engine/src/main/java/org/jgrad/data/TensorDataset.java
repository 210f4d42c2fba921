package org.jgrad.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.jgrad.tensor.Shape;
import org.jgrad.tensor.Tensor;

/**
 * Features and labels held in memory as two tensors whose dimension 0 is the example: features
 * [N, ...] and labels [N, ...] (class indices [N] for cross-entropy, 0/1 targets [N, 1] for the
 * binary losses). {@link #batches(int)} gives shuffled mini-batches; {@link #split} and
 * {@link #stratifiedSplit} give a seeded train/test division.
 *
 * <pre>{@code
 * TensorDataset data = new TensorDataset(Tensor.of(table), Tensor.ofLabels(labels).reshape(-1, 1));
 * Split split = data.stratifiedSplit(0.2, 42);
 * Batches batches = split.train().batches(32).shuffled(7);
 * for (int epoch = 0; epoch < 50; epoch++) {
 *     for (Batch b : batches) { ... b.x() ..., b.y() ... }   // each pass over batches is a new shuffle
 * }
 * }</pre>
 */
public final class TensorDataset {
    private final Tensor features;
    private final Tensor labels;

    /**
     * Features [N, ...] and labels [N, ...] with the same N; both are used as they are, not copied.
     *
     * @param features one row per example
     * @param labels one row (or value) per example
     * @throws IllegalArgumentException if either is null or a scalar, or their dimension 0 differs
     */
    public TensorDataset(Tensor features, Tensor labels) {
        if (features == null || labels == null)
            throw new IllegalArgumentException("TensorDataset: features and labels must not be null");
        if (features.rank() == 0 || labels.rank() == 0) {
            throw new IllegalArgumentException("TensorDataset: features " + Shape.str(features.shape()) + " and labels "
                    + Shape.str(labels.shape()) + " need a dimension 0 (one row per example)");
        }
        if (features.dim(0) != labels.dim(0)) {
            throw new IllegalArgumentException("TensorDataset: features " + Shape.str(features.shape()) + " and labels "
                    + Shape.str(labels.shape()) + " differ in dimension 0 (the number of examples)");
        }
        this.features = features;
        this.labels = labels;
    }

    /**
     * All features.
     *
     * @return [N, ...], the tensor given to the constructor
     */
    public Tensor features() {
        return features;
    }

    /**
     * All labels.
     *
     * @return [N, ...], the tensor given to the constructor
     */
    public Tensor labels() {
        return labels;
    }

    /**
     * The number of examples.
     *
     * @return N
     */
    public int size() {
        return features.dim(0);
    }

    /**
     * The examples with these row indices, in this order (copies, made with {@code Tensor.index}).
     *
     * @param rows indices in [0, N), repeats allowed
     * @return a new dataset of rows.length examples
     * @throws IllegalArgumentException if an index is out of range
     */
    public TensorDataset rows(int[] rows) {
        return new TensorDataset(features.index(rows), labels.index(rows));
    }

    /**
     * Mini-batches of {@code batchSize} rows in dataset order, the last partial batch kept; see {@link Batches}.
     *
     * @param batchSize rows per batch, at least 1
     * @return the batches
     * @throws IllegalArgumentException if batchSize is below 1
     */
    public Batches batches(int batchSize) {
        return new Batches(this, batchSize);
    }

    /**
     * A random division: round(testFraction·N) rows go to the test part, the rest to train, chosen by a
     * shuffle seeded with {@code seed} (same seed, same division). Both parts must get at least one row.
     *
     * @param testFraction the test part's share, strictly between 0 and 1
     * @param seed the shuffle's seed
     * @return the two parts (copies)
     * @throws IllegalArgumentException if the fraction is out of range or leaves a part empty
     */
    public Split split(double testFraction, long seed) {
        checkFraction(testFraction);
        int[] order = permutation(size(), new Random(seed));
        return cut(List.of(order), testFraction);
    }

    /**
     * Like {@link #split}, but each class keeps its share in both parts: the rows of each label value
     * are shuffled (seeded) and round(testFraction·count) of them go to test. Needs one integer label per
     * example (labels [N] or [N, 1]).
     *
     * @param testFraction each class's test share, strictly between 0 and 1
     * @param seed the shuffle's seed
     * @return the two parts (copies)
     * @throws IllegalArgumentException if the fraction is out of range, a part would be empty, or the labels are not one whole number per example
     */
    public Split stratifiedSplit(double testFraction, long seed) {
        checkFraction(testFraction);
        if (labels.size() != size()) {
            throw new IllegalArgumentException(
                    "stratifiedSplit: needs one label per example, labels have shape " + Shape.str(labels.shape()));
        }
        float[] values = labels.toArray();
        TreeMap<Float, List<Integer>> byClass =
                new TreeMap<>(); // sorted, so the division does not depend on hash order
        for (int i = 0; i < values.length; i++) {
            if (values[i] != Math.rint(values[i])) {
                throw new IllegalArgumentException(
                        "stratifiedSplit: label " + i + " is " + values[i] + ", not a class index");
            }
            byClass.computeIfAbsent(values[i], k -> new ArrayList<>()).add(i);
        }
        Random random = new Random(seed);
        List<int[]> groups = new ArrayList<>();
        for (List<Integer> members : byClass.values()) {
            int[] shuffled = permutation(members.size(), random);
            int[] group = new int[shuffled.length];
            for (int k = 0; k < group.length; k++) group[k] = members.get(shuffled[k]);
            groups.add(group);
        }
        return cut(groups, testFraction);
    }

    /** Moves round(testFraction·length) rows of each group to test, the rest to train. */
    private Split cut(List<int[]> groups, double testFraction) {
        List<Integer> train = new ArrayList<>(), test = new ArrayList<>();
        for (int[] group : groups) {
            int testCount = (int) Math.round(testFraction * group.length);
            for (int k = 0; k < group.length; k++) (k < testCount ? test : train).add(group[k]);
        }
        if (train.isEmpty() || test.isEmpty()) {
            throw new IllegalArgumentException(
                    "split: test fraction " + testFraction + " of " + size() + " examples leaves " + train.size()
                            + " for training and " + test.size() + " for testing; both need at least one");
        }
        return new Split(rows(toArray(train)), rows(toArray(test)));
    }

    /** A uniformly random order of 0..n-1 (Fisher-Yates). */
    static int[] permutation(int n, Random random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static void checkFraction(double testFraction) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException(
                    "split: testFraction must lie strictly between 0 and 1, got " + testFraction);
        }
    }

    private static int[] toArray(List<Integer> list) {
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) out[i] = list.get(i);
        return out;
    }
}
