package org.jgrad.backend.cuda;

import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;
import static jcuda.driver.JCudaDriver.cuMemsetD32Async;

import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import org.jgrad.backend.Backend;
import org.jgrad.backend.BinaryOp;
import org.jgrad.backend.ConvGeometry;
import org.jgrad.backend.PoolGeometry;
import org.jgrad.backend.Storage;
import org.jgrad.backend.UnaryOp;

/**
 * The CUDA backend: tensors live in device memory and every kernel runs on the GPU, in order, on
 * the default stream. Data crosses between host and device only in {@link #upload},
 * {@link #download} and {@link #sumOfSquares} (a scalar result).
 *
 * <p>Who computes what: cuDNN (when loaded) does convolution in all three directions, the pooling
 * forward passes, relu/sigmoid/tanh and batch-norm; cuBLAS (when loaded) does GEMM; jgrad's own
 * kernels ({@link CudaKernels}) do everything else and stand in for both libraries when they are
 * missing: convolution then runs as im2col plus jgrad's GEMM ({@link CudaConvLowered}).
 * Pooling backward always uses jgrad's kernels: this interface does not pass the forward output
 * that cuDNN needs, and jgrad's kernel keeps the reference's rule that a tie goes to the first
 * maximum.
 */
public final class CudaBackend implements Backend {
    private static final String E = "elementwise";

    private final CudaDevice device;
    private final CudaKernels kernels;
    private final Cudnn cudnn; // null: own kernels
    private final CudnnConv cudnnConv; // null: own kernels
    private final CudaGemm gemm;
    private final CudaConvLowered loweredConv;
    private final CudaOptions options;

    CudaBackend(CudaDevice device, Cudnn cudnn, CublasGemm cublas, CudaOptions options) {
        this.device = device;
        this.kernels = device.kernels;
        this.cudnn = cudnn;
        this.cudnnConv = cudnn == null ? null : new CudnnConv(cudnn, options.allowTf32());
        this.gemm = new CudaGemm(kernels, cublas);
        this.loweredConv = new CudaConvLowered(this, kernels, gemm);
        this.options = options;
    }

    @Override
    public String name() {
        return "cuda";
    }

    public CudaOptions options() {
        return options;
    }

    /** Whether cuDNN does the convolutions, pooling, activations and batch-norm. */
    public boolean usesCudnn() {
        return cudnn != null;
    }

    /** Whether cuBLAS does GEMM (otherwise jgrad's own kernel). */
    public boolean usesCublas() {
        return gemm.usesCublas();
    }

    /** GPU name, e.g. "NVIDIA H100 80GB HBM3". */
    public String deviceName() {
        return device.name;
    }

    DeviceMemory memory() {
        return device.memory;
    }

    /** Bytes held by live tensors, cached for reuse, and the peak of both. */
    public long[] memoryUsage() {
        return new long[] {
            device.memory.liveBytes(),
            device.memory.cachedBytes(),
            device.memory.peakBytes(),
            device.memory.collections()
        };
    }

    static CUdeviceptr ptr(Storage s) {
        if (s instanceof CudaStorage c) return c.pointer();
        throw new IllegalArgumentException("expected GPU memory, got a buffer of backend "
                + (s == null ? "null" : s.backend().name()) + "; move the tensor with to(backend) first");
    }

    static CUdeviceptr ptrOrNull(Storage s) {
        return s == null ? null : ptr(s);
    }

    // Lazy zeroing: allocate() promises zeros, but nearly every new buffer is an op's output that a
    // kernel overwrites completely, so the memset is deferred. in() queues it before anything reads
    // or partly writes the buffer; out() skips it when the kernel writes every element.

    /** A buffer that is read (or only partly written): its pending zeros are written first. */
    private CUdeviceptr in(Storage s) {
        CUdeviceptr p = ptr(s);
        CudaStorage c = (CudaStorage) s;
        if (c.zeroPending) {
            device.makeCurrent();
            cuMemsetD32Async(p, 0, c.size(), null);
            c.zeroPending = false;
        }
        return p;
    }

    private CUdeviceptr inOrNull(Storage s) {
        return s == null ? null : in(s);
    }

    /** A buffer whose first {@code written} elements a kernel is about to overwrite. */
    private CUdeviceptr out(Storage s, long written) {
        if (written < s.size()) return in(s);
        CUdeviceptr p = ptr(s);
        ((CudaStorage) s).zeroPending = false;
        return p;
    }

