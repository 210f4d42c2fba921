package org.jgrad.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.jgrad.autograd.GradientListener;
import org.jgrad.autograd.Graph;
import org.jgrad.backend.Backend;
import org.jgrad.backend.cpu.ReferenceBackend;
import org.jgrad.loss.Losses;
import org.jgrad.nn.Activation;
import org.jgrad.nn.BatchNorm2d;
import org.jgrad.nn.Conv2d;
import org.jgrad.nn.Dense;
import org.jgrad.nn.GlobalAvgPool;
import org.jgrad.nn.Module;
import org.jgrad.nn.Sequential;
import org.jgrad.optim.Optimizer;
import org.jgrad.optim.Sgd;
import org.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The key property of data-parallel training: W ranks, each on its part of every batch, with
 * averaged gradients, end with the same parameters as one process on the whole batch (mean loss).
 */
class DataParallelTest {
    static final int IN = 5, STEPS = 6;

    static Module mlp(long seed, Backend backend) {
        return new Sequential(new Dense(IN, 8, seed), Activation.tanh(), new Dense(8, 1, seed + 1)).to(backend);
    }

    /** Step s's batch: rows of inputs and targets, different every step. */
    static float[][] batch(int step, int rows) {
        Random random = new Random(77 + step);
        float[] x = new float[rows * IN], y = new float[rows];
        for (int i = 0; i < x.length; i++) x[i] = (float) random.nextGaussian();
        for (int i = 0; i < rows; i++) y[i] = random.nextFloat();
        return new float[][] {x, y};
    }

    /** Trains {@code model} on rows [from, to) of each step's batch, averaging gradients when {@code dist} is set. */
    static float[] train(Module model, int batchRows, int from, int to, DistributedTraining dist) {
        Optimizer sgd = new Sgd(model.parameters(), 0.1f, 0.9f, 0f, false);
        if (dist != null) dist.broadcastInitialState();
        for (int step = 0; step < STEPS; step++) {
            float[][] b = batch(step, batchRows);
            Backend backend = model.parameters().get(0).backend();
            Tensor x = Tensor.of(backend, Arrays.copyOfRange(b[0], from * IN, to * IN), to - from, IN);
            Tensor y = Tensor.of(backend, Arrays.copyOfRange(b[1], from, to), to - from, 1);
            sgd.zeroGrad();
            Tensor loss = Losses.mse(model.forward(x), y);
            if (dist == null) loss.backward();
            else if (dist.overlaps()) {
                // Each bucket's all-reduce starts while backward goes on.
                Graph.backward(loss, dist.startGradients(to - from));
                dist.finishGradients(to - from);
            } else {
                loss.backward();
                dist.averageGradients(to - from);
            }
            sgd.step();
            if (dist != null) dist.stepDone(1, step + 1);
        }
        return flatParameters(model);
    }

