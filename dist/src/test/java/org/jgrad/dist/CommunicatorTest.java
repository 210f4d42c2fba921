package org.jgrad.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * All-reduce and broadcast of both communicators against a plain sequential sum: world sizes 1 to
 * 4, lengths below the world size, 1, primes, and more than one socket chunk.
 */
class CommunicatorTest {
    static final int[] LENGTHS = {1, 2, 3, 7, 13, 101, 2 * TcpRingCommunicator.CHUNK_FLOATS + 17};

    /** Rank r's input: seeded random values in [-1, 1). */
    static float[] input(int rank, int length) {
        Random random = new Random(1000L * rank + length);
        float[] v = new float[length];
        for (int i = 0; i < length; i++) v[i] = random.nextFloat() * 2 - 1;
        return v;
    }

    /** The expected result, summed in double in rank order. */
    static float[] sequentialSum(int world, int length, boolean mean) {
        double[] sum = new double[length];
        for (int r = 0; r < world; r++) {
            float[] v = input(r, length);
            for (int i = 0; i < length; i++) sum[i] += v[i];
        }
        float[] out = new float[length];
        for (int i = 0; i < length; i++) out[i] = (float) (mean ? sum[i] / world : sum[i]);
        return out;
    }

    static void checkAllReduce(List<Communicator> group, int length, Communicator.Reduction reduction)
            throws Exception {
        int world = group.size();
        List<float[]> results = Ranks.run(group, c -> {
            float[] v = input(c.rank(), length);
            c.allReduce(v, reduction);
            return v;
        });
        float[] expected = sequentialSum(world, length, reduction == Communicator.Reduction.MEAN);
        for (int r = 0; r < world; r++) {
            // Sums of up to 4 floats in [-1, 1), rounded in some order: within a few ulps of 4.
            assertArrayEquals(expected, results.get(r), 2e-6f, "rank " + r + " of " + world + ", length " + length);
            assertArrayEquals(results.get(0), results.get(r), 0f, "every rank must hold the same bits, rank " + r);
        }
    }

    static void checkBroadcast(List<Communicator> group, int length) throws Exception {
        for (int root = 0; root < group.size(); root++) {
            int from = root;
            List<float[]> results = Ranks.run(group, c -> {
                float[] v = input(c.rank(), length);
                c.broadcast(v, from);
                return v;
            });
            for (float[] got : results) assertArrayEquals(input(from, length), got, 0f, "broadcast from root " + from);
        }
    }

    @Test
    void localAllReduceAndBroadcastMatchSequentialSum() throws Exception {
        for (int world = 1; world <= 4; world++) {
            List<Communicator> group = LocalCommunicator.group(world, 30_000);
            for (int length : LENGTHS) {
                checkAllReduce(group, length, Communicator.Reduction.SUM);
                checkAllReduce(group, length, Communicator.Reduction.MEAN);
                checkBroadcast(group, length);
            }
        }
    }

    @Test
    void localSumIsExactInRankOrder() throws Exception {
        List<Communicator> group = LocalCommunicator.group(3, 30_000);
        List<float[]> results = Ranks.run(group, c -> {
            float[] v = input(c.rank(), 11);
            c.allReduce(v, Communicator.Reduction.SUM);
            return v;
        });
        float[] expected = new float[11];
        for (int r = 0; r < 3; r++) {
            float[] v = input(r, 11);
            for (int i = 0; i < 11; i++) expected[i] += v[i]; // float additions in rank order, as the group does
        }
        for (float[] got : results) assertArrayEquals(expected, got, 0f);
    }

    @Test
    void tcpRingAllReduceAndBroadcastMatchSequentialSum() throws Exception {
        for (int world = 1; world <= 4; world++) {
            List<Communicator> ring = Ranks.tcpRing(world, 30_000);
            try {
                for (int length : LENGTHS) {
                    checkAllReduce(ring, length, Communicator.Reduction.SUM);
                    checkAllReduce(ring, length, Communicator.Reduction.MEAN);
                    checkBroadcast(ring, length);
                }
            } finally {
                Ranks.closeAll(ring);
            }
        }
    }

    @Test
    void partialRangesLeaveTheRestAlone() throws Exception {
        List<Communicator> ring = Ranks.tcpRing(3, 30_000);
        try {
            // Small integers: every order of addition gives the exact sum.
            List<float[]> results = Ranks.run(ring, c -> {
                float[] v = new float[20];
                for (int i = 0; i < v.length; i++) v[i] = c.rank() * 100 + i;
                for (int from = 2; from < 18; from += 5)
                    c.allReduce(v, from, Math.min(5, 18 - from), Communicator.Reduction.SUM);
                return v;
            });
            for (int r = 0; r < 3; r++) {
                float[] got = results.get(r);
                for (int i = 0; i < 20; i++) {
                    float expected = i < 2 || i >= 18 ? r * 100 + i : (0 + 100 + 200) + 3 * i;
                    assertEquals(expected, got[i], "rank " + r + " element " + i);
                }
            }
        } finally {
            Ranks.closeAll(ring);
        }
    }

    @Test
    void barrierReturnsOnEveryRank() throws Exception {
        List<Communicator> ring = Ranks.tcpRing(3, 30_000);
        try {
            List<Integer> ranks = Ranks.run(ring, c -> {
                c.barrier();
                c.barrier();
                return c.rank();
            });
            assertEquals(List.of(0, 1, 2), ranks);
        } finally {
            Ranks.closeAll(ring);
        }
    }
}
