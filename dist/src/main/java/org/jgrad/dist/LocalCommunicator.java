package org.jgrad.dist;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A group of ranks that are threads of one JVM, sharing memory: each rank publishes its buffer,
 * then sums one segment of all buffers (in rank order, so the result is the same bits every run),
 * then copies every segment's sum back. Used by tests and as the reference for the TCP ring.
 */
public final class LocalCommunicator implements Communicator {
    /** What the ranks of one group share. */
    private static final class Group {
        final int size;
        final long timeoutMillis;
        final CyclicBarrier barrier;
        final float[][] published;
        final int[] offsets;
        final int[] lengths;
        final float[][] segmentSums;

        Group(int size, long timeoutMillis) {
            this.size = size;
            this.timeoutMillis = timeoutMillis;
            this.barrier = new CyclicBarrier(size);
            this.published = new float[size][];
            this.offsets = new int[size];
            this.lengths = new int[size];
            this.segmentSums = new float[size][];
        }
    }

    private final Group group;
    private final int rank;

    private LocalCommunicator(Group group, int rank) {
        this.group = group;
        this.rank = rank;
    }

    /** {@code size} ranks for {@code size} threads; a rank waiting more than {@code timeoutMillis} for the others fails. */
    public static List<Communicator> group(int size, long timeoutMillis) {
        if (size < 1) throw new IllegalArgumentException("group size must be >= 1, got " + size);
        Group group = new Group(size, timeoutMillis);
        List<Communicator> ranks = new ArrayList<>();
        for (int r = 0; r < size; r++) ranks.add(new LocalCommunicator(group, r));
        return ranks;
    }

    /** A group of one: every collective returns at once with the buffer unchanged (a mean of one value is itself). */
    public static Communicator solo() {
        return group(1, 1000).get(0);
    }

    @Override
    public int rank() {
        return rank;
    }

    @Override
    public int worldSize() {
        return group.size;
    }

    @Override
    public void allReduce(float[] data, int offset, int length, Reduction reduction) {
        if (group.size == 1) return;
        publish(data, offset, length, "all-reduce");
        int from = Communicator.segmentStart(length, group.size, rank),
                to = Communicator.segmentStart(length, group.size, rank + 1);
        float[] sums = new float[to - from];
        for (int r = 0; r < group.size; r++) {
            float[] theirs = group.published[r];
            int base = group.offsets[r];
            for (int i = from; i < to; i++) sums[i - from] += theirs[base + i];
        }
        if (reduction == Reduction.MEAN) {
            for (int i = 0; i < sums.length; i++) sums[i] /= group.size;
        }
        group.segmentSums[rank] = sums;
        await("all-reduce");
        // Nobody reads our buffer any more (all sums are made), so we may overwrite it.
        for (int r = 0; r < group.size; r++) {
            float[] segment = group.segmentSums[r];
            System.arraycopy(
                    segment, 0, data, offset + Communicator.segmentStart(length, group.size, r), segment.length);
        }
    }

    @Override
    public void broadcast(float[] data, int offset, int length, int root) {
        if (root < 0 || root >= group.size)
            throw new IllegalArgumentException("broadcast root " + root + " is not a rank of 0.." + (group.size - 1));
        if (group.size == 1) return;
        publish(data, offset, length, "broadcast");
        if (rank != root) System.arraycopy(group.published[root], group.offsets[root], data, offset, length);
        await("broadcast"); // the root's buffer stays untouched until every rank has copied it
    }

    @Override
    public void barrier() {
        await("barrier");
    }

    @Override
    public void close() {}

    private void publish(float[] data, int offset, int length, String what) {
        group.published[rank] = data;
        group.offsets[rank] = offset;
        group.lengths[rank] = length;
        await(what);
        for (int r = 0; r < group.size; r++) {
            if (group.lengths[r] != length) {
                throw new CommunicationException("rank " + rank + ": " + what + " of " + length + " floats, but rank "
                        + r + " passed " + group.lengths[r] + " (every rank must pass the same length)");
            }
        }
    }

    private void await(String what) {
        try {
            group.barrier.await(group.timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new CommunicationException(
                    "rank " + rank + ": " + what + " timed out after " + group.timeoutMillis
                            + " ms waiting for the other ranks (did one of them fail?)",
                    e);
        } catch (BrokenBarrierException e) {
            throw new CommunicationException(
                    "rank " + rank + ": " + what + " failed because another rank timed out or failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommunicationException("rank " + rank + ": interrupted during " + what, e);
        }
    }
}
