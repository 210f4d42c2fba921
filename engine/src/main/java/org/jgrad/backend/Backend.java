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

    /**
     * Short name used on the command line and in reports: "cpu-reference", "cpu", "cuda".
     *
     * @return the name
     */
    String name();

    // ---------------------------------------------------------------- memory

    /**
     * A new zero-filled buffer of {@code size} floats.
     *
     * @param size the number of floats
     * @return the buffer, owned by this backend
     */
    Storage allocate(int size);

    /**
     * A new buffer whose contents are undefined, for the output of a kernel that overwrites all of
     * it (every kernel does, unless its method says it accumulates). A backend may hand out memory
     * released earlier without clearing it; this default returns a zero-filled buffer.
     *
     * @param size the number of floats
     * @return the buffer, owned by this backend
     */
    default Storage allocateUninitialized(int size) {
        return allocate(size);
    }

    /**
     * The caller promises never to use {@code s} again, so its memory may be reused at once
     * (the CUDA backend returns the block to its cache; otherwise it would wait for the garbage
     * collector). Any later use of {@code s} is an error the backend reports.
     *
     * @param s a buffer of this backend
     */
    void release(Storage s);

    /**
     * A new buffer holding a copy of {@code data}.
     *
     * @param data the values (not kept: later changes to the array do not reach the buffer)
     * @return the buffer, of {@code data.length} floats
     */
    Storage upload(float[] data);

    /**
     * Copies {@code count} floats starting at {@code offset} of {@code src} into {@code dst[0..count)}.
     *
     * @param src the buffer to read
     * @param offset the first float of {@code src} to read
     * @param dst the host array to write, at least {@code count} long
     * @param count how many floats
     */
    void download(Storage src, int offset, float[] dst, int count);

    /**
     * Copies {@code rows} blocks of {@code rowLength} floats (overwrites):
     * {@code dst[dstOffset + r*dstStride + i] = src[srcOffset + r*srcStride + i]} for {@code r < rows, i < rowLength}.
     *
     * @param dst the buffer written
     * @param dstOffset where the first block goes in {@code dst}
     * @param dstStride the distance in floats between blocks in {@code dst} (any value when rows is 1)
     * @param src the buffer read
     * @param srcOffset where the first block starts in {@code src}
     * @param srcStride the distance in floats between blocks in {@code src} (any value when rows is 1)
     * @param rows the number of blocks
     * @param rowLength the floats per block
     */
    void copyBlocks(
            Storage dst,
            int dstOffset,
            int dstStride,
            Storage src,
            int srcOffset,
            int srcStride,
            int rows,
            int rowLength);

    /**
     * Sets every element of {@code out[0..n)} to {@code value}.
     *
     * @param out the buffer written
     * @param value the value
     * @param n how many floats, from the start
     */
    void fill(Storage out, float value, int n);

    // ---------------------------------------------------------------- rows by index (index_select along dimension 0)

    /**
     * Gathers rows (overwrites out): {@code out[r·rowLength + i] = in[rows[r]·rowLength + i]} for {@code r < rows.length, i < rowLength};
     * {@code in} holds inRows rows. Every index must lie in [0, inRows) (the op checks before calling).
     * This default, one {@link #copyBlocks} per row, is correct on any backend; the CPU backends override it.
     *
     * @param out [rows.length, rowLength]
     * @param in [inRows, rowLength]
     * @param rows the indices of the rows to pick, repeats allowed
     * @param inRows the number of rows of {@code in}
     * @param rowLength the floats per row
     */
    default void gatherRows(Storage out, Storage in, int[] rows, int inRows, int rowLength) {
        for (int r = 0; r < rows.length; r++)
            copyBlocks(out, r * rowLength, 0, in, rows[r] * rowLength, 0, 1, rowLength);
    }

    /**
     * The backward of {@link #gatherRows}, accumulating: {@code dIn[rows[r]·rowLength + i] += dOut[r·rowLength + i]}.
     * An index that appears twice adds both rows of dOut into the same row of dIn.
     * This default works on any backend by a round trip through host memory (download, add, upload):
     * correct but slow on a device; the CPU backends override it with in-place loops.
     *
     * @param dIn [inRows, rowLength], added into
     * @param dOut [rows.length, rowLength]
     * @param rows the indices the forward pass picked, each in [0, inRows)
     * @param inRows the number of rows of {@code dIn}
     * @param rowLength the floats per row
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

    /**
     * {@code out[i] = f(in[i])} for {@code i < n} (overwrites out).
     *
     * @param op the function f
     * @param out the result, n floats
     * @param in the input, n floats
     * @param alpha the op's constant (scale, added value, exponent, leaky slope); ignored by the others
     * @param n the number of elements
     */
    void unary(UnaryOp op, Storage out, Storage in, float alpha, int n);

    /**
     * {@code dIn[i] = dOut[i] · f'(in[i])} for {@code i < n} (overwrites dIn); {@code out} is the forward
     * result, used by EXP, SQRT, SIGMOID, TANH.
     *
     * @param op the function f of the forward pass
     * @param dIn the gradient with respect to the input, n floats
     * @param dOut the gradient with respect to the output, n floats
     * @param in the forward input
     * @param out the forward output
     * @param alpha the forward pass's constant
     * @param n the number of elements
     */
    void unaryBackward(UnaryOp op, Storage dIn, Storage dOut, Storage in, Storage out, float alpha, int n);

    /**
     * {@code out[index] = a[index · aStrides] (op) b[index · bStrides]} over every index of {@code outShape},
     * out being contiguous (row-major). A stride of 0 broadcasts that dimension. Overwrites out; out
     * may be {@code a} itself read with out's own strides (an in-place update).
     *
     * @param op the operation
     * @param out the result, size(outShape) floats
     * @param a the first operand
     * @param aStrides a's stride for each dimension of outShape
     * @param b the second operand
     * @param bStrides b's stride for each dimension of outShape
     * @param outShape the result's shape
     */
    void binary(BinaryOp op, Storage out, Storage a, int[] aStrides, Storage b, int[] bStrides, int[] outShape);

    /**
     * {@code y[i] += alpha · x[i]} for {@code i < n} (accumulates into y).
     *
     * @param y the buffer added into
     * @param alpha the factor
     * @param x the buffer added
     * @param n the number of elements
     */
    void axpy(Storage y, float alpha, Storage x, int n);

    /**
     * Sum-reduction by strides: out is zeroed, then for every index of {@code inShape},
     * out[index · outStrides] += in[index]. A stride of 0 sums that dimension away.
     *
     * @param out the sums, outSize floats (overwritten)
     * @param outSize the number of sums
     * @param outStrides where each dimension of inShape moves in out (0 = summed away)
     * @param in the input, contiguous
     * @param inShape the input's shape
     */
    void reduceSum(Storage out, int outSize, int[] outStrides, Storage in, int[] inShape);

    /**
     * out = in with its dimensions permuted: out.shape[i] = inShape[perm[i]] (overwrites; both contiguous).
     *
     * @param out the result, as many floats as in
     * @param in the input
     * @param inShape the input's shape
     * @param perm a permutation of 0..rank-1
     */
    void permute(Storage out, Storage in, int[] inShape, int[] perm);

    /**
     * Sum of squares of in[0..n), returned to the host (used for gradient clipping and norms).
     *
     * @param in the buffer read
     * @param n the number of elements
     * @return Σ in[i]², accumulated in double
     */
    double sumOfSquares(Storage in, int n);

    // ---------------------------------------------------------------- matrix product

    /**
     * {@code C[m×n] = alpha · op(A) · op(B) + beta · C}, where op(A) is m×k and op(B) is k×n.
     * Row-major with leading dimensions lda, ldb, ldc and element offsets into each buffer. With
     * beta 0, C is overwritten without being read (old NaNs do not leak in); otherwise it accumulates.
     *
     * @param transA whether op(A) is Aᵀ (A then stored k×m)
     * @param transB whether op(B) is Bᵀ (B then stored n×k)
     * @param m the rows of C
     * @param n the columns of C
     * @param k the inner dimension
     * @param alpha the product's factor
     * @param a A's buffer
     * @param aOffset A's first element in {@code a}
     * @param lda the distance in floats between rows of A as stored
     * @param b B's buffer
     * @param bOffset B's first element in {@code b}
     * @param ldb the distance in floats between rows of B as stored
     * @param beta the factor on C's old values (0: overwrite)
     * @param c C's buffer
     * @param cOffset C's first element in {@code c}
     * @param ldc the distance in floats between rows of C
     */
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

    // ---------------------------------------------------------------- convolution

    /**
     * output = conv(input, weight) + bias, a cross-correlation with zero padding (overwrites output).
     *
     * @param output [n, outChannels, outHeight, outWidth]
     * @param input [n, inChannels, height, width]
     * @param weight [outChannels, inChannels, kernelH, kernelW]
     * @param bias [outChannels], or null for none
     * @param g the sizes, strides and padding
     */
    void conv2dForward(Storage output, Storage input, Storage weight, Storage bias, ConvGeometry g);

    /**
     * dInput = the gradient of the convolution with respect to its input (overwrites).
     *
     * @param dInput [n, inChannels, height, width]
     * @param dOutput [n, outChannels, outHeight, outWidth]
     * @param weight [outChannels, inChannels, kernelH, kernelW]
     * @param g the forward pass's geometry
     */
    void conv2dBackwardData(Storage dInput, Storage dOutput, Storage weight, ConvGeometry g);

    /**
     * dWeight (and dBias unless null) = gradients with respect to the filter and bias (overwrite).
     *
     * @param dWeight [outChannels, inChannels, kernelH, kernelW]
     * @param dBias [outChannels] (the sum of dOutput per channel), or null to skip it
     * @param dOutput [n, outChannels, outHeight, outWidth]
     * @param input the forward input [n, inChannels, height, width]
     * @param g the forward pass's geometry
     */
    void conv2dBackwardFilter(Storage dWeight, Storage dBias, Storage dOutput, Storage input, ConvGeometry g);

    /**
     * Inference's fused convolution: output = relu(conv(input, weight) + bias), or with a pooling
     * geometry relu(maxPool(conv(input, weight) + bias)) (overwrites output). The same values as the
     * separate kernels (max-pool and ReLU commute); no gradient is kept. This default runs those
     * kernels one after another through a temporary; a backend that can keep the convolution's
     * output in cache overrides it.
     *
     * @param output [n, outChannels, outHeight, outWidth] of g, or of pool when pooling
     * @param input [n, inChannels, height, width]
     * @param weight [outChannels, inChannels, kernelH, kernelW]
     * @param bias [outChannels], or null for none
     * @param g the convolution's sizes, strides and padding
     * @param pool the max-pooling over the convolution's output (its n, channels, height and width
     *     are those of g's output), or null for none
     * @throws IllegalArgumentException if pool does not fit g's output
     */
    default void conv2dForwardRelu(
            Storage output, Storage input, Storage weight, Storage bias, ConvGeometry g, PoolGeometry pool) {
        if (pool == null) {
            conv2dForward(output, input, weight, bias, g);
            unary(UnaryOp.RELU, output, output, 0f, g.outputSize());
            return;
        }
        requirePoolFits(g, pool);
        Storage convolved = allocateUninitialized(g.outputSize());
        try {
            conv2dForward(convolved, input, weight, bias, g);
            maxPoolForward(output, convolved, pool);
            unary(UnaryOp.RELU, output, output, 0f, pool.outputSize());
        } finally {
            release(convolved);
        }
    }

    /**
     * Whether this backend has the two kernels with which training fuses a convolution with its
     * max-pool and ReLU ({@link #conv2dForwardReluIndexed}, {@link #maxPoolReluBackward}): the
     * convolution's full output is then never stored, only each window's winning position. A
     * backend without them (the default) trains with the separate kernels.
     *
     * @return true if both kernels are implemented
     */
    default boolean fusesConvPoolTraining() {
        return false;
    }

    /**
     * Training's fused convolution: output = relu(maxPool(conv(input, weight) + bias)) as
     * {@link #conv2dForwardRelu}, and windowIndex[o] = where in output o's window its first maximal
     * input lies (row-major in the part of the window inside the input, 0 for its top-left), as a
     * float, for {@link #maxPoolReluBackward}.
     *
     * @param output [n, outChannels, pooled height, pooled width]
     * @param windowIndex the same size as output (overwritten)
     * @param input [n, inChannels, height, width]
     * @param weight [outChannels, inChannels, kernelH, kernelW]
     * @param bias [outChannels], or null for none
     * @param g the convolution's geometry
     * @param pool the max-pooling over the convolution's output
     * @throws UnsupportedOperationException unless {@link #fusesConvPoolTraining()}
     */
    default void conv2dForwardReluIndexed(
            Storage output,
            Storage windowIndex,
            Storage input,
            Storage weight,
            Storage bias,
            ConvGeometry g,
            PoolGeometry pool) {
        throw new UnsupportedOperationException("this backend does not fuse convolution and pooling for training");
    }

    /**
     * The gradient of relu(maxPool(c)) with respect to c (overwrites dInput): zero, except that
     * each output o with output[o] &gt; 0 adds dOutput[o] to the input at windowIndex[o] of its window.
     *
     * @param dInput [n, channels, height, width] of pool (overwritten)
     * @param dOutput [n, channels, outHeight, outWidth]
     * @param output the forward output (its sign is the ReLU's gate)
     * @param windowIndex the forward pass's window positions
     * @param pool the forward pass's pooling geometry
     * @throws UnsupportedOperationException unless {@link #fusesConvPoolTraining()}
     */
    default void maxPoolReluBackward(
            Storage dInput, Storage dOutput, Storage output, Storage windowIndex, PoolGeometry pool) {
        throw new UnsupportedOperationException("this backend does not fuse convolution and pooling for training");
    }

    /**
     * Checks that a pooling geometry reads exactly a convolution's output.
     *
     * @param g the convolution
     * @param pool the pooling over its output
     * @throws IllegalArgumentException if pool's input is not [n, outChannels, outHeight, outWidth] of g
     */
    static void requirePoolFits(ConvGeometry g, PoolGeometry pool) {
        if (pool.n() != g.n()
                || pool.channels() != g.outChannels()
                || pool.height() != g.outHeight()
                || pool.width() != g.outWidth()) {
            throw new IllegalArgumentException("conv2dForwardRelu: pooling " + pool + " does not read the output of "
                    + g + " ([" + g.n() + ", " + g.outChannels() + ", " + g.outHeight() + ", " + g.outWidth() + "])");
        }
    }

    // ---------------------------------------------------------------- pooling

    /**
     * output = the maximum of each window (overwrites); padded positions never win.
     *
     * @param output [n, channels, outHeight, outWidth]
     * @param input [n, channels, height, width]
     * @param g the window sizes, strides and padding
     */
    void maxPoolForward(Storage output, Storage input, PoolGeometry g);

    /**
     * dInput = zero, then each output gradient goes to the first maximal input of its window.
     *
     * @param dInput [n, channels, height, width] (overwritten)
     * @param dOutput [n, channels, outHeight, outWidth]
     * @param input the forward input, to find each window's maximum again
     * @param g the forward pass's geometry
     */
    void maxPoolBackward(Storage dInput, Storage dOutput, Storage input, PoolGeometry g);

    /**
     * output = the mean of each window's in-bounds inputs (overwrites; padding is not counted).
     *
     * @param output [n, channels, outHeight, outWidth]
     * @param input [n, channels, height, width]
     * @param g the window sizes, strides and padding
     */
    void avgPoolForward(Storage output, Storage input, PoolGeometry g);

    /**
     * dInput = zero, then each output gradient is shared equally by its window's in-bounds inputs.
     *
     * @param dInput [n, channels, height, width] (overwritten)
     * @param dOutput [n, channels, outHeight, outWidth]
     * @param g the forward pass's geometry
     */
    void avgPoolBackward(Storage dInput, Storage dOutput, PoolGeometry g);

    // ---------------------------------------------------------------- batch normalisation (per channel of NCHW)

    /**
     * Training mode: normalises with the batch's own mean and (biased) variance over N, H, W,
     * writes them as saveMean and saveInvStd = 1/sqrt(var + eps), and updates the running
     * statistics: running = (1 - momentum) running + momentum batch (running variance unbiased).
     * Overwrites output, saveMean and saveInvStd; updates runningMean and runningVar in place.
     *
     * @param output [n, channels, spatial]
     * @param saveMean [channels], the batch means, for the backward pass
     * @param saveInvStd [channels], 1/sqrt(var + eps), for the backward pass
     * @param runningMean [channels], or null (with runningVar) to keep no running statistics
     * @param runningVar [channels], or null
     * @param input [n, channels, spatial]
     * @param gamma [channels], the scale
     * @param beta [channels], the shift
     * @param n the batch size
     * @param channels the number of channels
     * @param spatial height · width
     * @param momentum the running statistics' blend factor
     * @param eps added to the variance
     */
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

    /**
     * Evaluation mode: normalises with the running statistics (overwrites output).
     *
     * @param output [n, channels, spatial]
     * @param input [n, channels, spatial]
     * @param gamma [channels], the scale
     * @param beta [channels], the shift
     * @param runningMean [channels]
     * @param runningVar [channels]
     * @param n the batch size
     * @param channels the number of channels
     * @param spatial height · width
     * @param eps added to the variance
     */
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

    /**
     * Gradients of training-mode batch-norm (overwrite dInput, dGamma, dBeta).
     *
     * @param dInput [n, channels, spatial]
     * @param dGamma [channels]
     * @param dBeta [channels]
     * @param dOutput [n, channels, spatial]
     * @param input the forward input [n, channels, spatial]
     * @param gamma [channels]
     * @param saveMean [channels], as the forward pass saved it
     * @param saveInvStd [channels], as the forward pass saved it
     * @param n the batch size
     * @param channels the number of channels
     * @param spatial height · width
     */
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

    /**
     * Training's batch-norm followed by ReLU: output = relu(batchNorm(input)) with the batch's
     * statistics, saving and updating them as {@link #batchNormForwardTraining} does. The
     * normalised values before the ReLU are never stored: the backward pass needs only the
     * output's sign ({@link #batchNormReluBackward}). This default runs the two kernels one after
     * the other, the ReLU in place; a backend that can apply the ReLU as it writes overrides it.
     *
     * @param output [n, channels, spatial], relu of the normalised input (overwritten)
     * @param saveMean [channels], the batch means, for the backward pass
     * @param saveInvStd [channels], 1/sqrt(var + eps), for the backward pass
     * @param runningMean [channels], or null (with runningVar) to keep no running statistics
     * @param runningVar [channels], or null
     * @param input [n, channels, spatial]
     * @param gamma [channels], the scale
     * @param beta [channels], the shift
     * @param n the batch size
     * @param channels the number of channels
     * @param spatial height · width
     * @param momentum the running statistics' blend factor
     * @param eps added to the variance
     */
    default void batchNormReluForwardTraining(
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
        batchNormForwardTraining(
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
        unary(UnaryOp.RELU, output, output, 0f, n * channels * spatial);
    }

    /**
     * Gradients of relu(batchNorm(input)) in training mode (overwrite dInput, dGamma, dBeta):
     * dOutput passes the ReLU where output &gt; 0 and is zero elsewhere, then flows through the
     * batch-norm as in {@link #batchNormBackward}. This default gates dOutput into a temporary and
     * calls that kernel; a backend that can gate while it sums overrides it.
     *
     * @param dInput [n, channels, spatial]
     * @param dGamma [channels]
     * @param dBeta [channels]
     * @param dOutput [n, channels, spatial]
     * @param output the forward output (its sign is the ReLU's gate)
     * @param input the forward input [n, channels, spatial]
     * @param gamma [channels]
     * @param saveMean [channels], as the forward pass saved it
     * @param saveInvStd [channels], as the forward pass saved it
     * @param n the batch size
     * @param channels the number of channels
     * @param spatial height · width
     */
    default void batchNormReluBackward(
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
        int size = n * channels * spatial;
        Storage gated = allocateUninitialized(size);
        try {
            // relu(y) > 0 exactly where y > 0, so the output's sign is the ReLU's gate
            unaryBackward(UnaryOp.RELU, gated, dOutput, output, output, 0f, size);
            batchNormBackward(dInput, dGamma, dBeta, gated, input, gamma, saveMean, saveInvStd, n, channels, spatial);
        } finally {
            release(gated);
        }
    }

    // ---------------------------------------------------------------- softmax over the last axis

    /**
     * out = softmax(in) (or log-softmax) over each row of length cols (overwrites out).
     *
     * @param out [rows, cols]
     * @param in [rows, cols]
     * @param rows the number of rows
     * @param cols the length of each row
     * @param log true for log-softmax
     */
    void softmaxForward(Storage out, Storage in, int rows, int cols, boolean log);

    /**
     * dIn from dOut and the forward output, for softmax or log-softmax (overwrites dIn).
     *
     * @param dIn [rows, cols]
     * @param dOut [rows, cols]
     * @param out the forward output [rows, cols]
     * @param rows the number of rows
     * @param cols the length of each row
     * @param log true if the forward pass was log-softmax
     */
    void softmaxBackward(Storage dIn, Storage dOut, Storage out, int rows, int cols, boolean log);

    // ---------------------------------------------------------------- losses (per element; the op averages)

    /**
     * Binary cross-entropy with logits, stable for any |x|:
     * loss[i] = w·t·softplus(-x) + (1-t)·softplus(x), with w the positive-class weight (overwrites loss).
     *
     * @param loss n floats, one loss per element
     * @param logits x, n floats
     * @param targets t, n floats in [0, 1]
     * @param posWeight w
     * @param n the number of elements
     */
    void bceWithLogitsForward(Storage loss, Storage logits, Storage targets, float posWeight, int n);

    /**
     * {@code dLogits[i] = scale · ((1-t) σ(x) - w t (1-σ(x)))} (overwrites dLogits).
     *
     * @param dLogits n floats
     * @param logits x, n floats
     * @param targets t, n floats
     * @param posWeight w
     * @param scale a factor on every element's gradient (1/n when the loss is averaged)
     * @param n the number of elements
     */
    void bceWithLogitsBackward(Storage dLogits, Storage logits, Storage targets, float posWeight, float scale, int n);

    /**
     * Binary cross-entropy on probabilities clamped to [eps, 1-eps]: loss[i] = -(t ln p + (1-t) ln(1-p))
     * (overwrites loss).
     *
     * @param loss n floats
     * @param probs p, n floats
     * @param targets t, n floats
     * @param eps the clamp margin
     * @param n the number of elements
     */
    void bceForward(Storage loss, Storage probs, Storage targets, float eps, int n);

    /**
     * dProbs[i] = scale · (p - t) / (p (1 - p)) with p clamped; zero gradient where clamped (overwrites dProbs).
     *
     * @param dProbs n floats
     * @param probs p, n floats
     * @param targets t, n floats
     * @param eps the clamp margin
     * @param scale a factor on every element's gradient (1/n when the loss is averaged)
     * @param n the number of elements
     */
    void bceBackward(Storage dProbs, Storage probs, Storage targets, float eps, float scale, int n);

    // ---------------------------------------------------------------- randomness

    /**
     * Inverted-dropout mask (overwrites): mask[i] = 1/keep when hash(seed, i) &lt; keep, else 0. The hash is
     * {@link DropoutHash#uniform(long, int)}, so every backend draws the same mask for a seed.
     *
     * @param mask n floats
     * @param keep the probability of keeping a value, in (0, 1]
     * @param seed the mask's seed
     * @param n the number of elements
     */
    void dropoutMask(Storage mask, float keep, long seed, int n);

    // ---------------------------------------------------------------- optimizer updates (in place)

    /**
     * SGD with momentum, Nesterov and (L2) weight decay, as PyTorch defines them:
     * g = grad + wd·p; v = momentum·v + g; p -= lr · (nesterov ? g + momentum·v : v).
     * With momentum 0, velocity may be null. Updates param and velocity in place.
     *
     * @param param p, n floats
     * @param grad n floats (read only)
     * @param velocity v, n floats, or null when momentum is 0
     * @param n the number of elements
     * @param lr the learning rate
     * @param momentum the momentum factor
     * @param weightDecay wd
     * @param nesterov whether to use Nesterov momentum
     */
    void sgdUpdate(
            Storage param,
            Storage grad,
            Storage velocity,
            int n,
            float lr,
            float momentum,
            float weightDecay,
            boolean nesterov);

    /**
     * Adam / AdamW at step t (1-based): with decoupled weight decay p -= lr·wd·p first (AdamW),
     * otherwise g += wd·p (Adam's L2). m = b1 m + (1-b1) g; v = b2 v + (1-b2) g²;
     * p -= lr · (m / (1-b1^t)) / (sqrt(v / (1-b2^t)) + eps). Updates param, m and v in place.
     *
     * @param param p, n floats
     * @param grad n floats (read only)
     * @param m the first-moment estimate, n floats
     * @param v the second-moment estimate, n floats
     * @param n the number of elements
     * @param lr the learning rate
     * @param beta1 b1
     * @param beta2 b2
     * @param eps added to the denominator
     * @param weightDecay wd
     * @param decoupledWeightDecay true for AdamW, false for Adam's L2
     * @param step t, counted from 1
     */
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

    /** Makes sure all queued work is finished (a no-op on the CPU). */
    default void synchronize() {}
}
