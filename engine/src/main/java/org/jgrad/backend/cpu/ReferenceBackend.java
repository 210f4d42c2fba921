package org.jgrad.backend.cpu;

import static org.jgrad.backend.cpu.CpuStorage.array;
import static org.jgrad.backend.cpu.CpuStorage.arrayOrNull;

import org.jgrad.backend.Backend;
import org.jgrad.backend.BinaryOp;
import org.jgrad.backend.ConvGeometry;
import org.jgrad.backend.DropoutHash;
import org.jgrad.backend.PoolGeometry;
import org.jgrad.backend.Storage;
import org.jgrad.backend.UnaryOp;

/**
 * The plain CPU backend: every kernel is a readable loop in one of the {@code Reference*} classes.
 * It is the teaching text, the fallback, and the oracle that every fast kernel is tested against.
 * The fast CPU backend calls these loops for the kernels it does not speed up, and for all of its
 * {@link HotKernels} when the JVM lacks the vector module.
 */
public class ReferenceBackend implements Backend, HotKernels {
    private final CpuMemory memory = new CpuMemory(this);

    /** A reference backend with its own storages (tensors made here stay here). */
    public ReferenceBackend() {}

    @Override
    public String name() {
        return "cpu-reference";
    }

    // ---------------------------------------------------------------- memory

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

    @Override
    public void download(Storage src, int offset, float[] dst, int count) {
        System.arraycopy(array(src), offset, dst, 0, count);
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
        float[] d = array(dst), s = array(src);
        for (int r = 0; r < rows; r++) {
            System.arraycopy(s, srcOffset + r * srcStride, d, dstOffset + r * dstStride, rowLength);
        }
    }

    @Override
    public void fill(Storage out, float value, int n) {
        java.util.Arrays.fill(array(out), 0, n, value);
    }

    // ---------------------------------------------------------------- rows by index

    @Override
    public void gatherRows(Storage out, Storage in, int[] rows, int inRows, int rowLength) {
        ReferenceRows.gather(array(out), array(in), rows, rowLength);
    }

    @Override
    public void scatterAddRows(Storage dIn, Storage dOut, int[] rows, int inRows, int rowLength) {
        ReferenceRows.scatterAdd(array(dIn), array(dOut), rows, rowLength);
    }

    // ---------------------------------------------------------------- elementwise

    @Override
    public void unary(UnaryOp op, Storage out, Storage in, float alpha, int n) {
        ReferenceElementwise.unary(op, array(out), array(in), alpha, n);
    }

    @Override
    public void unaryBackward(UnaryOp op, Storage dIn, Storage dOut, Storage in, Storage out, float alpha, int n) {
        ReferenceElementwise.unaryBackward(op, array(dIn), array(dOut), arrayOrNull(in), arrayOrNull(out), alpha, n);
    }

    @Override
    public void binary(BinaryOp op, Storage out, Storage a, int[] aStrides, Storage b, int[] bStrides, int[] outShape) {
        ReferenceElementwise.binary(op, array(out), array(a), aStrides, array(b), bStrides, outShape);
    }

    @Override
    public void axpy(Storage y, float alpha, Storage x, int n) {
        float[] yy = array(y), xx = array(x);
        for (int i = 0; i < n; i++) yy[i] += alpha * xx[i];
    }

    @Override
    public void reduceSum(Storage out, int outSize, int[] outStrides, Storage in, int[] inShape) {
        ReferenceElementwise.reduceSum(array(out), outSize, outStrides, array(in), inShape);
    }

    @Override
    public void permute(Storage out, Storage in, int[] inShape, int[] perm) {
        ReferenceElementwise.permute(array(out), array(in), inShape, perm);
    }

    @Override
    public double sumOfSquares(Storage in, int n) {
        float[] x = array(in);
        double sum = 0;
        for (int i = 0; i < n; i++) sum += (double) x[i] * x[i];
        return sum;
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
        ReferenceGemm.gemm(
                transA, transB, m, n, k, alpha, array(a), aOffset, lda, array(b), bOffset, ldb, beta, array(c), cOffset,
                ldc);
    }

    // ---------------------------------------------------------------- convolution

    @Override
    public void conv2dForward(Storage output, Storage input, Storage weight, Storage bias, ConvGeometry g) {
        ReferenceConv.forward(array(output), array(input), array(weight), arrayOrNull(bias), g);
    }

    /** The definition itself: convolution, then max-pooling, then ReLU, each by its own loops. */
    @Override
    public void conv2dForwardRelu(
            Storage output, Storage input, Storage weight, Storage bias, ConvGeometry g, PoolGeometry pool) {
        Backend.super.conv2dForwardRelu(output, input, weight, bias, g, pool);
    }

    @Override
    public boolean fusesConvPoolTraining() {
        return true;
    }

