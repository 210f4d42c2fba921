package org.jgrad.data;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * The mini-batches of a {@link TensorDataset}, epoch after epoch. Unshuffled, every epoch is the rows
 * in dataset order. {@link #shuffled(long)} reshuffles at each epoch: epoch e's order is a
 * permutation drawn from {@code new Random(seed * 1_000_003 + e)}, so a run is reproducible and any
 * epoch's order can be had on its own with {@link #epoch(int)}. Iterating this object (a for-each
 * loop) gives epoch 0 the first time, epoch 1 the next, and so on.
 * The last batch holds what is left (fewer rows) unless {@link #dropLast(boolean)} drops it.
 * This object is meant for one training loop on one thread.
 */
public final class Batches implements Iterable<Batch> {
    private final TensorDataset data;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final boolean dropLast;
    private int nextEpoch;

    Batches(TensorDataset data, int batchSize) {
        this(data, batchSize, false, 0L, false);
    }

    private Batches(TensorDataset data, int batchSize, boolean shuffle, long seed, boolean dropLast) {
        if (batchSize < 1)
            throw new IllegalArgumentException("batches: batchSize must be at least 1, got " + batchSize);
        this.data = data;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.seed = seed;
        this.dropLast = dropLast;
    }

    /**
     * The same batches, in an order reshuffled at every epoch from this seed.
     *
     * @param newSeed the shuffle's seed
     * @return a new Batches, starting again at epoch 0
     */
    public Batches shuffled(long newSeed) {
        return new Batches(data, batchSize, true, newSeed, dropLast);
    }

    /**
     * The same batches, with the last partial batch dropped (true) or kept (false, the default).
     *
     * @param drop whether to drop a last batch of fewer than batchSize rows
     * @return a new Batches, starting again at epoch 0
     */
    public Batches dropLast(boolean drop) {
        return new Batches(data, batchSize, shuffle, seed, drop);
    }

    /**
     * Batches per epoch.
     *
     * @return ceil(N / batchSize), or floor(N / batchSize) when the last partial batch is dropped
     */
    public int count() {
        int n = data.size();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /**
     * The batches of the next epoch (0 the first time, then 1, 2, ...).
     *
     * @return an iterator over that epoch's batches
     */
    @Override
    public Iterator<Batch> iterator() {
        return epoch(nextEpoch++).iterator();
    }

    /**
     * The batches of epoch {@code epoch}, whatever has been iterated before.
     *
     * @param epoch the epoch, 0 or more (it seeds the shuffle)
     * @return the batches, each built (as copies on the dataset's backend) when the iterator reaches it
     * @throws IllegalArgumentException if epoch is negative
     */
    public Iterable<Batch> epoch(int epoch) {
        if (epoch < 0) throw new IllegalArgumentException("batches: epoch must be ≥ 0, got " + epoch);
        int n = data.size();
        int[] order = shuffle ? TensorDataset.permutation(n, new Random(seed * 1_000_003L + epoch)) : identity(n);
        int batches = count();
        return () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < batches;
            }

            @Override
            public Batch next() {
                if (!hasNext()) throw new NoSuchElementException("epoch " + epoch + " has " + batches + " batches");
                int from = next * batchSize, to = Math.min(n, from + batchSize);
                next++;
                int[] rows = java.util.Arrays.copyOfRange(order, from, to);
                return new Batch(data.features().index(rows), data.labels().index(rows), rows);
            }
        };
    }

    private static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        return order;
    }
}
