package org.jgrad.backend.cpu;

/**
 * Batch normalisation per channel of NCHW, over the m = N·H·W values of each channel.
 * Forward:  xhat = (x - mean) · invStd,  y = gamma · xhat + beta,  invStd = 1/sqrt(var + eps).
 * Backward (derived in docs/ENGINE.md):
 *   dBeta = Σ dy,  dGamma = Σ dy · xhat,
 *   dx = gamma · invStd / m · (m · dy - dBeta - xhat · dGamma).
 * Sums are taken in double so that large channels do not lose precision.
 */
final class ReferenceBatchNorm {
    private ReferenceBatchNorm() {}

    static void forwardTraining(
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
            float eps) {
        int m = n * spatial;
        for (int c = 0; c < channels; c++) {
            double sum = 0;
            for (int b = 0; b < n; b++) {
                int base = (b * channels + c) * spatial;
                for (int s = 0; s < spatial; s++) sum += x[base + s];
            }
            double mean = sum / m;
            double sq = 0;
            for (int b = 0; b < n; b++) {
                int base = (b * channels + c) * spatial;
                for (int s = 0; s < spatial; s++) {
                    double d = x[base + s] - mean;
                    sq += d * d;
                }
            }
            float invStd =
                    storeStatistics(c, mean, sq, m, eps, momentum, saveMean, saveInvStd, runningMean, runningVar);
            float scale = gamma[c] * invStd;
            float shift = beta[c] - (float) mean * scale;
            for (int b = 0; b < n; b++) {
                int base = (b * channels + c) * spatial;
                for (int s = 0; s < spatial; s++) y[base + s] = x[base + s] * scale + shift;
            }
        }
    }

    /**
     * From channel c's mean and sum of squared deviations sq over m values: saves the mean and
     * invStd = 1/sqrt(sq/m + eps) for the backward pass, updates the running statistics (unbiased
     * variance sq/(m-1)) unless they are null, and returns invStd. Shared with FastBatchNorm.
     */
    static float storeStatistics(
            int c,
            double mean,
            double sq,
            int m,
            float eps,
            float momentum,
            float[] saveMean,
            float[] saveInvStd,
            float[] runningMean,
            float[] runningVar) {
        double var = sq / m;
        float invStd = (float) (1.0 / Math.sqrt(var + eps));
        saveMean[c] = (float) mean;
        saveInvStd[c] = invStd;
        if (runningMean != null) {
            double unbiased = m > 1 ? sq / (m - 1) : var;
            runningMean[c] = (float) ((1 - momentum) * runningMean[c] + momentum * mean);
            runningVar[c] = (float) ((1 - momentum) * runningVar[c] + momentum * unbiased);
        }
        return invStd;
    }

    static void forwardInference(
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
        for (int c = 0; c < channels; c++) {
            float scale = gamma[c] / (float) Math.sqrt(runningVar[c] + eps);
            float shift = beta[c] - runningMean[c] * scale;
            for (int b = 0; b < n; b++) {
                int base = (b * channels + c) * spatial;
                for (int s = 0; s < spatial; s++) y[base + s] = x[base + s] * scale + shift;
            }
        }
    }

    static void backward(
            float[] dx,
            float[] dGamma,
            float[] dBeta,
            float[] dy,
            float[] x,
            float[] gamma,
            float[] saveMean,
            float[] saveInvStd,
            int n,
            int channels,
            int spatial) {
        int m = n * spatial;
        for (int c = 0; c < channels; c++) {
            float mean = saveMean[c], invStd = saveInvStd[c];
            double sumDy = 0, sumDyXhat = 0;
            for (int b = 0; b < n; b++) {
                int base = (b * channels + c) * spatial;
                for (int s = 0; s < spatial; s++) {
                    float d = dy[base + s];
                    sumDy += d;
                    sumDyXhat += d * (x[base + s] - mean) * invStd;
                }
            }
            dBeta[c] = (float) sumDy;
            dGamma[c] = (float) sumDyXhat;
            double k = gamma[c] * invStd / m;
            for (int b = 0; b < n; b++) {
                int base = (b * channels + c) * spatial;
                for (int s = 0; s < spatial; s++) {
                    double xhat = (x[base + s] - mean) * invStd;
                    dx[base + s] = (float) (k * (m * dy[base + s] - sumDy - xhat * sumDyXhat));
                }
            }
        }
    }
}
