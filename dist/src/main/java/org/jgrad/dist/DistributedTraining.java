package org.jgrad.dist;

import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.jgrad.nn.Module;
import org.jgrad.tensor.Tensor;
import org.jgrad.tensor.TensorInternals;

/**
 * What a data-parallel training loop adds to each rank's loop (the recipe of PyTorch's
 * DistributedDataParallel, without overlapping communication with backward):
 * <ol>
 *   <li>{@link #broadcastInitialState()} once, before training: every rank takes rank 0's
 *       parameters and buffers (batch-norm running statistics), so all copies start equal;</li>
 *   <li>{@link #averageGradients(int)} after each backward pass, before the optimizer step: all
 *       gradients, laid end to end, are all-reduced in buckets of {@link #bucketFloats()} floats;
 *       the result is the gradient of the mean loss over all ranks' examples, so the same optimizer
 *       step follows on every rank and the copies stay equal;</li>
 *   <li>{@link #stepDone(int, long)} after the optimizer step: rank 0's buffers are copied to all
 *       ranks, and every {@code verifyEvery} steps the ranks compare checksums of their parameters
 *       and fail, naming the ranks, if they drifted apart.</li>
 * </ol>
 * Batch-norm normalises each rank's own part of the batch (as DistributedDataParallel without
 * SyncBatchNorm), so with batch-norm W ranks are close to, not equal to, one process on the whole
 * batch; the running statistics kept are rank 0's (DistributedDataParallel's broadcast_buffers).
 */
public final class DistributedTraining {
    /** 25 MB, DistributedDataParallel's default bucket size. */
    public static final int DEFAULT_BUCKET_FLOATS = 25 * 1024 * 1024 / 4;

    public static final int DEFAULT_VERIFY_EVERY = 100;

    private final Communicator communicator;
    private final Module model;
    private final List<Tensor> trainable;
    private final List<Tensor> buffers = new ArrayList<>();
    private final int bucketFloats;
    private final int verifyEvery;
    private final int gradientFloats;
    private float[] flat;
    private long steps;

    /**
     * @param trainable    the parameters the optimizer updates (same list, same order on every rank)
     * @param bucketFloats floats per all-reduce call
     * @param verifyEvery  steps between parameter checks; 0 = never
     */
    public DistributedTraining(
            Communicator communicator, Module model, List<Tensor> trainable, int bucketFloats, int verifyEvery) {
        if (bucketFloats < 1) throw new IllegalArgumentException("bucket size must be >= 1 float, got " + bucketFloats);
        if (verifyEvery < 0) throw new IllegalArgumentException("verifyEvery must be >= 0, got " + verifyEvery);
        this.communicator = communicator;
        this.model = model;
        this.trainable = List.copyOf(trainable);
        this.bucketFloats = bucketFloats;
        this.verifyEvery = verifyEvery;
        long total = 0;
        for (Tensor p : this.trainable) total += p.size();
        if (total + this.trainable.size() + 1 > Integer.MAX_VALUE - 8)
            throw new IllegalArgumentException("too many parameters for one flat buffer: " + total);
        this.gradientFloats = (int) total;
        var parameters = model.namedParameters();
        model.stateDict().forEach((name, t) -> {
            if (!parameters.containsKey(name)) buffers.add(t);
        });
    }

    public DistributedTraining(Communicator communicator, Module model, List<Tensor> trainable) {
        this(communicator, model, trainable, DEFAULT_BUCKET_FLOATS, DEFAULT_VERIFY_EVERY);
    }

    public Communicator communicator() {
        return communicator;
    }

    public int bucketFloats() {
        return bucketFloats;
    }

    /** Every rank's parameters and buffers become rank 0's. */
    public void broadcastInitialState() {
        broadcast(new ArrayList<>(model.stateDict().values()));
    }

    /** Every rank's buffers (batch-norm running statistics) become rank 0's. */
    public void broadcastBuffers() {
        if (!buffers.isEmpty()) broadcast(buffers);
    }

    private void broadcast(List<Tensor> state) {
        long total = 0;
        for (Tensor t : state) total += t.size();
        float[] values = new float[Math.toIntExact(total)];
        pack(state, values);
        for (int from = 0; from < values.length; from += bucketFloats) {
            communicator.broadcast(values, from, Math.min(bucketFloats, values.length - from), 0);
        }
        int at = 0;
        for (Tensor t : state) {
            t.copyFrom(values, at);
            at += t.size();
        }
    }

