package org.jgrad.backend.cpu;

import static org.jgrad.backend.cpu.CpuStorage.array;
import static org.jgrad.backend.cpu.CpuStorage.arrayOrNull;

import java.util.concurrent.atomic.AtomicBoolean;
import org.jgrad.backend.BinaryOp;
import org.jgrad.backend.ConvGeometry;
import org.jgrad.backend.PoolGeometry;
import org.jgrad.backend.Storage;
import org.jgrad.backend.UnaryOp;

/**
 * The fast CPU backend ("cpu"): the reference backend's kernels replaced by vectorised
 * ({@code jdk.incubator.vector}), cache-blocked and multi-threaded ones. Memory is the same
 * {@link CpuStorage} as the reference backend's, so tensors pass freely between the two.
 *
 * <p>When the JVM runs without the vector module (see {@link VectorModule}) the backend prints one
 * line saying so and every kernel falls back to the reference loop it overrides: slower, never wrong.
 * Kernels without a fast version here (permute, softmax, losses, ...) are the reference ones.
 *
 * <pre>{@code
 * Backends.setDefault(FastCpuBackend.shared());               // all cores
 * Backends.setDefault(FastCpuBackend.shared().setThreads(1));  // one thread
 * Backends.setDefault(new FastCpuBackend(2));                  // a separate instance with 2 threads
 * }</pre>
 */
public class FastCpuBackend extends ReferenceBackend {
    private static final AtomicBoolean NOTICE_GIVEN = new AtomicBoolean();
    private static FastCpuBackend shared;

    private final boolean vectorised;
    private final Parallel parallel;
    private final FastGemm gemm;
    private final FastConv conv;
    private final FastElementwise elementwise;
    private final FastPool pool;
    private final FastBatchNorm batchNorm;
    private final FastRows rows;

    /** Uses one thread per available processor. */
    public FastCpuBackend() { this(Runtime.getRuntime().availableProcessors()); }

    /** @param threads threads per kernel call, the caller included (1 = serial). */
    public FastCpuBackend(int threads) { this(threads, Tuning.CONV_ALGORITHM); }

    /** With the convolution algorithm forced ("direct", "im2col") or chosen per layer ("auto"): for tests and comparisons. */
    FastCpuBackend(int threads, String convAlgorithm) {
        this.vectorised = VectorModule.usable();
        if (!vectorised && NOTICE_GIVEN.compareAndSet(false, true)) {
            System.err.println("jgrad: fast CPU kernels off (" + VectorModule.reasonUnusable()
                    + "); using the reference loops. Start java with --add-modules jdk.incubator.vector for full speed.");
        }
        this.parallel = new Parallel(threads);
        // The kernel classes read VectorKernels' constants, so they are created only when it can load.
        this.gemm = vectorised ? new FastGemm(parallel) : null;
        this.conv = vectorised ? new FastConv(parallel, convAlgorithm) : null;
        this.elementwise = vectorised ? new FastElementwise(parallel) : null;
        this.pool = vectorised ? new FastPool(parallel) : null;
        this.batchNorm = vectorised ? new FastBatchNorm(parallel) : null;
        this.rows = vectorised ? new FastRows(parallel) : null;
    }

    @Override public String name() { return "cpu"; }

    /**
     * The process-wide instance ({@code --device cpu}), with one thread per available processor
     * until {@link #setThreads} says otherwise.
     */
    public static synchronized FastCpuBackend shared() {
        if (shared == null) shared = new FastCpuBackend();
        return shared;
    }

    /** Threads a kernel may use, the caller included. */
    public int threads() { return parallel.threads(); }

    /** Sets the threads kernels may use, the caller included (e.g. from {@code --threads}); 1 = serial. */
    public FastCpuBackend setThreads(int threads) {
        parallel.setThreads(threads);
        return this;
    }

    /** True when the vector kernels run; false when this backend falls back to the reference loops. */
    public boolean vectorised() { return vectorised; }

    /** One line for logs and reports, e.g. "cpu: 2 threads, 512-bit vectors (16 floats)". */
    public String describe() { return name() + ": " + threads() + " threads, " + VectorModule.describe(); }

    @Override public String toString() { return describe(); }