    private CUdeviceptr outOrNull(Storage s, long written) {
        return s == null ? null : out(s, written);
    }

    /**
     * Materialises the inputs of a call before its outputs are claimed, so that an output that is
     * also an input (an in-place op on a fresh buffer, such as DenseOp adding its bias into y) still
     * reads zeros. Every method that uses out() calls this first with all of its inputs.
     */
    private void inputs(Storage... read) {
        for (Storage r : read) if (r != null) in(r);
    }

    /** Device memory with undefined contents, for temporaries; close it when done (stream order keeps reuse safe). */
    CudaStorage scratch(long floats) {
        device.makeCurrent();
        return new CudaStorage(this, device.memory, Math.toIntExact(floats));
    }

    // ---------------------------------------------------------------- memory

    @Override
    public Storage allocate(int size) {
        CudaStorage s = scratch(size);
        s.zeroPending = size > 0;
        return s;
    }

    @Override
    public void release(Storage s) {
        ((CudaStorage) s).close();
    }

    @Override
    public Storage upload(float[] data) {
        CudaStorage s = scratch(data.length);
        if (data.length > 0) cuMemcpyHtoD(s.pointer(), Pointer.to(data), 4L * data.length);
        return s;
    }

    @Override
    public void download(Storage src, int offset, float[] dst, int count) {
        if (count == 0) return;
        device.makeCurrent();
        cuMemcpyDtoH(Pointer.to(dst), in(src).withByteOffset(4L * offset), 4L * count);
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
        inputs(src);
        boolean whole = dstOffset == 0 && (rows == 1 || dstStride == rowLength);
        CUdeviceptr d = whole ? out(dst, (long) rows * rowLength) : in(dst);
        kernels.launchElementwise(
                E,
                "copy_blocks",
                (long) rows * rowLength,
                d.withByteOffset(4L * dstOffset),
                dstStride,
                in(src).withByteOffset(4L * srcOffset),
                srcStride,
                rows,
                rowLength);
    }

    @Override
    public void fill(Storage out, float value, int n) {
        if (n == 0) return;
        CUdeviceptr p = out(out, n);
        device.makeCurrent();
        cuMemsetD32Async(p, Float.floatToRawIntBits(value), n, null);
    }

    // ---------------------------------------------------------------- elementwise

    @Override
    public void unary(UnaryOp op, Storage out, Storage in, float alpha, int n) {
        inputs(in);
        if (n == 0) return;
        if (cudnn != null && Cudnn.isActivation(op)) {
            cudnn.activationForward(op, out(out, n), in(in), n);
            return;
        }
        kernels.launchElementwise(E, "unary_forward", n, op.ordinal(), out(out, n), in(in), alpha, n);
    }

    @Override
    public void unaryBackward(UnaryOp op, Storage dIn, Storage dOut, Storage in, Storage out, float alpha, int n) {
        inputs(dOut, in, out);
        if (n == 0) return;
        if (cudnn != null && Cudnn.isActivation(op) && in != null && out != null) {
            cudnn.activationBackward(op, out(dIn, n), in(dOut), in(in), in(out), n);
            return;
        }
        kernels.launchElementwise(
                E, "unary_backward", n, op.ordinal(), out(dIn, n), in(dOut), inOrNull(in), inOrNull(out), alpha, n);
    }

    @Override
    public void binary(BinaryOp op, Storage out, Storage a, int[] aStrides, Storage b, int[] bStrides, int[] outShape) {
        inputs(a, b);
        long total = 1;
        for (int d : outShape) total *= d;
        if (total == 0) return;
        KernelArgs.Collapsed c = KernelArgs.collapse(outShape, aStrides, bStrides);
        if (c.rank() == 1 && c.strides()[0][0] == 1 && c.strides()[1][0] == 1) {
            kernels.launchElementwise(
                    E, "binary_contiguous", total, op.ordinal(), out(out, total), in(a), in(b), (int) total);
            return;
        }
        int[] args = KernelArgs.strided2(c.shape(), c.strides()[0], c.strides()[1], "binary " + op);
        kernels.launchElementwise(
                E, "binary_strided", total, op.ordinal(), out(out, total), in(a), in(b), args, (int) total);
    }

    @Override
    public void axpy(Storage y, float alpha, Storage x, int n) {
        inputs(x);
        if (((CudaStorage) y).zeroPending && n >= y.size()) { // y is all zeros: y = alpha x, no memset, no read
            kernels.launchElementwise(E, "scale", n, out(y, n), alpha, in(x), n);
            return;
        }
        kernels.launchElementwise(E, "axpy", n, in(y), alpha, in(x), n);
    }