    static float[] flatParameters(Module model) {
        return model.parameters().stream().map(Tensor::toArray).reduce(new float[0], (a, b) -> {
            float[] c = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, c, a.length, b.length);
            return c;
        });
    }

    /** {@link #checkAgainstOneProcess(List, int, int, boolean)} with and without overlap, on fresh groups. */
    static void checkBothWays(Supplier<List<Communicator>> groups, int batchRows, int bucketFloats) throws Exception {
        for (boolean overlap : new boolean[] {false, true}) {
            List<Communicator> group = groups.get();
            try {
                checkAgainstOneProcess(group, batchRows, bucketFloats, overlap);
            } finally {
                Ranks.closeAll(group);
            }
        }
    }

    static void checkAgainstOneProcess(List<Communicator> group, int batchRows, int bucketFloats, boolean overlap)
            throws Exception {
        checkAgainstOneProcess(DataParallelTest::mlp, group, batchRows, bucketFloats, overlap);
    }

    static void checkAgainstOneProcess(
            BiFunction<Long, Backend, Module> models,
            List<Communicator> group,
            int batchRows,
            int bucketFloats,
            boolean overlap)
            throws Exception {
        float[] single = train(models.apply(1L, new ReferenceBackend()), batchRows, 0, batchRows, null);
        int world = group.size();
        List<float[]> perRank = Ranks.run(group, c -> {
            // Other ranks start from other weights: the broadcast must replace them with rank 0's.
            Module model = models.apply(1 + 10L * c.rank(), new ReferenceBackend());
            int from = batchRows * c.rank() / world, to = batchRows * (c.rank() + 1) / world;
            DistributedTraining dist = new DistributedTraining(c, model, model.parameters(), bucketFloats, 2, overlap);
            return train(model, batchRows, from, to, dist);
        });
        for (int r = 0; r < world; r++) {
            assertArrayEquals(
                    single,
                    perRank.get(r),
                    1e-5f,
                    "rank " + r + " of " + world + " vs one process, batch " + batchRows + ", overlap " + overlap);
            assertArrayEquals(perRank.get(0), perRank.get(r), 0f, "ranks must hold identical parameters");
        }
    }

    @Test
    void twoThreadRanksOnHalfBatchesMatchOneProcess() throws Exception {
        checkBothWays(() -> LocalCommunicator.group(2, 30_000), 8, DistributedTraining.DEFAULT_BUCKET_FLOATS);
    }

    @Test
    void threeThreadRanksWithManyBucketsMatchOneProcess() throws Exception {
        checkBothWays(() -> LocalCommunicator.group(3, 30_000), 8, 7);
    }

    @Test
    void aModelLargerThanTheFirstBucketOverlapsInTwoBucketsAndMatchesOneProcess() throws Exception {
        // 5·60000 + 60000 + 60000 + 1 floats: a first bucket of FIRST_BUCKET_FLOATS, then the rest in one.
        BiFunction<Long, Backend, Module> wide = (seed, backend) -> new Sequential(
                        new Dense(IN, 60_000, seed), Activation.tanh(), new Dense(60_000, 1, seed + 1))
                .to(backend);
        checkAgainstOneProcess(
                wide, LocalCommunicator.group(2, 30_000), 4, DistributedTraining.DEFAULT_BUCKET_FLOATS, true);
    }

    @Test
    void twoTcpRanksMatchOneProcess() throws Exception {
        checkBothWays(() -> tcpRing(2), 8, DistributedTraining.DEFAULT_BUCKET_FLOATS);
    }

    @Test
    void threeTcpRanksWithUnequalPartsAndManyBucketsMatchOneProcess() throws Exception {
        // 8 rows over 3 ranks: parts of 2, 3 and 3, so the example weighting matters; 7-float buckets cut through
        // tensors, so with overlap most buckets leave while backward still runs.
        checkBothWays(() -> tcpRing(3), 8, 7);
    }

    @Test
    void overlapIsOnUnlessTheEnvironmentSaysZero() {
        assertTrue(DistributedTraining.overlapFromEnvironment(Map.of()));
        assertTrue(DistributedTraining.overlapFromEnvironment(Map.of(DistributedTraining.OVERLAP_VARIABLE, "1")));
        assertFalse(DistributedTraining.overlapFromEnvironment(Map.of(DistributedTraining.OVERLAP_VARIABLE, "0")));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> DistributedTraining.overlapFromEnvironment(Map.of(DistributedTraining.OVERLAP_VARIABLE, "yes")));
        assertTrue(
                e.getMessage().contains("JGRAD_DIST_OVERLAP") && e.getMessage().contains("yes"), e.getMessage());
    }

    /** A rank whose all-reduce calls count down a latch, so a test can see when the first one came. */
    static Communicator countingCalls(Communicator inner, CountDownLatch firstCall) {
        return new Communicator() {
            public int rank() {
                return inner.rank();
            }

            public int worldSize() {
                return inner.worldSize();
            }

            public void allReduce(float[] data, int offset, int length, Reduction reduction) {
                firstCall.countDown();
                inner.allReduce(data, offset, length, reduction);
            }

            public void broadcast(float[] data, int offset, int length, int root) {
                inner.broadcast(data, offset, length, root);
            }

            public void barrier() {
                inner.barrier();
            }

            public void close() {
                inner.close();
            }
        };
    }

    @Test
    void withOverlapTheLastLayersBucketIsSentBeforeBackwardReachesTheFirstLayer() throws Exception {
        CountDownLatch firstCall = new CountDownLatch(1);
        Communicator rank = countingCalls(LocalCommunicator.group(1, 30_000).get(0), firstCall);
        Backend backend = new ReferenceBackend();
        Module model = mlp(1, backend);
        // 9 floats per bucket: the last layer's 8 weights and 1 bias fill the first bucket exactly.
        DistributedTraining dist = new DistributedTraining(rank, model, model.parameters(), 9, 0, true);
        float[][] b = batch(0, 4);
        Tensor loss = Losses.mse(model.forward(Tensor.of(backend, b[0], 4, IN)), Tensor.of(backend, b[1], 4, 1));
        Tensor firstLayerWeight = model.parameters().get(0);
        boolean[] sentBefore = {false};
        GradientListener listener = dist.startGradients(4);
        Graph.backward(loss, leaf -> {
            if (leaf == firstLayerWeight) {
                try {
                    sentBefore[0] = firstCall.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            listener.gradientReady(leaf);
        });
        dist.finishGradients(4);
        assertTrue(sentBefore[0], "an all-reduce started before the first layer's gradient was final");
    }

    @Test
    void ranksThatDisagreeOnOverlapAreRefused() {
        List<Communicator> group = LocalCommunicator.group(2, 30_000);
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> Ranks.run(group, c -> {
                    Module model = mlp(1, new ReferenceBackend());
                    new DistributedTraining(c, model, model.parameters(), 7, 0, c.rank() == 0).broadcastInitialState();
                    return null;
                }));
        assertTrue(e.getMessage().contains("1 of 2 ranks overlap"), e.getMessage());
    }

    private static List<Communicator> tcpRing(int size) {
        try {
            return Ranks.tcpRing(size, 30_000);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void batchNormStatisticsAreRankZerosAfterEveryStep() throws Exception {
        List<Communicator> group = LocalCommunicator.group(2, 30_000);
        List<float[]> statistics = Ranks.run(group, c -> {
            Backend backend = new ReferenceBackend();
            Module model = new Sequential(
                            new Conv2d(1, 2, 3, 1, 1, false, 3),
                            new BatchNorm2d(2),
                            new GlobalAvgPool(),
                            new Dense(2, 1, 4))
                    .to(backend);
            DistributedTraining dist = new DistributedTraining(c, model, model.parameters());
            dist.broadcastInitialState();
            Random random = new Random(c.rank()); // each rank its own images: its batch statistics differ
            float[] images = new float[2 * 5 * 5];
            for (int i = 0; i < images.length; i++) images[i] = (float) random.nextGaussian() + c.rank();
            Losses.mse(model.forward(Tensor.of(backend, images, 2, 1, 5, 5)), Tensor.zeros(backend, 2, 1))
                    .backward();
            dist.averageGradients(2);
            dist.stepDone(1, 1);
            return model.stateDict().get("1.running_mean").toArray();
        });
        assertTrue(statistics.get(0)[0] != 0f, "the running mean moved");
        assertArrayEquals(statistics.get(0), statistics.get(1), 0f, "rank 1 holds rank 0's running statistics");
    }

    @Test
    void driftedReplicasAreCaughtAndNamed() {
        List<Communicator> group = LocalCommunicator.group(3, 30_000);
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> Ranks.run(group, c -> {
                    Module model = mlp(
                            c.rank() == 2 ? 5 : 1, new ReferenceBackend()); // rank 2 differs, and nothing is broadcast
                    new DistributedTraining(c, model, model.parameters()).verifyReplicas("at the start");
                    return null;
                }));
        assertTrue(e.getMessage().contains("rank(s) [2]") && e.getMessage().contains("at the start"), e.getMessage());
    }
}
