package org.jgrad.backend.cpu;

/**
 * Batch normalisation with the channels shared among threads and vector loops over each
 * (image, channel) row of H·W values; the formulas are {@link ReferenceBatchNorm}'s. Each row's
 * sum is taken in float lanes and the rows of a channel are added in double, so the statistics
 * stay accurate for large batches; the per-element maps run in float.
 *
 * <p>Training's batch-norm + ReLU runs as one pass each way: the forward applies the ReLU as it
 * writes (the normalised values are never stored), the backward gates the output gradient by the
 * output's sign inside its sums and its last map (no gated copy of it is written and read back).
 * The values are those of the two kernels one after the other, bit for bit.
 */
final class FastBatchNorm {
    private final Parallel parallel;

    FastBatchNorm(Parallel parallel) {
        this.parallel = parallel;
    }

    /** Training's forward; with {@code relu}, y = relu(batchNorm(x)) written in the same pass. */
    void forwardTraining(
            float[] y,
            float[] saveMean,
            float[] saveInvStd,
            float[] runningMean,
            float[] runningVar,
            float[] x,
            float[] gamma,
            float[] beta,
            int n,
            int channels,
            int spatial,
            float momentum,
            float eps,
            boolean relu) {
        int m = n * spatial;
        forChannels(n, channels, spatial, (from, to, part) -> {
            for (int c = from; c < to; c++) {
                double sum = 0;
                for (int b = 0; b < n; b++) sum += VectorKernels.sum(x, (b * channels + c) * spatial, spatial);
                double mean = sum / m;
                double sq = 0;
                for (int b = 0; b < n; b++) {
                    sq += VectorKernels.sumOfSquaredDeviations(x, (b * channels + c) * spatial, spatial, (float) mean);
                }
                float invStd = ReferenceBatchNorm.storeStatistics(
                        c, mean, sq, m, eps, momentum, saveMean, saveInvStd, runningMean, runningVar);
                float scale = gamma[c] * invStd;
                float shift = beta[c] - (float) mean * scale;
                for (int b = 0; b < n; b++) {
                    int row = (b * channels + c) * spatial;
                    if (relu) VectorKernels.scaleShiftRelu(y, x, row, spatial, scale, shift);
                    else VectorKernels.scaleShift(y, x, row, spatial, scale, shift);
                }
            }
        });
    }

    void forwardInference(
            float[] y,
            float[] x,
            float[] gamma,
            float[] beta,
            float[] runningMean,
            float[] runningVar,
            int n,
            int channels,
            int spatial,
            float eps) {
        forChannels(n, channels, spatial, (from, to, part) -> {
            for (int c = from; c < to; c++) {
                float scale = gamma[c] / (float) Math.sqrt(runningVar[c] + eps);
                float shift = beta[c] - runningMean[c] * scale;
                for (int b = 0; b < n; b++)
                    VectorKernels.scaleShift(y, x, (b * channels + c) * spatial, spatial, scale, shift);
            }
        });
    }

    /** The backward pass; gate is the ReLU's output (dy counts where it is positive), or null for none. */
    void backward(
            float[] dx,
            float[] dGamma,
            float[] dBeta,
            float[] dy,
            float[] gate,
            float[] x,
            float[] gamma,
            float[] saveMean,
            float[] saveInvStd,
            int n,
            int channels,
            int spatial) {
        int m = n * spatial;
        forChannels(n, channels, spatial, (from, to, part) -> {
            for (int c = from; c < to; c++) {
                float mean = saveMean[c], invStd = saveInvStd[c];
                double sumDy = 0, sumDyCentred = 0;
                for (int b = 0; b < n; b++) {
                    int row = (b * channels + c) * spatial;
                    if (gate == null) {
                        sumDy += VectorKernels.sum(dy, row, spatial);
                        sumDyCentred += VectorKernels.sumOfProductsCentred(dy, x, row, spatial, mean);
                    } else {
                        sumDy += VectorKernels.sumGated(dy, gate, row, spatial);
                        sumDyCentred += VectorKernels.sumOfProductsCentredGated(dy, gate, x, row, spatial, mean);
                    }
                }
                double sumDyXhat = sumDyCentred * invStd;
                dBeta[c] = (float) sumDy;
                dGamma[c] = (float) sumDyXhat;
                float k = (float) (gamma[c] * invStd / m);
                for (int b = 0; b < n; b++) {
                    int row = (b * channels + c) * spatial;
                    if (gate == null) {
                        VectorKernels.batchNormInputGradient(
                                dx, dy, x, row, spatial, k, m, (float) sumDy, mean, invStd, (float) sumDyXhat);
                    } else {
                        VectorKernels.batchNormReluInputGradient(
                                dx, dy, gate, x, row, spatial, k, m, (float) sumDy, mean, invStd, (float) sumDyXhat);
                    }
                }
            }
        });
    }

    private void forChannels(int n, int channels, int spatial, Parallel.RangeBody body) {
        int perChannel = Math.max(1, n * spatial);
        parallel.forRange(channels, Math.max(1, Tuning.STREAM_MIN_CHUNK / perChannel), body);
    }
}
