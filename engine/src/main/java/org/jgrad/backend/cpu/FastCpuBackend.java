package org.jgrad.backend.cpu;

import org.jgrad.backend.Backend;
import org.jgrad.backend.BinaryOp;
import org.jgrad.backend.ConvGeometry;
import org.jgrad.backend.PoolGeometry;
import org.jgrad.backend.Storage;
import org.jgrad.backend.UnaryOp;

/**
 * The fast CPU backend ("cpu"): every kernel of {@link Backend} routed, one line each, either to
 * {@link FastCpuKernels} (vectorised with {@code jdk.incubator.vector}, cache-blocked and
 * multi-threaded) or to the {@link ReferenceBackend}'s loop, with the reason that one is fast
 * enough. Memory is {@link CpuStorage} as in the reference backend, so tensors pass freely
 * between the two.
 *
 * <p>When the JVM runs without the vector module (see {@link VectorModule}) the backend prints one
 * line saying so and its fast kernels are the reference ones too: slower, never wrong.
 *
 * <pre>{@code
 * Backends.setDefault(FastCpuBackend.shared());               // all cores
 * Backends.setDefault(FastCpuBackend.shared().setThreads(1));  // one thread
 * Backends.setDefault(new FastCpuBackend(2));                  // a separate instance with 2 threads
 * }</pre>
 */
public class FastCpuBackend implements Backend {
    private static FastCpuBackend shared;

    private final CpuMemory memory = new CpuMemory(this);
    private final ReferenceBackend reference = new ReferenceBackend();
    private final Parallel parallel;
    /** The kernels this backend speeds up: {@link FastCpuKernels}, or {@link #reference} without the vector module. */
    private final HotKernels fast;

    /** Uses one thread per available processor. */
    public FastCpuBackend() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /**
     * A backend whose kernels use {@code threads} threads.
     *
     * @param threads threads per kernel call, the caller included (1 = serial)
     */
    public FastCpuBackend(int threads) {
        this(threads, Tuning.CONV_ALGORITHM);
    }

    /** With the convolution algorithm forced ("direct", "im2col") or chosen per layer ("auto"): for tests and comparisons. */
    FastCpuBackend(int threads, String convAlgorithm) {
        boolean vectorised = VectorModule.usable();
        VectorModule.noticeOnceIfUnusable();
        this.parallel = new Parallel(threads);
        this.fast = vectorised ? new FastCpuKernels(parallel, convAlgorithm) : reference;
    }

    @Override
    public String name() {
        return "cpu";
    }

    /**
     * The process-wide instance ({@code --device cpu}), with one thread per available processor
     * until {@link #setThreads} says otherwise.
     *
     * @return the shared backend
     */
    public static synchronized FastCpuBackend shared() {
        if (shared == null) shared = new FastCpuBackend();
        return shared;
    }

    /**
     * Threads a kernel may use, the caller included.
     *
     * @return at least 1
     */
    public int threads() {
        return parallel.threads();
    }

    /**
     * Sets the threads kernels may use, the caller included (e.g. from {@code --threads}); 1 = serial.
     *
     * @param threads at least 1
     * @return this backend
     * @throws IllegalArgumentException if threads is below 1
     */
    public FastCpuBackend setThreads(int threads) {
        parallel.setThreads(threads);
        return this;
    }

    /**
     * Whether the vector kernels run.
     *
     * @return true when they do; false when this backend falls back to the reference loops
     */
    public boolean vectorised() {
        return fast != reference;
    }

    /**
     * One line for logs and reports, e.g. "cpu: 2 threads, 512-bit vectors (16 floats)".
     *
     * @return the line
     */
    public String describe() {
        return name() + ": " + threads() + " threads, " + VectorModule.describe();
    }

    @Override
    public String toString() {
        return describe();
    }

    // ---------------------------------------------------------------- rows by index

    @Override
    public void gatherRows(Storage out, Storage in, int[] rowIndices, int inRows, int rowLength) {
        fast.gatherRows(out, in, rowIndices, inRows, rowLength);
    }

    @Override
    public void scatterAddRows(Storage dIn, Storage dOut, int[] rowIndices, int inRows, int rowLength) {
        fast.scatterAddRows(dIn, dOut, rowIndices, inRows, rowLength);
    }

    // ---------------------------------------------------------------- memory: this backend's own arrays

    @Override
    public Storage allocate(int size) {
        return memory.allocate(size);
    }

    @Override
    public Storage allocateUninitialized(int size) {
        return memory.allocateUninitialized(size);
    }

    @Override
    public void release(Storage s) {
        memory.release(s);
    }

    @Override
    public Storage upload(float[] data) {
        return memory.upload(data);
    }

    // System.arraycopy and Arrays.fill already run at memory speed.
    @Override
    public void download(Storage src, int offset, float[] dst, int count) {
        reference.download(src, offset, dst, count);
    }

