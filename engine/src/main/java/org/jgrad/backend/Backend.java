package org.jgrad.backend;

/**
 * The narrow set of kernels every execution backend provides (reference CPU loops, the fast
 * vectorised CPU path, CUDA). Ops and layers call only these methods, so they never branch on
 * the device and never touch a tensor's memory directly.
 *
 * <p>Conventions: outputs first, then inputs, then sizes. Buffers are flat float32, row-major,
 * NCHW for images. Unless a method says it accumulates, it overwrites its output.
 */
public interface Backend {

    /** Short name used on the command line and in reports: "cpu-reference", "cpu", "cuda". */
    String name();

    // ---------------------------------------------------------------- memory

    /** A new zero-filled buffer of {@code size} floats. */
    Storage allocate(int size);

    /**
     * A new buffer whose contents are undefined, for the output of a kernel that overwrites all of
     * it (every kernel does, unless its method says it accumulates). A backend may hand out memory
     * released earlier without clearing it; this default returns a zero-filled buffer.
     */
    default Storage allocateUninitialized(int size) { return allocate(size); }

    /**
     * The caller promises never to use {@code s} again, so its memory may be reused at once
     * (the CUDA backend returns the block to its cache; otherwise it would wait for the garbage
     * collector). Any later use of {@code s} is an error the backend reports.
     */
    void release(Storage s);

    /** A new buffer holding a copy of {@code data}. */
    Storage upload(float[] data);

    /** Copies {@code count} floats starting at {@code offset} of {@code src} into {@code dst[0..count)}. */
    void download(Storage src, int offset, float[] dst, int count);

    /** dst[dstOffset + r*dstStride + i] = src[srcOffset + r*srcStride + i] for r < rows, i < rowLength. */
    void copyBlocks(Storage dst, int dstOffset, int dstStride, Storage src, int srcOffset, int srcStride,
                    int rows, int rowLength);

    /** Sets every element of {@code out[0..n)} to {@code value}. */
    void fill(Storage out, float value, int n);

    // ---------------------------------------------------------------- rows by index (index_select along dimension 0)

    /**
     * Gathers rows: {@code out[r·rowLength + i] = in[rows[r]·rowLength + i]} for {@code r < rows.length, i < rowLength};
     * {@code in} holds inRows rows. Every index must lie in [0, inRows) (the op checks before calling).
     * This default, one {@link #copyBlocks} per row, is correct on any backend; the CPU backends override it.
     */
    default void gatherRows(Storage out, Storage in, int[] rows, int inRows, int rowLength) {
        for (int r = 0; r < rows.length; r++) copyBlocks(out, r * rowLength, 0, in, rows[r] * rowLength, 0, 1, rowLength);
    }

    /**
     * The backward of {@link #gatherRows}, accumulating: {@code dIn[rows[r]·rowLength + i] += dOut[r·rowLength + i]}.
     * An index that appears twice adds both rows of dOut into the same row of dIn.
     * This default works on any backend by a round trip through host memory (download, add, upload):
     * correct but slow on a device; the CPU backends override it with in-place loops.
     */
    default void scatterAddRows(Storage dIn, Storage dOut, int[] rows, int inRows, int rowLength) {
        float[] sums = new float[inRows * rowLength], parts = new float[rows.length * rowLength];
        download(dIn, 0, sums, sums.length);
        download(dOut, 0, parts, parts.length);
        for (int r = 0; r < rows.length; r++) {
            for (int i = 0; i < rowLength; i++) sums[rows[r] * rowLength + i] += parts[r * rowLength + i];
        }
        Storage summed = upload(sums);
        copyBlocks(dIn, 0, 0, summed, 0, 0, 1, sums.length);
        release(summed);
    }

    // ---------------------------------------------------------------- elementwise

    /** out[i] = f(in[i]) for i < n. */
    void unary(UnaryOp op, Storage out, Storage in, float alpha, int n);

    /** dIn[i] = dOut[i] * f'(in[i]) for i < n; {@code out} is the forward result, used by EXP, SQRT, SIGMOID, TANH. */
    void unaryBackward(UnaryOp op, Storage dIn, Storage dOut, Storage in, Storage out, float alpha, int n);

    /**
     * out[index] = a[index · aStrides] (op) b[index · bStrides] over every index of {@code outShape}.
     * A stride of 0 broadcasts that dimension.
     */
    void binary(BinaryOp op, Storage out, Storage a, int[] aStrides, Storage b, int[] bStrides, int[] outShape);

    /** y[i] += alpha * x[i] for i < n. */
    void axpy(Storage y, float alpha, Storage x, int n);

    /**
     * Sum-reduction by strides: out is zeroed, then for every index of {@code inShape},
     * out[index · outStrides] += in[index]. A stride of 0 sums that dimension away.
     */
    void reduceSum(Storage out, int outSize, int[] outStrides, Storage in, int[] inShape);

    /** out = in with its dimensions permuted: out.shape[i] = inShape[perm[i]]. */
    void permute(Storage out, Storage in, int[] inShape, int[] perm);

    /** Sum of squares of in[0..n), returned to the host (used for gradient clipping and norms). */
    double sumOfSquares(Storage in, int n);

    // ---------------------------------------------------------------- matrix product

