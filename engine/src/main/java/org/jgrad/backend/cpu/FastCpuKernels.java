package org.jgrad.backend.cpu;

import static org.jgrad.backend.cpu.CpuStorage.array;
import static org.jgrad.backend.cpu.CpuStorage.arrayOrNull;

import org.jgrad.backend.BinaryOp;
import org.jgrad.backend.ConvGeometry;
import org.jgrad.backend.PoolGeometry;
import org.jgrad.backend.Storage;
import org.jgrad.backend.UnaryOp;

/**
 * The fast CPU backend's own kernels: each unwraps the float arrays and hands them to the
 * vectorised ({@code jdk.incubator.vector}), cache-blocked and threaded kernel of its family
 * ({@link FastElementwise}, {@link FastGemm}, {@link FastConv}, {@link FastPool},
 * {@link FastBatchNorm}, {@link VectorKernels} for the optimizers). Created only when the vector
 * module can load: the kernel classes read {@link VectorKernels}' constants.
 */
final class FastCpuKernels implements HotKernels {
    private final Parallel parallel;
    private final FastGemm gemm;
    private final FastConv conv;
    private final FastElementwise elementwise;
    private final FastPool pool;
    private final FastBatchNorm batchNorm;
    private final FastRows rows;

    FastCpuKernels(Parallel parallel, String convAlgorithm) {
        this.parallel = parallel;
        this.gemm = new FastGemm(parallel);
        this.conv = new FastConv(parallel, convAlgorithm);
        this.elementwise = new FastElementwise(parallel);
        this.pool = new FastPool(parallel);
        this.batchNorm = new FastBatchNorm(parallel);
        this.rows = new FastRows(parallel);
    }

    // ---------------------------------------------------------------- rows by index

    @Override
    public void gatherRows(Storage out, Storage in, int[] rowIndices, int inRows, int rowLength) {
        rows.gather(array(out), array(in), rowIndices, rowLength);
    }

    @Override
    public void scatterAddRows(Storage dIn, Storage dOut, int[] rowIndices, int inRows, int rowLength) {
        rows.scatterAdd(array(dIn), array(dOut), rowIndices, rowLength);
    }

    // ---------------------------------------------------------------- elementwise

    @Override
    public void unary(UnaryOp op, Storage out, Storage in, float alpha, int n) {
        elementwise.unary(op, array(out), array(in), alpha, n);
    }

    @Override
    public void unaryBackward(UnaryOp op, Storage dIn, Storage dOut, Storage in, Storage out, float alpha, int n) {
        elementwise.unaryBackward(op, array(dIn), array(dOut), arrayOrNull(in), arrayOrNull(out), alpha, n);
    }

    @Override
    public void binary(BinaryOp op, Storage out, Storage a, int[] aStrides, Storage b, int[] bStrides, int[] outShape) {
        elementwise.binary(op, array(out), array(a), aStrides, array(b), bStrides, outShape);
    }

    @Override
    public void axpy(Storage y, float alpha, Storage x, int n) {
        elementwise.axpy(array(y), alpha, array(x), n);
    }

    @Override
    public void reduceSum(Storage out, int outSize, int[] outStrides, Storage in, int[] inShape) {
        elementwise.reduceSum(array(out), outSize, outStrides, array(in), inShape);
    }

    @Override
    public double sumOfSquares(Storage in, int n) {
        return elementwise.sumOfSquares(array(in), n);
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
        gemm.gemm(
                transA, transB, m, n, k, alpha, array(a), aOffset, lda, array(b), bOffset, ldb, beta, array(c), cOffset,
                ldc);
    }

    // ---------------------------------------------------------------- convolution

    @Override
    public void conv2dForward(Storage output, Storage input, Storage weight, Storage bias, ConvGeometry g) {
        conv.forward(array(output), array(input), array(weight), arrayOrNull(bias), g);
    }

    /**
     * Without pooling or with the 2×2/2 max-pool: {@link FastConv#forwardRelu}, image by image in cache.
     * Other pooling windows: the three kernels one after another through a temporary.
     */
    @Override
    public void conv2dForwardRelu(
            Storage output, Storage input, Storage weight, Storage bias, ConvGeometry g, PoolGeometry poolGeometry) {
        if (poolGeometry == null || FastPool.isTwoByTwo(poolGeometry)) {
            conv.forwardRelu(
                    array(output), null, array(input), array(weight), arrayOrNull(bias), g, poolGeometry != null);
            return;
        }
        float[] convolved = new float[g.outputSize()];
        conv.forward(convolved, array(input), array(weight), arrayOrNull(bias), g);
        pool.maxForward(array(output), convolved, poolGeometry);
        elementwise.unary(UnaryOp.RELU, array(output), array(output), 0f, poolGeometry.outputSize());
    }