    @Override
    public void copyBlocks(
            Storage dst,
            int dstOffset,
            int dstStride,
            Storage src,
            int srcOffset,
            int srcStride,
            int rows,
            int rowLength) {
        reference.copyBlocks(dst, dstOffset, dstStride, src, srcOffset, srcStride, rows, rowLength);
    }

    @Override
    public void fill(Storage out, float value, int n) {
        reference.fill(out, value, n);
    }

    // ---------------------------------------------------------------- elementwise

    @Override
    public void unary(UnaryOp op, Storage out, Storage in, float alpha, int n) {
        fast.unary(op, out, in, alpha, n);
    }

    @Override
    public void unaryBackward(UnaryOp op, Storage dIn, Storage dOut, Storage in, Storage out, float alpha, int n) {
        fast.unaryBackward(op, dIn, dOut, in, out, alpha, n);
    }

    @Override
    public void binary(BinaryOp op, Storage out, Storage a, int[] aStrides, Storage b, int[] bStrides, int[] outShape) {
        fast.binary(op, out, a, aStrides, b, bStrides, outShape);
    }

    @Override
    public void axpy(Storage y, float alpha, Storage x, int n) {
        fast.axpy(y, alpha, x, n);
    }

    @Override
    public void reduceSum(Storage out, int outSize, int[] outStrides, Storage in, int[] inShape) {
        fast.reduceSum(out, outSize, outStrides, in, inShape);
    }

    @Override
    public double sumOfSquares(Storage in, int n) {
        return fast.sumOfSquares(in, n);
    }

    // Not vectorised: the CNNs never permute; in user code it is one copy per element, memory-bound either way.
    @Override
    public void permute(Storage out, Storage in, int[] inShape, int[] perm) {
        reference.permute(out, in, inShape, perm);
    }

    // ---------------------------------------------------------------- matrix product

    @Override
    public void gemm(
            boolean transA,
            boolean transB,
            int m,
            int n,
            int k,
            float alpha,
            Storage a,
            int aOffset,
            int lda,
            Storage b,
            int bOffset,
            int ldb,
            float beta,
            Storage c,
            int cOffset,
            int ldc) {
        fast.gemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
    }

    // ---------------------------------------------------------------- convolution

    @Override
    public void conv2dForward(Storage output, Storage input, Storage weight, Storage bias, ConvGeometry g) {
        fast.conv2dForward(output, input, weight, bias, g);
    }

    @Override
    public void conv2dForwardRelu(
            Storage output, Storage input, Storage weight, Storage bias, ConvGeometry g, PoolGeometry pool) {
        if (pool != null) Backend.requirePoolFits(g, pool);
        fast.conv2dForwardRelu(output, input, weight, bias, g, pool);
    }

    @Override
    public boolean fusesConvPoolTraining() {
        return true;
    }

    @Override
    public void conv2dForwardReluIndexed(
            Storage output,
            Storage windowIndex,
            Storage input,
            Storage weight,
            Storage bias,
            ConvGeometry g,
            PoolGeometry pool) {
        Backend.requirePoolFits(g, pool);
        fast.conv2dForwardReluIndexed(output, windowIndex, input, weight, bias, g, pool);
    }

    @Override
    public void maxPoolReluBackward(
            Storage dInput, Storage dOutput, Storage output, Storage windowIndex, PoolGeometry pool) {
        fast.maxPoolReluBackward(dInput, dOutput, output, windowIndex, pool);
    }

    @Override
    public void conv2dBackwardData(Storage dInput, Storage dOutput, Storage weight, ConvGeometry g) {
        fast.conv2dBackwardData(dInput, dOutput, weight, g);
    }

    @Override
    public void conv2dBackwardFilter(Storage dWeight, Storage dBias, Storage dOutput, Storage input, ConvGeometry g) {
        fast.conv2dBackwardFilter(dWeight, dBias, dOutput, input, g);
    }

    // ---------------------------------------------------------------- pooling

    @Override
    public void maxPoolForward(Storage output, Storage input, PoolGeometry g) {
        fast.maxPoolForward(output, input, g);
    }

    @Override
    public void maxPoolBackward(Storage dInput, Storage dOutput, Storage input, PoolGeometry g) {
        fast.maxPoolBackward(dInput, dOutput, input, g);
    }

    @Override
    public void avgPoolForward(Storage output, Storage input, PoolGeometry g) {
        fast.avgPoolForward(output, input, g);
    }

    @Override
    public void avgPoolBackward(Storage dInput, Storage dOutput, PoolGeometry g) {
        fast.avgPoolBackward(dInput, dOutput, g);
    }

    // ---------------------------------------------------------------- batch norm