    /**
     * Replaces every trainable parameter's gradient by the example-weighted mean over all ranks:
     * Σ_r n_r · g_r / Σ_r n_r, where this rank's gradient g_r is of its mean loss over
     * {@code localExamples} examples. With equal parts this is the plain mean; with unequal ones it
     * is still exactly the gradient of the mean loss over all examples. A parameter with no gradient
     * on this rank counts as zero; one with no gradient on any rank keeps none.
     */
    public void averageGradients(int localExamples) {
        if (localExamples < 0) throw new IllegalArgumentException("localExamples must be >= 0, got " + localExamples);
        int n = trainable.size();
        // Layout: all gradients end to end, then one presence flag per parameter, then the example count.
        if (flat == null) flat = new float[gradientFloats + n + 1];
        java.util.Arrays.fill(flat, 0f);
        int at = 0;
        for (int i = 0; i < n; i++) {
            Tensor p = trainable.get(i);
            Tensor g = p.grad();
            if (g != null) {
                float[] values = g.toArray();
                for (int j = 0; j < values.length; j++) flat[at + j] = values[j] * localExamples;
                flat[gradientFloats + i] = 1;
            }
            at += p.size();
        }
        flat[gradientFloats + n] = localExamples;
        for (int from = 0; from < flat.length; from += bucketFloats) {
            communicator.allReduce(flat, from, Math.min(bucketFloats, flat.length - from), Communicator.Reduction.SUM);
        }
        float totalExamples = flat[gradientFloats + n];
        if (totalExamples == 0)
            throw new IllegalStateException("averageGradients: no rank had any example in this step");
        at = 0;
        for (int i = 0; i < n; i++) {
            Tensor p = trainable.get(i);
            if (flat[gradientFloats + i] > 0) {
                for (int j = at; j < at + p.size(); j++) flat[j] /= totalExamples;
                if (p.grad() == null)
                    TensorInternals.accumulateGrad(
                            p,
                            Tensor.of(p.backend(), java.util.Arrays.copyOfRange(flat, at, at + p.size()), p.shape()));
                else p.grad().copyFrom(flat, at);
            }
            at += p.size();
        }
    }

    /** After an optimizer step: copies rank 0's buffers; every {@code verifyEvery} steps checks that all ranks hold the same parameters. */
    public void stepDone(int epoch, long step) {
        broadcastBuffers();
        steps++;
        if (verifyEvery > 0 && steps % verifyEvery == 0) verifyReplicas("after step " + step + " of epoch " + epoch);
    }

    /**
     * Fails with the differing ranks named unless every rank's trainable parameters are bit for bit
     * rank 0's. Each rank writes its CRC-32 into its own slots of a zeroed buffer, in 16-bit halves
     * (exact in a float), and a sum all-reduce hands every rank all checksums.
     */
    public void verifyReplicas(String when) {
        CRC32 crc = new CRC32();
        for (Tensor p : trainable) {
            for (float v : p.toArray()) {
                int bits = Float.floatToRawIntBits(v);
                crc.update(bits);
                crc.update(bits >>> 8);
                crc.update(bits >>> 16);
                crc.update(bits >>> 24);
            }
        }
        int world = communicator.worldSize(), rank = communicator.rank();
        float[] sums = new float[2 * world];
        long mine = crc.getValue();
        sums[2 * rank] = mine >>> 16;
        sums[2 * rank + 1] = mine & 0xffff;
        communicator.allReduce(sums, Communicator.Reduction.SUM);
        List<Integer> differing = new ArrayList<>();
        long first = checksum(sums, 0);
        for (int r = 1; r < world; r++) if (checksum(sums, r) != first) differing.add(r);
        if (!differing.isEmpty()) {
            throw new IllegalStateException("the ranks' parameters differ " + when + ": rank(s) " + differing
                    + " do not match rank 0 (checksums " + checksums(sums, world) + "); data-parallel training needs"
                    + " the same model, optimizer and settings on every rank");
        }
    }

    private static long checksum(float[] sums, int rank) {
        return ((long) sums[2 * rank] << 16) | (long) sums[2 * rank + 1];
    }

    private static String checksums(float[] sums, int world) {
        StringBuilder b = new StringBuilder();
        for (int r = 0; r < world; r++) b.append(r == 0 ? "" : ", ").append(String.format("%08x", checksum(sums, r)));
        return b.toString();
    }

    private static void pack(List<Tensor> tensors, float[] into) {
        int at = 0;
        for (Tensor t : tensors) {
            float[] values = t.toArray();
            System.arraycopy(values, 0, into, at, values.length);
            at += values.length;
        }
    }
}