    @Override
    public void reduceSum(Storage out, int outSize, int[] outStrides, Storage in, int[] inShape) {
        inputs(in);
        fill(out, 0f, outSize);
        int[][] r = KernelArgs.reduce(inShape, outStrides);
        int kept = r[1][0], reduced = r[1][1];
        if (kept == 0 || reduced == 0) return;
        if (reduced <= 32 || kept >= 16384) {
            kernels.launchElementwise("reduce", "reduce_sum_per_thread", kept, in(out), in(in), r[0], kept, reduced);
        } else {
            int threads = reduced >= 4096 ? 1024 : 256;
            int blocks = Math.min(kept, 65535);
            kernels.launch("reduce", "reduce_sum_per_block", blocks, threads, in(out), in(in), r[0], kept, reduced);
        }
    }

    @Override
    public void permute(Storage out, Storage in, int[] inShape, int[] perm) {
        inputs(in);
        int rank = inShape.length;
        int[] inStrides = KernelArgs.contiguousStrides(inShape);
        int[] outShape = new int[rank], fromIn = new int[rank];
        long total = 1;
        for (int d = 0; d < rank; d++) {
            outShape[d] = inShape[perm[d]];
            fromIn[d] = inStrides[perm[d]];
            total *= outShape[d];
        }
        if (total == 0) return;
        KernelArgs.Collapsed c = KernelArgs.collapse(outShape, fromIn, KernelArgs.contiguousStrides(outShape));
        int[] args = KernelArgs.strided2(c.shape(), c.strides()[0], c.strides()[1], "permute");
        kernels.launchElementwise(E, "permute", total, out(out, total), in(in), args, (int) total);
    }

    @Override
    public double sumOfSquares(Storage in, int n) {
        if (n == 0) return 0;
        int blocks = Math.min(256, device.blocksFor(n, 256));
        try (CudaStorage partials = scratch(2L * blocks)) { // doubles
            kernels.launch("reduce", "sum_of_squares", blocks, 256, partials.pointer(), in(in), n);
            double[] host = new double[blocks];
            cuMemcpyDtoH(Pointer.to(host), partials.pointer(), 8L * blocks);
            double sum = 0;
            for (double v : host) sum += v;
            return sum;
        }
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
        inputs(a, b);
        boolean whole = beta == 0f && cOffset == 0 && (m == 1 || ldc == n);
        CUdeviceptr pc = whole ? out(c, (long) m * n) : in(c);
        gemm.gemm(transA, transB, m, n, k, alpha, in(a), aOffset, lda, in(b), bOffset, ldb, beta, pc, cOffset, ldc);
    }

    // ---------------------------------------------------------------- convolution

    @Override
    public void conv2dForward(Storage output, Storage input, Storage weight, Storage bias, ConvGeometry g) {
        inputs(input, weight, bias);
        CUdeviceptr y = out(output, g.outputSize());
        if (cudnnConv != null) cudnnConv.forward(y, in(input), in(weight), inOrNull(bias), g);
        else loweredConv.forward(y, in(input), in(weight), inOrNull(bias), g);
    }

    @Override
    public void conv2dBackwardData(Storage dInput, Storage dOutput, Storage weight, ConvGeometry g) {
        inputs(dOutput, weight);
        CUdeviceptr dx = out(dInput, g.inputSize());
        if (cudnnConv != null) cudnnConv.backwardData(dx, in(dOutput), in(weight), g);
        else loweredConv.backwardData(dx, in(dOutput), in(weight), g);
    }

    @Override
    public void conv2dBackwardFilter(Storage dWeight, Storage dBias, Storage dOutput, Storage input, ConvGeometry g) {
        inputs(dOutput, input);
        if (cudnnConv != null) {
            cudnnConv.backwardFilter(
                    out(dWeight, g.weightSize()), outOrNull(dBias, g.outChannels()), in(dOutput), in(input), g);
            return;
        }
        loweredConv.backwardFilter(out(dWeight, g.weightSize()), in(dOutput), in(input), g);
        if (dBias != null) { // dBias[k] = sum of dOutput over n, p, q
            reduceSum(dBias, g.outChannels(), new int[] {0, 1, 0}, dOutput, new int[] {
                g.n(), g.outChannels(), g.outHeight() * g.outWidth()
            });
        }
    }