    @Override
    public void batchNormForwardTraining(
            Storage output,
            Storage saveMean,
            Storage saveInvStd,
            Storage runningMean,
            Storage runningVar,
            Storage input,
            Storage gamma,
            Storage beta,
            int n,
            int channels,
            int spatial,
            float momentum,
            float eps) {
        fast.batchNormForwardTraining(
                output,
                saveMean,
                saveInvStd,
                runningMean,
                runningVar,
                input,
                gamma,
                beta,
                n,
                channels,
                spatial,
                momentum,
                eps);
    }

    @Override
    public void batchNormForwardInference(
            Storage output,
            Storage input,
            Storage gamma,
            Storage beta,
            Storage runningMean,
            Storage runningVar,
            int n,
            int channels,
            int spatial,
            float eps) {
        fast.batchNormForwardInference(output, input, gamma, beta, runningMean, runningVar, n, channels, spatial, eps);
    }

    @Override
    public void batchNormBackward(
            Storage dInput,
            Storage dGamma,
            Storage dBeta,
            Storage dOutput,
            Storage input,
            Storage gamma,
            Storage saveMean,
            Storage saveInvStd,
            int n,
            int channels,
            int spatial) {
        fast.batchNormBackward(
                dInput, dGamma, dBeta, dOutput, input, gamma, saveMean, saveInvStd, n, channels, spatial);
    }

    @Override
    public void batchNormReluForwardTraining(
            Storage output,
            Storage saveMean,
            Storage saveInvStd,
            Storage runningMean,
            Storage runningVar,
            Storage input,
            Storage gamma,
            Storage beta,
            int n,
            int channels,
            int spatial,
            float momentum,
            float eps) {
        fast.batchNormReluForwardTraining(
                output,
                saveMean,
                saveInvStd,
                runningMean,
                runningVar,
                input,
                gamma,
                beta,
                n,
                channels,
                spatial,
                momentum,
                eps);
    }

    @Override
    public void batchNormReluBackward(
            Storage dInput,
            Storage dGamma,
            Storage dBeta,
            Storage dOutput,
            Storage output,
            Storage input,
            Storage gamma,
            Storage saveMean,
            Storage saveInvStd,
            int n,
            int channels,
            int spatial) {
        fast.batchNormReluBackward(
                dInput, dGamma, dBeta, dOutput, output, input, gamma, saveMean, saveInvStd, n, channels, spatial);
    }

    // ---------------------------------------------------------------- softmax: not vectorised, not in the CNNs (one
    // logit each)

    @Override
    public void softmaxForward(Storage out, Storage in, int rows, int cols, boolean log) {
        reference.softmaxForward(out, in, rows, cols, log);
    }

    @Override
    public void softmaxBackward(Storage dIn, Storage dOut, Storage out, int rows, int cols, boolean log) {
        reference.softmaxBackward(dIn, dOut, out, rows, cols, log);
    }

    // ---------------------------------------------------------------- losses: not vectorised, one value per image

    @Override
    public void bceWithLogitsForward(Storage loss, Storage logits, Storage targets, float posWeight, int n) {
        reference.bceWithLogitsForward(loss, logits, targets, posWeight, n);
    }

    @Override
    public void bceWithLogitsBackward(
            Storage dLogits, Storage logits, Storage targets, float posWeight, float scale, int n) {
        reference.bceWithLogitsBackward(dLogits, logits, targets, posWeight, scale, n);
    }

    @Override
    public void bceForward(Storage loss, Storage probs, Storage targets, float eps, int n) {
        reference.bceForward(loss, probs, targets, eps, n);
    }

    @Override
    public void bceBackward(Storage dProbs, Storage probs, Storage targets, float eps, float scale, int n) {
        reference.bceBackward(dProbs, probs, targets, eps, scale, n);
    }

    // ---------------------------------------------------------------- randomness

    // Not vectorised: one hash per element, and the models drop out only the pooled features before their classifier.
    @Override
    public void dropoutMask(Storage mask, float keep, long seed, int n) {
        reference.dropoutMask(mask, keep, seed, n);
    }

    // ---------------------------------------------------------------- optimizers

    @Override
    public void sgdUpdate(
            Storage param,
            Storage grad,
            Storage velocity,
            int n,
            float lr,
            float momentum,
            float weightDecay,
            boolean nesterov) {
        fast.sgdUpdate(param, grad, velocity, n, lr, momentum, weightDecay, nesterov);
    }

    @Override
    public void adamUpdate(
            Storage param,
            Storage grad,
            Storage m,
            Storage v,
            int n,
            float lr,
            float beta1,
            float beta2,
            float eps,
            float weightDecay,
            boolean decoupledWeightDecay,
            int step) {
        fast.adamUpdate(param, grad, m, v, n, lr, beta1, beta2, eps, weightDecay, decoupledWeightDecay, step);
    }
}