    /** Convolution into a temporary, then the indexed max-pool + ReLU loops. */
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
        float[] convolved = new float[g.outputSize()];
        ReferenceConv.forward(convolved, array(input), array(weight), arrayOrNull(bias), g);
        ReferencePool.maxReluForwardIndexed(
                array(output), array(windowIndex), convolved, pool, 0, pool.n() * pool.channels());
    }

    @Override
    public void maxPoolReluBackward(
            Storage dInput, Storage dOutput, Storage output, Storage windowIndex, PoolGeometry pool) {
        ReferencePool.maxReluBackwardIndexed(
                array(dInput), array(dOutput), array(output), array(windowIndex), pool, 0, pool.n() * pool.channels());
    }

    @Override
    public void conv2dBackwardData(Storage dInput, Storage dOutput, Storage weight, ConvGeometry g) {
        ReferenceConv.backwardData(array(dInput), array(dOutput), array(weight), g);
    }

    @Override
    public void conv2dBackwardFilter(Storage dWeight, Storage dBias, Storage dOutput, Storage input, ConvGeometry g) {
        ReferenceConv.backwardFilter(array(dWeight), arrayOrNull(dBias), array(dOutput), array(input), g);
    }

    // ---------------------------------------------------------------- pooling

    @Override
    public void maxPoolForward(Storage output, Storage input, PoolGeometry g) {
        ReferencePool.maxForward(array(output), array(input), g);
    }

    @Override
    public void maxPoolBackward(Storage dInput, Storage dOutput, Storage input, PoolGeometry g) {
        ReferencePool.maxBackward(array(dInput), array(dOutput), array(input), g);
    }

    @Override
    public void avgPoolForward(Storage output, Storage input, PoolGeometry g) {
        ReferencePool.avgForward(array(output), array(input), g);
    }

    @Override
    public void avgPoolBackward(Storage dInput, Storage dOutput, PoolGeometry g) {
        ReferencePool.avgBackward(array(dInput), array(dOutput), g);
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
        ReferenceBatchNorm.forwardTraining(
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
        ReferenceBatchNorm.forwardInference(
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
        ReferenceBatchNorm.backward(
                array(dInput),
                array(dGamma),
                array(dBeta),
                array(dOutput),
                array(input),
                array(gamma),
                array(saveMean),
                array(saveInvStd),
                n,
                channels,
                spatial);
    }

    /** Batch-norm, then ReLU in place: the two reference kernels one after the other. */
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
        Backend.super.batchNormReluForwardTraining(
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

    /** ReLU's gate into a temporary, then the reference batch-norm backward. */
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
        Backend.super.batchNormReluBackward(
                dInput, dGamma, dBeta, dOutput, output, input, gamma, saveMean, saveInvStd, n, channels, spatial);
    }

    // ---------------------------------------------------------------- softmax

    @Override
    public void softmaxForward(Storage out, Storage in, int rows, int cols, boolean log) {
        ReferenceSoftmax.forward(array(out), array(in), rows, cols, log);
    }

    @Override
    public void softmaxBackward(Storage dIn, Storage dOut, Storage out, int rows, int cols, boolean log) {
        ReferenceSoftmax.backward(array(dIn), array(dOut), array(out), rows, cols, log);
    }

    // ---------------------------------------------------------------- losses

    @Override
    public void bceWithLogitsForward(Storage loss, Storage logits, Storage targets, float posWeight, int n) {
        ReferenceLoss.bceWithLogitsForward(array(loss), array(logits), array(targets), posWeight, n);
    }

    @Override
    public void bceWithLogitsBackward(
            Storage dLogits, Storage logits, Storage targets, float posWeight, float scale, int n) {
        ReferenceLoss.bceWithLogitsBackward(array(dLogits), array(logits), array(targets), posWeight, scale, n);
    }

    @Override
    public void bceForward(Storage loss, Storage probs, Storage targets, float eps, int n) {
        ReferenceLoss.bceForward(array(loss), array(probs), array(targets), eps, n);
    }

    @Override
    public void bceBackward(Storage dProbs, Storage probs, Storage targets, float eps, float scale, int n) {
        ReferenceLoss.bceBackward(array(dProbs), array(probs), array(targets), eps, scale, n);
    }

    // ---------------------------------------------------------------- randomness

    @Override
    public void dropoutMask(Storage mask, float keep, long seed, int n) {
        float[] m = array(mask);
        for (int i = 0; i < n; i++) m[i] = DropoutHash.uniform(seed, i) < keep ? 1f / keep : 0f;
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
        ReferenceOptimizer.sgd(
                array(param), array(grad), arrayOrNull(velocity), n, lr, momentum, weightDecay, nesterov);
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
        ReferenceOptimizer.adam(
                array(param),
                array(grad),
                array(m),
                array(v),
                n,
                lr,
                beta1,
                beta2,
                eps,
                weightDecay,
                decoupledWeightDecay,
                step);
    }
}
