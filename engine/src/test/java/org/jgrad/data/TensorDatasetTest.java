package org.jgrad.data;

import static org.jgrad.testing.TensorAssert.assertThrowsMentioning;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** TensorDataset: batches (order, shuffle per epoch, last partial batch) and seeded splits. */
class TensorDatasetTest {

    /** Row i of the features is (i, 10·i), its label i % 2: every batch can be checked against its row indices. */
    private static TensorDataset numbered(int n) {
        float[][] x = new float[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = new float[] {i, 10 * i};
            y[i] = i % 2;
        }
        return new TensorDataset(Tensor.of(x), Tensor.ofLabels(y).reshape(n, 1));
    }

    private static List<int[]> rowsOf(Iterable<Batch> batches) {
        List<int[]> rows = new ArrayList<>();
        for (Batch b : batches) rows.add(b.rows());
        return rows;
    }

    @Test
    void unshuffledBatchesFollowTheDatasetAndKeepTheLastPartialOne() {
        TensorDataset data = numbered(7);
        List<Batch> batches = new ArrayList<>();
        data.batches(3).forEach(batches::add);
        assertEquals(3, batches.size());
        assertArrayEquals(new int[] {6}, batches.get(2).rows());
        assertArrayEquals(new float[] {3, 30, 4, 40, 5, 50}, batches.get(1).x().toArray());
        assertArrayEquals(new int[] {3, 2}, batches.get(1).x().shape());
        assertArrayEquals(new float[] {1, 0, 1}, batches.get(1).y().toArray());
        assertEquals(2, data.batches(3).dropLast(true).count());
        assertEquals(2, rowsOf(data.batches(3).dropLast(true)).size());
    }

    @Test
    void shuffledEpochsArePermutationsThatChangeAndRepeatWithTheSeed() {
        TensorDataset data = numbered(10);
        Batches batches = data.batches(4).shuffled(7);
        int[] first = concat(rowsOf(batches)), second = concat(rowsOf(batches));
        int[] sorted = first.clone();
        Arrays.sort(sorted);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, sorted);
        assertFalse(Arrays.equals(first, second), "epoch 1 must be shuffled differently from epoch 0");
        assertArrayEquals(first, concat(rowsOf(data.batches(4).shuffled(7).epoch(0))));
        assertArrayEquals(second, concat(rowsOf(data.batches(4).shuffled(7).epoch(1))));
        for (Batch b : data.batches(4).shuffled(7).epoch(3)) { // each x row still matches its label and index
            float[] x = b.x().toArray(), y = b.y().toArray();
            for (int k = 0; k < b.size(); k++) {
                assertEquals(b.rows()[k], x[2 * k]);
                assertEquals(b.rows()[k] % 2, y[k]);
            }
        }
    }

    @Test
    void splitsAreDisjointSeededAndStratified() {
        TensorDataset data = numbered(20); // 10 of each label
        Split split = data.stratifiedSplit(0.3, 1);
        assertEquals(14, split.train().size());
        assertEquals(6, split.test().size());
        float testPositives = split.test().labels().sum().item();
        assertEquals(3f, testPositives, "3 of the 6 test rows are label 1, as in the whole set");
        float[] trainIds = split.train().features().toArray(),
                testIds = split.test().features().toArray();
        boolean[] seen = new boolean[20];
        for (int k = 0; k < trainIds.length; k += 2) seen[(int) trainIds[k]] = true;
        for (int k = 0; k < testIds.length; k += 2) {
            assertFalse(seen[(int) testIds[k]], "row " + (int) testIds[k] + " is in both parts");
            seen[(int) testIds[k]] = true;
        }
        for (int i = 0; i < 20; i++) assertEquals(true, seen[i], "row " + i + " is in neither part");
        assertArrayEquals(
                testIds, data.stratifiedSplit(0.3, 1).test().features().toArray());
        assertEquals(5, data.split(0.25, 3).test().size());
        assertArrayEquals(
                data.split(0.25, 3).test().features().toArray(),
                data.split(0.25, 3).test().features().toArray());
    }

    @Test
    void badArgumentsAreClearErrors() {
        assertThrowsMentioning(
                IllegalArgumentException.class,
                () -> new TensorDataset(Tensor.zeros(4, 2), Tensor.zeros(3)),
                "[4, 2]",
                "[3]",
                "dimension 0");
        TensorDataset data = numbered(4);
        assertThrowsMentioning(IllegalArgumentException.class, () -> data.batches(0), "batchSize", "0");
        assertThrowsMentioning(IllegalArgumentException.class, () -> data.split(1.0, 1), "testFraction", "1.0");
        assertThrowsMentioning(IllegalArgumentException.class, () -> data.split(0.01, 1), "0 for testing");
        TensorDataset fractional = new TensorDataset(Tensor.zeros(2, 1), Tensor.of(new double[] {0, 0.5}));
        assertThrowsMentioning(
                IllegalArgumentException.class, () -> fractional.stratifiedSplit(0.5, 1), "label 1 is 0.5");
    }

    private static int[] concat(List<int[]> parts) {
        return parts.stream().flatMapToInt(Arrays::stream).toArray();
    }
}
