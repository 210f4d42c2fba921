package org.jgrad.backend.cpu;

import org.jgrad.backend.BinaryOp;
import org.jgrad.backend.ConvGeometry;
import org.jgrad.backend.PoolGeometry;
import org.jgrad.backend.Storage;
import org.jgrad.backend.UnaryOp;

/**
 * The {@link org.jgrad.backend.Backend} kernels that the fast CPU backend speeds up (where a
 * training step spends its time), with the same signatures. Two implementations:
 * {@link FastCpuKernels} (vectorised, blocked, threaded) and {@link ReferenceBackend} (the plain
 * loops, used when the JVM lacks the vector module).
 */
interface HotKernels {
    void unary(UnaryOp op, Storage out, Storage in, float alpha, int n);

    void unaryBackward(UnaryOp op, Storage dIn, Storage dOut, Storage in, Storage out, float alpha, int n);

    void binary(BinaryOp op, Storage out, Storage a, int[] aStrides, Storage b, int[] bStrides, int[] outShape);

    void axpy(Storage y, float alpha, Storage x, int n);

    void reduceSum(Storage out, int outSize, int[] outStrides, Storage in, int[] inShape);

    double sumOfSquares(Storage in, int n);

    void gemm(
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
            int ldc);

    void conv2dForward(Storage output, Storage input, Storage weight, Storage bias, ConvGeometry g);

    void conv2dForwardRelu(
            Storage output, Storage input, Storage weight, Storage bias, ConvGeometry g, PoolGeometry pool);

    void conv2dForwardReluIndexed(
            Storage output,
            Storage windowIndex,
            Storage input,
            Storage weight,
            Storage bias,
            ConvGeometry g,
            PoolGeometry pool);

    void maxPoolReluBackward(Storage dInput, Storage dOutput, Storage output, Storage windowIndex, PoolGeometry pool);

    void conv2dBackwardData(Storage dInput, Storage dOutput, Storage weight, ConvGeometry g);

    void conv2dBackwardFilter(Storage dWeight, Storage dBias, Storage dOutput, Storage input, ConvGeometry g);

    void maxPoolForward(Storage output, Storage input, PoolGeometry g);

    void maxPoolBackward(Storage dInput, Storage dOutput, Storage input, PoolGeometry g);

    void avgPoolForward(Storage output, Storage input, PoolGeometry g);

    void avgPoolBackward(Storage dInput, Storage dOutput, PoolGeometry g);

    void batchNormForwardTraining(
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
            float eps);

    void batchNormForwardInference(
            Storage output,
            Storage input,
            Storage gamma,
            Storage beta,
            Storage runningMean,
            Storage runningVar,
            int n,
            int channels,
            int spatial,
            float eps);

    void batchNormBackward(
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
            int spatial);

    void batchNormReluForwardTraining(
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
            float eps);

    void batchNormReluBackward(
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
            int spatial);

    void gatherRows(Storage out, Storage in, int[] rows, int inRows, int rowLength);

    void scatterAddRows(Storage dIn, Storage dOut, int[] rows, int inRows, int rowLength);

    void sgdUpdate(
            Storage param,
            Storage grad,
            Storage velocity,
            int n,
            float lr,
            float momentum,
            float weightDecay,
            boolean nesterov);

    void adamUpdate(
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
            int step);
}