    /** The 2×2/2 max-pool: {@link FastConv#forwardRelu} with indices; other windows through a temporary. */
    @Override
    public void conv2dForwardReluIndexed(
            Storage output,
            Storage windowIndex,
            Storage input,
            Storage weight,
            Storage bias,
            ConvGeometry g,
            PoolGeometry poolGeometry) {
        if (FastPool.isTwoByTwo(poolGeometry)) {
            conv.forwardRelu(
                    array(output), array(windowIndex), array(input), array(weight), arrayOrNull(bias), g, true);
            return;
        }
        float[] convolved = new float[g.outputSize()];
        conv.forward(convolved, array(input), array(weight), arrayOrNull(bias), g);
        pool.maxReluForwardIndexed(array(output), array(windowIndex), convolved, poolGeometry);
    }

    @Override
    public void maxPoolReluBackward(
            Storage dInput, Storage dOutput, Storage output, Storage windowIndex, PoolGeometry poolGeometry) {
        pool.maxReluBackwardIndexed(array(dInput), array(dOutput), array(output), array(windowIndex), poolGeometry);
    }

    @Override
    public void conv2dBackwardData(Storage dInput, Storage dOutput, Storage weight, ConvGeometry g) {
        conv.backwardData(array(dInput), array(dOutput), array(weight), g);
    }

    @Override
    public void conv2dBackwardFilter(Storage dWeight, Storage dBias, Storage dOutput, Storage input, ConvGeometry g) {
        conv.backwardFilter(array(dWeight), arrayOrNull(dBias), array(dOutput), array(input), g);
    }

    // ---------------------------------------------------------------- pooling

    @Override
    public void maxPoolForward(Storage output, Storage input, PoolGeometry g) {
        pool.maxForward(array(output), array(input), g);
    }

    @Override
    public void maxPoolBackward(Storage dInput, Storage dOutput, Storage input, PoolGeometry g) {
        pool.maxBackward(array(dInput), array(dOutput), array(input), g);
    }

    @Override
    public void avgPoolForward(Storage output, Storage input, PoolGeometry g) {
        pool.avgForward(array(output), array(input), g);
    }

    @Override
    public void avgPoolBackward(Storage dInput, Storage dOutput, PoolGeometry g) {
        pool.avgBackward(array(dInput), array(dOutput), g);
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
        forwardTraining(
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
                eps,
                false);
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
        forwardTraining(
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
                eps,
                true);
    }

    /** Training's batch-norm forward, followed by ReLU in the same pass when {@code relu}. */
    private void forwardTraining(
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
            float eps,
            boolean relu) {
        batchNorm.forwardTraining(
                array(output),
                array(saveMean),
                array(saveInvStd),
                arrayOrNull(runningMean),
                arrayOrNull(runningVar),
                array(input),
                array(gamma),
                array(beta),
                n,
                channels,
                spatial,
                momentum,
                eps,
                relu);
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
        batchNorm.forwardInference(
                array(output),
                array(input),
                array(gamma),
                array(beta),
                array(runningMean),
                array(runningVar),
                n,
                channels,
                spatial,
                eps);
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
        backward(dInput, dGamma, dBeta, dOutput, null, input, gamma, saveMean, saveInvStd, n, channels, spatial);
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
        backward(dInput, dGamma, dBeta, dOutput, output, input, gamma, saveMean, saveInvStd, n, channels, spatial);
    }

    /** Training's batch-norm backward; {@code reluOutput} is the ReLU's output (its gate), or null for none. */
    private void backward(
            Storage dInput,
            Storage dGamma,
            Storage dBeta,
            Storage dOutput,
            Storage reluOutput,
            Storage input,
            Storage gamma,
            Storage saveMean,
            Storage saveInvStd,
            int n,
            int channels,
            int spatial) {
        batchNorm.backward(
                array(dInput),
                array(dGamma),
                array(dBeta),
                array(dOutput),
                arrayOrNull(reluOutput),
                array(input),
                array(gamma),
                array(saveMean),
                array(saveInvStd),
                n,
                channels,
                spatial);
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
        float[] p = array(param), g = array(grad), v = arrayOrNull(velocity);
        parallel.forRange(
                n,
                Tuning.STREAM_MIN_CHUNK,
                (from, to, part) -> VectorKernels.sgd(p, g, v, from, to, lr, momentum, weightDecay, nesterov));
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
        float[] p = array(param), g = array(grad), mm = array(m), vv = array(v);
        float c1 = 1f - (float) Math.pow(beta1, step), c2 = 1f - (float) Math.pow(beta2, step);
        parallel.forRange(
                n,
                Tuning.STREAM_MIN_CHUNK,
                (from, to, part) -> VectorKernels.adam(
                        p, g, mm, vv, from, to, lr, beta1, beta2, eps, weightDecay, decoupledWeightDecay, c1, c2));
    }
}