    // ---------------------------------------------------------------- rows by index

    @Override public void gatherRows(Storage out, Storage in, int[] rowIndices, int inRows, int rowLength) {
        if (!vectorised) { super.gatherRows(out, in, rowIndices, inRows, rowLength); return; }
        rows.gather(array(out), array(in), rowIndices, rowLength);
    }

    @Override public void scatterAddRows(Storage dIn, Storage dOut, int[] rowIndices, int inRows, int rowLength) {
        if (!vectorised) { super.scatterAddRows(dIn, dOut, rowIndices, inRows, rowLength); return; }
        rows.scatterAdd(array(dIn), array(dOut), rowIndices, rowLength);
    }

    // ---------------------------------------------------------------- elementwise

    @Override public void unary(UnaryOp op, Storage out, Storage in, float alpha, int n) {
        if (!vectorised) { super.unary(op, out, in, alpha, n); return; }
        elementwise.unary(op, array(out), array(in), alpha, n);
    }

    @Override public void unaryBackward(UnaryOp op, Storage dIn, Storage dOut, Storage in, Storage out, float alpha, int n) {
        if (!vectorised) { super.unaryBackward(op, dIn, dOut, in, out, alpha, n); return; }
        elementwise.unaryBackward(op, array(dIn), array(dOut), arrayOrNull(in), arrayOrNull(out), alpha, n);
    }

    @Override public void binary(BinaryOp op, Storage out, Storage a, int[] aStrides, Storage b, int[] bStrides, int[] outShape) {
        if (!vectorised) { super.binary(op, out, a, aStrides, b, bStrides, outShape); return; }
        elementwise.binary(op, array(out), array(a), aStrides, array(b), bStrides, outShape);
    }

    @Override public void axpy(Storage y, float alpha, Storage x, int n) {
        if (!vectorised) { super.axpy(y, alpha, x, n); return; }
        elementwise.axpy(array(y), alpha, array(x), n);
    }

    @Override public void reduceSum(Storage out, int outSize, int[] outStrides, Storage in, int[] inShape) {
        if (!vectorised) { super.reduceSum(out, outSize, outStrides, in, inShape); return; }
        elementwise.reduceSum(array(out), outSize, outStrides, array(in), inShape);
    }

    @Override public double sumOfSquares(Storage in, int n) {
        if (!vectorised) return super.sumOfSquares(in, n);
        return elementwise.sumOfSquares(array(in), n);
    }

    // ---------------------------------------------------------------- matrix product