    // ---------------------------------------------------------------- pooling

    @Override
    public void maxPoolForward(Storage output, Storage input, PoolGeometry g) {
        inputs(input);
        if (cudnn != null) cudnn.poolForward(true, out(output, g.outputSize()), in(input), g);
        else
            kernels.launchElementwise(
                    "pool",
                    "max_pool_forward",
                    g.outputSize(),
                    out(output, g.outputSize()),
                    in(input),
                    KernelArgs.pool(g));
    }

    @Override
    public void maxPoolBackward(Storage dInput, Storage dOutput, Storage input, PoolGeometry g) {
        inputs(dOutput, input);
        kernels.launchElementwise(
                "pool",
                "max_pool_backward",
                g.inputSize(),
                out(dInput, g.inputSize()),
                in(dOutput),
                in(input),
                KernelArgs.pool(g));
    }

    @Override
    public void avgPoolForward(Storage output, Storage input, PoolGeometry g) {
        inputs(input);
        if (cudnn != null) cudnn.poolForward(false, out(output, g.outputSize()), in(input), g);
        else
            kernels.launchElementwise(
                    "pool",
                    "avg_pool_forward",
                    g.outputSize(),
                    out(output, g.outputSize()),
                    in(input),
                    KernelArgs.pool(g));
    }

    @Override
    public void avgPoolBackward(Storage dInput, Storage dOutput, PoolGeometry g) {
        inputs(dOutput);
        kernels.launchElementwise(
                "pool",
                "avg_pool_backward",
                g.inputSize(),
                out(dInput, g.inputSize()),
                in(dOutput),
                KernelArgs.pool(g));
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
        inputs(input, gamma, beta, runningMean, runningVar);
        int total = n * channels * spatial;
        CUdeviceptr y = out(output, total), mean = out(saveMean, channels), invStd = out(saveInvStd, channels);
        if (cudnn != null && eps >= Cudnn.MIN_BN_EPSILON) {
            cudnn.batchNormTraining(
                    y,
                    mean,
                    invStd,
                    inOrNull(runningMean),
                    inOrNull(runningVar),
                    in(input),
                    in(gamma),
                    in(beta),
                    n,
                    channels,
                    spatial,
                    1,
                    momentum,
                    eps);
            return;
        }
        kernels.launch(
                "batchnorm",
                "bn_statistics",
                channels,
                512,
                mean,
                invStd,
                inOrNull(runningMean),
                inOrNull(runningVar),
                in(input),
                n,
                channels,
                spatial,
                momentum,
                eps);
        kernels.launchElementwise(
                "batchnorm",
                "bn_apply",
                total,
                y,
                in(input),
                in(gamma),
                in(beta),
                mean,
                invStd,
                channels,
                spatial,
                total);
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
        inputs(input, gamma, beta, runningMean, runningVar);
        int total = n * channels * spatial;
        CUdeviceptr y = out(output, total);
        if (cudnn != null && eps >= Cudnn.MIN_BN_EPSILON) {
            cudnn.batchNormInference(
                    y, in(input), in(gamma), in(beta), in(runningMean), in(runningVar), n, channels, spatial, 1, eps);
            return;
        }
        kernels.launchElementwise(
                "batchnorm",
                "bn_inference",
                total,
                y,
                in(input),
                in(gamma),
                in(beta),
                in(runningMean),
                in(runningVar),
                eps,
                channels,
                spatial,
                total);
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
        inputs(dOutput, input, gamma, saveMean, saveInvStd);
        int total = n * channels * spatial;
        CUdeviceptr dx = out(dInput, total), dg = out(dGamma, channels), db = out(dBeta, channels);
        if (cudnn != null) {
            cudnn.batchNormBackward(
                    dx,
                    dg,
                    db,
                    in(dOutput),
                    in(input),
                    in(gamma),
                    in(saveMean),
                    in(saveInvStd),
                    n,
                    channels,
                    spatial,
                    1);
            return;
        }
        try (CudaStorage sums = scratch(4L * channels)) { // 2 doubles per channel
            kernels.launch(
                    "batchnorm",
                    "bn_backward_sums",
                    channels,
                    512,
                    dg,
                    db,
                    sums.pointer(),
                    in(dOutput),
                    in(input),
                    in(saveMean),
                    in(saveInvStd),
                    n,
                    channels,
                    spatial);
            kernels.launchElementwise(
                    "batchnorm",
                    "bn_backward_apply",
                    total,
                    dx,
                    in(dOutput),
                    in(input),
                    in(gamma),
                    in(saveMean),
                    in(saveInvStd),
                    sums.pointer(),
                    n,
                    channels,
                    spatial,
                    total);
        }
    }

