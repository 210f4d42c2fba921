package org.jgrad.dist;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.jgrad.autograd.GradientListener;
import org.jgrad.nn.Module;
import org.jgrad.tensor.Tensor;
import org.jgrad.tensor.TensorInternals;

/**
 * What a data-parallel training loop adds to each rank's loop (the recipe of PyTorch's
 * DistributedDataParallel):
 * <ol>
 *   <li>{@link #broadcastInitialState()} once, before training: every rank takes rank 0's
 *       parameters and buffers (batch-norm running statistics), so all copies start equal;</li>
 *   <li>{@link #averageGradients(int)} after each backward pass, before the optimizer step: all
 *       gradients, laid end to end, are all-reduced in buckets of {@link #bucketFloats()} floats;
 *       the result is the gradient of the mean loss over all ranks' examples, so the same optimizer
 *       step follows on every rank and the copies stay equal. With overlap (the default;
 *       {@code JGRAD_DIST_OVERLAP=0} turns it off) the loop instead passes
 *       {@link #startGradients(int)}'s listener to backward, so each bucket's all-reduce starts on
 *       a communication thread as soon as its gradients are final, and calls
 *       {@link #finishGradients(int)} after backward;</li>
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

    /**
     * With overlap, the first bucket (the last layers' gradients) holds at most 1 MB, as in
     * DistributedDataParallel: sent early, it lets a model smaller than one full bucket overlap too.
     */
    public static final int FIRST_BUCKET_FLOATS = 1024 * 1024 / 4;

    /** The environment variable that turns overlap off ("0") or on ("1", the default). */
    public static final String OVERLAP_VARIABLE = "JGRAD_DIST_OVERLAP";

    private final Communicator communicator;
    private final Module model;
    private final List<Tensor> trainable;
    private final List<Tensor> buffers = new ArrayList<>();
    private final int bucketFloats;
    private final int verifyEvery;
    private final int gradientFloats;
    private float[] flat;
    private long steps;
    private final Overlap overlap; // null: gradients are all-reduced after backward

    /**
     * @param trainable    the parameters the optimizer updates (same list, same order on every rank)
     * @param bucketFloats floats per all-reduce call
     * @param verifyEvery  steps between parameter checks; 0 = never
     * @param overlap      whether {@link #startGradients(int)} overlaps the all-reduce with backward
     */
    public DistributedTraining(
            Communicator communicator,
            Module model,
            List<Tensor> trainable,
            int bucketFloats,
            int verifyEvery,
            boolean overlap) {
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
        this.overlap = overlap ? new Overlap() : null;
    }

    /** Overlap as {@value #OVERLAP_VARIABLE} says. */
    public DistributedTraining(
            Communicator communicator, Module model, List<Tensor> trainable, int bucketFloats, int verifyEvery) {
        this(communicator, model, trainable, bucketFloats, verifyEvery, overlapFromEnvironment(System.getenv()));
    }

    public DistributedTraining(Communicator communicator, Module model, List<Tensor> trainable) {
        this(communicator, model, trainable, DEFAULT_BUCKET_FLOATS, DEFAULT_VERIFY_EVERY);
    }

    /** {@value #OVERLAP_VARIABLE}: unset or "1" = overlap, "0" = all-reduce after backward. */
    static boolean overlapFromEnvironment(Map<String, String> environment) {
        String value = environment.get(OVERLAP_VARIABLE);
        if (value == null || value.equals("1")) return true;
        if (value.equals("0")) return false;
        throw new IllegalArgumentException(OVERLAP_VARIABLE + " must be 0 or 1, got '" + value + "'");
    }

    /** Whether {@link #startGradients(int)} overlaps the all-reduce with backward. */
    public boolean overlaps() {
        return overlap != null;
    }

    public Communicator communicator() {
        return communicator;
    }

    public int bucketFloats() {
        return bucketFloats;
    }

    /**
     * Every rank's parameters and buffers become rank 0's. First the ranks check that they all
     * overlap or all do not: the two ways lay the gradients out differently, so mixing them would
     * sum unrelated numbers.
     */
    public void broadcastInitialState() {
        float[] overlapping = {overlaps() ? 1 : 0};
        communicator.allReduce(overlapping, Communicator.Reduction.SUM);
        int world = communicator.worldSize();
        if (overlapping[0] != 0 && overlapping[0] != world) {
            throw new IllegalStateException("rank " + communicator.rank() + ": " + (int) overlapping[0] + " of " + world
                    + " ranks overlap the all-reduce with backward and the others do not; set " + OVERLAP_VARIABLE
                    + " alike for every rank");
        }
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

    /**
     * Starts a step whose all-reduce overlaps backward: pass the listener to
     * {@code Graph.backward(loss, listener)}, then call {@link #finishGradients(int)}. Without
     * overlap it returns null (backward runs plainly and finishGradients does it all).
     *
     * @param localExamples this rank's examples in the step, which weight its gradients
     * @return the listener for this step's backward, or null
     */
    public GradientListener startGradients(int localExamples) {
        if (localExamples < 0) throw new IllegalArgumentException("localExamples must be >= 0, got " + localExamples);
        if (overlap == null) return null;
        overlap.start(localExamples);
        return overlap::gradientReady;
    }

    /**
     * After backward: the step's gradients become the example-weighted mean over all ranks, as
     * {@link #averageGradients(int)} makes them. After {@link #startGradients(int)} this waits for the
     * buckets already sent and sends the rest; otherwise it is averageGradients.
     *
     * @param localExamples this rank's examples in the step (the same as given to startGradients)
     */
    public void finishGradients(int localExamples) {
        if (overlap == null || !overlap.started) averageGradients(localExamples);
        else overlap.finish();
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

    /**
     * The overlapped all-reduce. Its flat buffer lays the gradients out in reverse parameter order
     * (the order backward finishes them: last layer first), cut into buckets; a bucket is sent once
     * all of its gradients are final. Buckets go out strictly in order, one at a time, on one
     * communication thread, so every rank makes the same calls in the same order whatever the
     * timing; the first bucket is at most {@link #FIRST_BUCKET_FLOATS}. The layout is fixed, so ranks agree on it even if their graphs finish in another order.
     */
    private final class Overlap {
        final Map<Tensor, Integer> indexOf = new IdentityHashMap<>();
        final int[] offset; // of each trainable parameter in the flat buffer
        final int firstBucketFloats, bucketCount;
        final int[] paramsPerBucket; // parameters overlapping each bucket
        final int[] notReady;
        final boolean[] ready;
        final float[] buffer;
        final ThreadPoolExecutor sender;
        final List<Future<?>> sent = new ArrayList<>();
        boolean started;
        int localExamples, nextBucket;

        Overlap() {
            int n = trainable.size();
            offset = new int[n];
            int at = 0;
            for (int i = n - 1; i >= 0; i--) {
                offset[i] = at;
                at += trainable.get(i).size();
                indexOf.put(trainable.get(i), i);
            }
            firstBucketFloats = Math.min(bucketFloats, FIRST_BUCKET_FLOATS);
            bucketCount = gradientFloats == 0 ? 0 : bucketOf(gradientFloats - 1) + 1;
            paramsPerBucket = new int[bucketCount];
            for (int i = 0; i < n; i++) {
                if (trainable.get(i).size() == 0) continue;
                for (int b = firstBucket(i); b <= lastBucket(i); b++) paramsPerBucket[b]++;
            }
            notReady = new int[bucketCount];
            ready = new boolean[n];
            buffer = new float[gradientFloats + n + 1]; // gradients, presence flags, example count
            sender = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
                Thread t = new Thread(task, "jgrad all-reduce, rank " + communicator.rank());
                t.setDaemon(true);
                return t;
            });
            sender.allowCoreThreadTimeOut(true);
        }

        /** The bucket of the float at {@code position}: a first one of firstBucketFloats, then of bucketFloats. */
        int bucketOf(int position) {
            return position < firstBucketFloats ? 0 : 1 + (position - firstBucketFloats) / bucketFloats;
        }

        /** Where {@code bucket} starts; gradientFloats for the one after the last. */
        int bucketStart(int bucket) {
            long start = bucket == 0 ? 0 : firstBucketFloats + (long) (bucket - 1) * bucketFloats;
            return (int) Math.min(start, gradientFloats);
        }

        int firstBucket(int i) {
            return bucketOf(offset[i]);
        }

        int lastBucket(int i) {
            return bucketOf(offset[i] + trainable.get(i).size() - 1);
        }

        void start(int examples) {
            awaitSent(); // a step that failed half-way may have left some running
            localExamples = examples;
            Arrays.fill(buffer, 0f);
            Arrays.fill(ready, false);
            System.arraycopy(paramsPerBucket, 0, notReady, 0, bucketCount);
            nextBucket = 0;
            started = true;
        }

        /** On backward's thread: copy the final gradient, weighted, and send the buckets it completes. */
        void gradientReady(Tensor leaf) {
            Integer i = indexOf.get(leaf);
            if (i == null || ready[i]) return; // not trained (a frozen layer, the input)
            ready[i] = true;
            Tensor g = leaf.grad();
            if (g != null) {
                float[] values = g.toArray();
                for (int j = 0; j < values.length; j++) buffer[offset[i] + j] = values[j] * localExamples;
                buffer[gradientFloats + i] = 1;
            }
            if (leaf.size() > 0) for (int b = firstBucket(i); b <= lastBucket(i); b++) notReady[b]--;
            while (nextBucket < bucketCount && notReady[nextBucket] == 0) send(nextBucket++);
        }

        void send(int bucket) {
            int from = bucketStart(bucket), length = bucketStart(bucket + 1) - from;
            sent.add(sender.submit(() -> communicator.allReduce(buffer, from, length, Communicator.Reduction.SUM)));
        }

        void finish() {
            started = false;
            // Parameters backward never reached (not in this loss's graph) count as zero gradients.
            for (int i = 0; i < trainable.size(); i++) if (!ready[i]) gradientReady(trainable.get(i));
            awaitSent();
            int n = trainable.size();
            buffer[gradientFloats + n] = localExamples;
            for (int from = gradientFloats; from < buffer.length; from += bucketFloats) {
                communicator.allReduce(
                        buffer, from, Math.min(bucketFloats, buffer.length - from), Communicator.Reduction.SUM);
            }
            float totalExamples = buffer[gradientFloats + n];
            if (totalExamples == 0)
                throw new IllegalStateException("finishGradients: no rank had any example in this step");
            for (int i = 0; i < n; i++) {
                Tensor p = trainable.get(i);
                if (buffer[gradientFloats + i] == 0) continue;
                for (int j = offset[i]; j < offset[i] + p.size(); j++) buffer[j] /= totalExamples;
                if (p.grad() == null)
                    TensorInternals.accumulateGrad(
                            p,
                            Tensor.of(
                                    p.backend(),
                                    Arrays.copyOfRange(buffer, offset[i], offset[i] + p.size()),
                                    p.shape()));
                else p.grad().copyFrom(buffer, offset[i]);
            }
        }

        /** Waits for every bucket sent; a failed all-reduce fails here, as it would have on backward's thread. */
        void awaitSent() {
            try {
                for (Future<?> f : sent) f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CommunicationException("interrupted while waiting for the gradients' all-reduce", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) throw r;
                throw new IllegalStateException("the gradients' all-reduce failed", e.getCause());
            } finally {
                sent.clear();
            }
        }
    }
}
