// Batch normalisation per channel of NCHW (m = N*H*W values per channel), used when cuDNN is
// not loaded. As org.jgrad.backend.cpu.ReferenceBatchNorm:
//   forward:  xhat = (x - mean) invStd, y = gamma xhat + beta, invStd = 1/sqrt(var + eps)
//   backward: dBeta = sum dy, dGamma = sum dy xhat, dx = gamma invStd / m (m dy - dBeta - xhat dGamma)
// Per-channel sums run one block per channel and accumulate in double, as the reference does.
#include "common.cuh"

#define BN_THREADS 512

__device__ double block_sum_double(double v) {
    __shared__ double partial[32];
    for (int offset = 16; offset > 0; offset >>= 1) v += __shfl_down_sync(0xffffffffu, v, offset);
    int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
    if (lane == 0) partial[warp] = v;
    __syncthreads();
    if (warp == 0) {
        v = lane < (blockDim.x >> 5) ? partial[lane] : 0.0;
        for (int offset = 16; offset > 0; offset >>= 1) v += __shfl_down_sync(0xffffffffu, v, offset);
        if (lane == 0) partial[0] = v;
    }
    __syncthreads();
    double total = partial[0];
    __syncthreads();
    return total;
}

// Element e of channel c (e < n * spatial) lives at (e / spatial * channels + c) * spatial + e % spatial.
__device__ __forceinline__ long long channel_element(int c, long long e, int channels, int spatial) {
    return (e / spatial * channels + c) * (long long)spatial + e % spatial;
}

// One block per channel: batch mean and invStd, running statistics (unbiased variance).
extern "C" __global__ void bn_statistics(float* saveMean, float* saveInvStd, float* runningMean, float* runningVar,
                                         const float* x, int n, int channels, int spatial, float momentum, float eps) {
    int c = blockIdx.x;
    long long m = (long long)n * spatial;
    double sum = 0.0;
    for (long long e = threadIdx.x; e < m; e += blockDim.x) sum += x[channel_element(c, e, channels, spatial)];
    double mean = block_sum_double(sum) / m;
    double sq = 0.0;
    for (long long e = threadIdx.x; e < m; e += blockDim.x) {
        double d = x[channel_element(c, e, channels, spatial)] - mean;
        sq += d * d;
    }
    sq = block_sum_double(sq);
    if (threadIdx.x == 0) {
        double var = sq / m;
        saveMean[c] = (float)mean;
        saveInvStd[c] = (float)(1.0 / sqrt(var + eps));
        if (runningMean != nullptr) {
            double unbiased = m > 1 ? sq / (m - 1) : var;
            runningMean[c] = (float)((1 - momentum) * runningMean[c] + momentum * mean);
            runningVar[c] = (float)((1 - momentum) * runningVar[c] + momentum * unbiased);
        }
    }
}

// y = x * scale + shift with scale = gamma invStd, shift = beta - mean scale.
extern "C" __global__ void bn_apply(float* y, const float* x, const float* gamma, const float* beta,
                                    const float* mean, const float* invStd, int channels, int spatial, int total) {
    GRID_STRIDE_LOOP(i, total) {
        int c = (i / spatial) % channels;
        float scale = gamma[c] * invStd[c];
        float shift = beta[c] - mean[c] * scale;
        y[i] = x[i] * scale + shift;
    }
}

// Evaluation: scale = gamma / sqrt(runningVar + eps), shift = beta - runningMean scale.
extern "C" __global__ void bn_inference(float* y, const float* x, const float* gamma, const float* beta,
                                        const float* runningMean, const float* runningVar, float eps,
                                        int channels, int spatial, int total) {
    GRID_STRIDE_LOOP(i, total) {
        int c = (i / spatial) % channels;
        float scale = gamma[c] / sqrtf(runningVar[c] + eps);
        float shift = beta[c] - runningMean[c] * scale;
        y[i] = x[i] * scale + shift;
    }
}

// One block per channel: dBeta = sum dy, dGamma = sum dy xhat (also kept in double in sums[2c], sums[2c+1]).
extern "C" __global__ void bn_backward_sums(float* dGamma, float* dBeta, double* sums, const float* dy, const float* x,
                                            const float* mean, const float* invStd, int n, int channels, int spatial) {
    int c = blockIdx.x;
    long long m = (long long)n * spatial;
    float mu = mean[c], is = invStd[c];
    double sumDy = 0.0, sumDyXhat = 0.0;
    for (long long e = threadIdx.x; e < m; e += blockDim.x) {
        long long at = channel_element(c, e, channels, spatial);
        float d = dy[at];
        sumDy += d;
        sumDyXhat += d * (x[at] - mu) * is;
    }
    sumDy = block_sum_double(sumDy);
    sumDyXhat = block_sum_double(sumDyXhat);
    if (threadIdx.x == 0) {
        dBeta[c] = (float)sumDy;
        dGamma[c] = (float)sumDyXhat;
        sums[2 * c] = sumDy;
        sums[2 * c + 1] = sumDyXhat;
    }
}

// dx = gamma invStd / m (m dy - dBeta - xhat dGamma) in double, reading the sums written above.
extern "C" __global__ void bn_backward_apply(float* dx, const float* dy, const float* x, const float* gamma,
                                             const float* mean, const float* invStd, const double* sums,
                                             int n, int channels, int spatial, int total) {
    double m = (double)n * spatial;
    GRID_STRIDE_LOOP(i, total) {
        int c = (i / spatial) % channels;
        double k = (double)(gamma[c] * invStd[c]) / m;
        double xhat = (double)(x[i] - mean[c]) * invStd[c];
        dx[i] = (float)(k * (m * dy[i] - sums[2 * c] - xhat * sums[2 * c + 1]));
    }
}