    @Override public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                               Storage a, int aOffset, int lda, Storage b, int bOffset, int ldb,
                               float beta, Storage c, int cOffset, int ldc) {
        if (!vectorised) { super.gemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc); return; }
        gemm.gemm(transA, transB, m, n, k, alpha, array(a), aOffset, lda, array(b), bOffset, ldb, beta, array(c), cOffset, ldc);
    }

    // ---------------------------------------------------------------- convolution

    @Override public void conv2dForward(Storage output, Storage input, Storage weight, Storage bias, ConvGeometry g) {
        if (!vectorised) { super.conv2dForward(output, input, weight, bias, g); return; }
        conv.forward(array(output), array(input), array(weight), arrayOrNull(bias), g);
    }

    @Override public void conv2dBackwardData(Storage dInput, Storage dOutput, Storage weight, ConvGeometry g) {
        if (!vectorised) { super.conv2dBackwardData(dInput, dOutput, weight, g); return; }
        conv.backwardData(array(dInput), array(dOutput), array(weight), g);
    }

    @Override public void conv2dBackwardFilter(Storage dWeight, Storage dBias, Storage dOutput, Storage input, ConvGeometry g) {
        if (!vectorised) { super.conv2dBackwardFilter(dWeight, dBias, dOutput, input, g); return; }
        conv.backwardFilter(array(dWeight), arrayOrNull(dBias), array(dOutput), array(input), g);
    }

    // ---------------------------------------------------------------- pooling

    @Override public void maxPoolForward(Storage output, Storage input, PoolGeometry g) {
        if (!vectorised) { super.maxPoolForward(output, input, g); return; }
        pool.maxForward(array(output), array(input), g);
    }

    @Override public void maxPoolBackward(Storage dInput, Storage dOutput, Storage input, PoolGeometry g) {
        if (!vectorised) { super.maxPoolBackward(dInput, dOutput, input, g); return; }
        pool.maxBackward(array(dInput), array(dOutput), array(input), g);
    }

    @Override public void avgPoolForward(Storage output, Storage input, PoolGeometry g) {
        if (!vectorised) { super.avgPoolForward(output, input, g); return; }
        pool.avgForward(array(output), array(input), g);
    }

    @Override public void avgPoolBackward(Storage dInput, Storage dOutput, PoolGeometry g) {
        if (!vectorised) { super.avgPoolBackward(dInput, dOutput, g); return; }
        pool.avgBackward(array(dInput), array(dOutput), g);
    }

    // ---------------------------------------------------------------- batch norm

    @Override public void batchNormForwardTraining(Storage output, Storage saveMean, Storage saveInvStd,
                                                   Storage runningMean, Storage runningVar,
                                                   Storage input, Storage gamma, Storage beta,
                                                   int n, int channels, int spatial, float momentum, float eps) {
        if (!vectorised) {
            super.batchNormForwardTraining(output, saveMean, saveInvStd, runningMean, runningVar, input, gamma, beta,
                    n, channels, spatial, momentum, eps);
            return;
        }
        batchNorm.forwardTraining(array(output), array(saveMean), array(saveInvStd), arrayOrNull(runningMean),
                arrayOrNull(runningVar), array(input), array(gamma), array(beta), n, channels, spatial, momentum, eps);
    }

    @Override public void batchNormForwardInference(Storage output, Storage input, Storage gamma, Storage beta,
                                                    Storage runningMean, Storage runningVar,
                                                    int n, int channels, int spatial, float eps) {
        if (!vectorised) {
            super.batchNormForwardInference(output, input, gamma, beta, runningMean, runningVar, n, channels, spatial, eps);
            return;
        }
        batchNorm.forwardInference(array(output), array(input), array(gamma), array(beta), array(runningMean),
                array(runningVar), n, channels, spatial, eps);
    }

    @Override public void batchNormBackward(Storage dInput, Storage dGamma, Storage dBeta, Storage dOutput,
                                            Storage input, Storage gamma, Storage saveMean, Storage saveInvStd,
                                            int n, int channels, int spatial) {
        if (!vectorised) {
            super.batchNormBackward(dInput, dGamma, dBeta, dOutput, input, gamma, saveMean, saveInvStd, n, channels, spatial);
            return;
        }
        batchNorm.backward(array(dInput), array(dGamma), array(dBeta), array(dOutput), array(input), array(gamma),
                array(saveMean), array(saveInvStd), n, channels, spatial);
    }

    // ---------------------------------------------------------------- optimizers

    @Override public void sgdUpdate(Storage param, Storage grad, Storage velocity, int n,
                                    float lr, float momentum, float weightDecay, boolean nesterov) {
        if (!vectorised) { super.sgdUpdate(param, grad, velocity, n, lr, momentum, weightDecay, nesterov); return; }
        float[] p = array(param), g = array(grad), v = arrayOrNull(velocity);
        parallel.forRange(n, Tuning.STREAM_MIN_CHUNK,
                (from, to, part) -> VectorKernels.sgd(p, g, v, from, to, lr, momentum, weightDecay, nesterov));
    }

    @Override public void adamUpdate(Storage param, Storage grad, Storage m, Storage v, int n,
                                     float lr, float beta1, float beta2, float eps, float weightDecay,
                                     boolean decoupledWeightDecay, int step) {
        if (!vectorised) {
            super.adamUpdate(param, grad, m, v, n, lr, beta1, beta2, eps, weightDecay, decoupledWeightDecay, step);
            return;
        }
        float[] p = array(param), g = array(grad), mm = array(m), vv = array(v);
        float c1 = 1f - (float) Math.pow(beta1, step), c2 = 1f - (float) Math.pow(beta2, step);
        parallel.forRange(n, Tuning.STREAM_MIN_CHUNK, (from, to, part) ->
                VectorKernels.adam(p, g, mm, vv, from, to, lr, beta1, beta2, eps, weightDecay, decoupledWeightDecay, c1, c2));
    }
}