    /**
     * C[m×n] = alpha · op(A) · op(B) + beta · C, where op(A) is m×k and op(B) is k×n.
     * Row-major with leading dimensions lda, ldb, ldc and element offsets into each buffer.
     */
    void gemm(boolean transA, boolean transB, int m, int n, int k,
              float alpha, Storage a, int aOffset, int lda,
              Storage b, int bOffset, int ldb,
              float beta, Storage c, int cOffset, int ldc);

    // ---------------------------------------------------------------- convolution

    /** output = conv(input, weight) + bias; bias may be null. */
    void conv2dForward(Storage output, Storage input, Storage weight, Storage bias, ConvGeometry g);

    /** dInput = the gradient of the convolution with respect to its input (overwrites). */
    void conv2dBackwardData(Storage dInput, Storage dOutput, Storage weight, ConvGeometry g);

    /** dWeight (and dBias unless null) = gradients with respect to the filter and bias (overwrite). */
    void conv2dBackwardFilter(Storage dWeight, Storage dBias, Storage dOutput, Storage input, ConvGeometry g);

    // ---------------------------------------------------------------- pooling

    void maxPoolForward(Storage output, Storage input, PoolGeometry g);

    /** dInput = zero, then each output gradient goes to the first maximal input of its window. */
    void maxPoolBackward(Storage dInput, Storage dOutput, Storage input, PoolGeometry g);

    void avgPoolForward(Storage output, Storage input, PoolGeometry g);

    void avgPoolBackward(Storage dInput, Storage dOutput, PoolGeometry g);

    // ---------------------------------------------------------------- batch normalisation (per channel of NCHW)

    /**
     * Training mode: normalises with the batch's own mean and (biased) variance over N, H, W,
     * writes them as saveMean and saveInvStd = 1/sqrt(var + eps), and updates the running
     * statistics: running = (1 - momentum) running + momentum batch (running variance unbiased).
     */
    void batchNormForwardTraining(Storage output, Storage saveMean, Storage saveInvStd,
                                  Storage runningMean, Storage runningVar,
                                  Storage input, Storage gamma, Storage beta,
                                  int n, int channels, int spatial, float momentum, float eps);

    /** Evaluation mode: normalises with the running statistics. */
    void batchNormForwardInference(Storage output, Storage input, Storage gamma, Storage beta,
                                   Storage runningMean, Storage runningVar,
                                   int n, int channels, int spatial, float eps);

    /** Gradients of training-mode batch-norm (overwrite dInput, dGamma, dBeta). */
    void batchNormBackward(Storage dInput, Storage dGamma, Storage dBeta,
                           Storage dOutput, Storage input, Storage gamma,
                           Storage saveMean, Storage saveInvStd,
                           int n, int channels, int spatial);

    // ---------------------------------------------------------------- softmax over the last axis

    /** out = softmax(in) (or log-softmax) over each row of length cols. */
    void softmaxForward(Storage out, Storage in, int rows, int cols, boolean log);

    /** dIn from dOut and the forward output, for softmax or log-softmax. */
    void softmaxBackward(Storage dIn, Storage dOut, Storage out, int rows, int cols, boolean log);

    // ---------------------------------------------------------------- losses (per element; the op averages)

    /**
     * Binary cross-entropy with logits, stable for any |x|:
     * loss[i] = w·t·softplus(-x) + (1-t)·softplus(x), with w the positive-class weight.
     */
    void bceWithLogitsForward(Storage loss, Storage logits, Storage targets, float posWeight, int n);

    /** dLogits[i] = scale · ( (1-t) σ(x) - w t (1-σ(x)) ). */
    void bceWithLogitsBackward(Storage dLogits, Storage logits, Storage targets, float posWeight, float scale, int n);

    /** Binary cross-entropy on probabilities clamped to [eps, 1-eps]: loss[i] = -(t ln p + (1-t) ln(1-p)). */
    void bceForward(Storage loss, Storage probs, Storage targets, float eps, int n);

    /** dProbs[i] = scale · (p - t) / (p (1 - p)) with p clamped; zero gradient where clamped. */
    void bceBackward(Storage dProbs, Storage probs, Storage targets, float eps, float scale, int n);

    // ---------------------------------------------------------------- randomness

    /**
     * Inverted-dropout mask: mask[i] = 1/keep when hash(seed, i) < keep, else 0. The hash is
     * {@link DropoutHash#uniform(long, int)}, so every backend draws the same mask for a seed.
     */
    void dropoutMask(Storage mask, float keep, long seed, int n);

    // ---------------------------------------------------------------- optimizer updates (in place)

    /**
     * SGD with momentum, Nesterov and (L2) weight decay, as PyTorch defines them:
     * g = grad + wd·p; v = momentum·v + g; p -= lr · (nesterov ? g + momentum·v : v).
     * With momentum 0, velocity may be null.
     */
    void sgdUpdate(Storage param, Storage grad, Storage velocity, int n,
                   float lr, float momentum, float weightDecay, boolean nesterov);

    /**
     * Adam / AdamW at step t (1-based): with decoupled weight decay p -= lr·wd·p first (AdamW),
     * otherwise g += wd·p (Adam's L2). m = b1 m + (1-b1) g; v = b2 v + (1-b2) g²;
     * p -= lr · (m / (1-b1^t)) / (sqrt(v / (1-b2^t)) + eps).
     */
    void adamUpdate(Storage param, Storage grad, Storage m, Storage v, int n,
                    float lr, float beta1, float beta2, float eps, float weightDecay,
                    boolean decoupledWeightDecay, int step);

    /** Makes sure all queued work is finished (a no-op on the CPU). */
    default void synchronize() { }
}