    // ---------------------------------------------------------------- softmax

    private static int rowThreads(int cols) {
        int t = 32;
        while (t < cols && t < 1024) t <<= 1;
        return t;
    }

    @Override
    public void softmaxForward(Storage out, Storage in, int rows, int cols, boolean log) {
        inputs(in);
        if (rows == 0 || cols == 0) return;
        kernels.launch(
                "softmax",
                "softmax_forward",
                Math.min(rows, 65535),
                rowThreads(cols),
                out(out, (long) rows * cols),
                in(in),
                rows,
                cols,
                log ? 1 : 0);
    }

    @Override
    public void softmaxBackward(Storage dIn, Storage dOut, Storage out, int rows, int cols, boolean log) {
        inputs(dOut, out);
        if (rows == 0 || cols == 0) return;
        kernels.launch(
                "softmax",
                "softmax_backward",
                Math.min(rows, 65535),
                rowThreads(cols),
                out(dIn, (long) rows * cols),
                in(dOut),
                in(out),
                rows,
                cols,
                log ? 1 : 0);
    }

    // ---------------------------------------------------------------- losses

    @Override
    public void bceWithLogitsForward(Storage loss, Storage logits, Storage targets, float posWeight, int n) {
        inputs(logits, targets);
        kernels.launchElementwise("loss", "bce_logits_forward", n, out(loss, n), in(logits), in(targets), posWeight, n);
    }

    @Override
    public void bceWithLogitsBackward(
            Storage dLogits, Storage logits, Storage targets, float posWeight, float scale, int n) {
        inputs(logits, targets);
        kernels.launchElementwise(
                "loss", "bce_logits_backward", n, out(dLogits, n), in(logits), in(targets), posWeight, scale, n);
    }

    @Override
    public void bceForward(Storage loss, Storage probs, Storage targets, float eps, int n) {
        inputs(probs, targets);
        kernels.launchElementwise("loss", "bce_forward", n, out(loss, n), in(probs), in(targets), eps, n);
    }

    @Override
    public void bceBackward(Storage dProbs, Storage probs, Storage targets, float eps, float scale, int n) {
        inputs(probs, targets);
        kernels.launchElementwise("loss", "bce_backward", n, out(dProbs, n), in(probs), in(targets), eps, scale, n);
    }

    // ---------------------------------------------------------------- randomness

    @Override
    public void dropoutMask(Storage mask, float keep, long seed, int n) {
        kernels.launchElementwise(E, "dropout_mask", n, out(mask, n), keep, seed, n);
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
        kernels.launchElementwise(
                "optimizer",
                "sgd_update",
                n,
                in(param),
                in(grad),
                inOrNull(velocity),
                n,
                lr,
                momentum,
                weightDecay,
                nesterov ? 1 : 0);
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
        float c1 = 1f - (float) Math.pow(beta1, step);
        float c2 = 1f - (float) Math.pow(beta2, step);
        kernels.launchElementwise(
                "optimizer",
                "adam_update",
                n,
                in(param),
                in(grad),
                in(m),
                in(v),
                n,
                lr,
                beta1,
                beta2,
                eps,
                weightDecay,
                decoupledWeightDecay ? 1 : 0,
                c1,
                c2);
    }

    @Override
    public void synchronize() {
        device.synchronize();
    }

    /** Which library or kernel does each family of work, for reports. */
    public String routes() {
        String conv = cudnn != null
                ? "cuDNN (" + (options.allowTf32() ? "TF32 allowed" : "float32 only") + ")"
                : "im2col + " + (gemm.usesCublas() ? "cuBLAS" : "jgrad GEMM kernel");
        return "GEMM: " + (gemm.usesCublas() ? "cuBLAS" : "jgrad's own kernel")
                + "; convolution: " + conv
                + "; pooling fwd/activations/batch-norm: " + (cudnn != null ? "cuDNN" : "jgrad kernels")
                + "; everything else: jgrad kernels (" + kernels.launchPath() + ")";
    }

    /** The cuDNN algorithms chosen for a convolution shape (after its first use). */
    public String convolutionAlgorithms(ConvGeometry g) {
        return cudnnConv == null ? "im2col" : cudnnConv.algorithms(g);
    }
}
