// Convolution by lowering to matrix products, used when cuDNN is not loaded (see CudaConvLowered).
// For a chunk of nb images starting at n0, with CRS = C*R*S rows and L = nb*P*Q columns:
//   im2col:  col[(c,r,s), (b,p,q)] = x[n0+b, c, p*sh - ph + r, q*sw - pw + s]  (0 outside)
//   forward: tmp[K, L] = W[K, CRS] col;           y[n0+b, k, p, q] = tmp[k, (b,p,q)] + bias[k]
//   data:    col = W^T dYt;  dx[n0+b, c, h, w] = sum over (r, s) of the col entries that read (h, w)
//   filter:  dW += dYt col^T, with dYt[k, (b,p,q)] = dy[n0+b, k, p, q]
#include "common.cuh"

struct ConvArgs {
    int n0, nb;                     // chunk of images
    int channels, height, width;    // C, H, W
    int outChannels, outH, outW;    // K, P, Q
    int kernelH, kernelW, strideH, strideW, padH, padW;
};

extern "C" __global__ void im2col(float* col, const float* x, ConvArgs g) {
    long long pq = (long long)g.outH * g.outW;
    long long columns = g.nb * pq;
    long long total = (long long)g.channels * g.kernelH * g.kernelW * columns;
    GRID_STRIDE_LOOP(idx, total) {
        long long row = idx / columns, column = idx % columns;
        int s = row % g.kernelW, r = (row / g.kernelW) % g.kernelH, c = row / (g.kernelW * g.kernelH);
        int b = column / pq, q = column % g.outW, p = (column / g.outW) % g.outH;
        int h = p * g.strideH - g.padH + r, w = q * g.strideW - g.padW + s;
        float v = 0.f;
        if (h >= 0 && h < g.height && w >= 0 && w < g.width) {
            v = x[(((long long)(g.n0 + b) * g.channels + c) * g.height + h) * g.width + w];
        }
        col[idx] = v;
    }
}

// Gathers, for every input element of the chunk, the col entries that were read from it.
extern "C" __global__ void col2im(float* dx, const float* col, ConvArgs g) {
    long long pq = (long long)g.outH * g.outW;
    long long columns = g.nb * pq;
    long long total = (long long)g.nb * g.channels * g.height * g.width;
    GRID_STRIDE_LOOP(idx, total) {
        int w = idx % g.width, h = (idx / g.width) % g.height;
        int c = (idx / ((long long)g.width * g.height)) % g.channels;
        int b = idx / ((long long)g.width * g.height * g.channels);
        float sum = 0.f;
        for (int r = 0; r < g.kernelH; r++) {
            int ph = h + g.padH - r;
            if (ph < 0 || ph % g.strideH != 0) continue;
            int p = ph / g.strideH;
            if (p >= g.outH) continue;
            for (int s = 0; s < g.kernelW; s++) {
                int qw = w + g.padW - s;
                if (qw < 0 || qw % g.strideW != 0) continue;
                int q = qw / g.strideW;
                if (q >= g.outW) continue;
                long long row = ((long long)c * g.kernelH + r) * g.kernelW + s;
                sum += col[row * columns + b * pq + (long long)p * g.outW + q];
            }
        }
        dx[((long long)g.n0 * g.channels * g.height * g.width) + idx] = sum;
    }
}

// y[n0+b, k, pq] = tmp[k, b*PQ + pq] + bias[k]   (bias may be null)
extern "C" __global__ void knpq_to_nkpq(float* y, const float* tmp, const float* bias, ConvArgs g) {
    long long pq = (long long)g.outH * g.outW;
    long long total = (long long)g.nb * g.outChannels * pq;
    GRID_STRIDE_LOOP(idx, total) {
        long long e = idx % pq;
        int k = (idx / pq) % g.outChannels;
        long long b = idx / (pq * g.outChannels);
        float v = tmp[(long long)k * g.nb * pq + b * pq + e];
        y[(long long)g.n0 * g.outChannels * pq + idx] = bias == nullptr ? v : v + bias[k];
    }
}

// tmp[k, b*PQ + pq] = dy[n0+b, k, pq]
extern "C" __global__ void nkpq_to_knpq(float* tmp, const float* dy, ConvArgs g) {
    long long pq = (long long)g.outH * g.outW;
    long long total = (long long)g.nb * g.outChannels * pq;
    GRID_STRIDE_LOOP(idx, total) {
        long long e = idx % pq;
        int k = (idx / pq) % g.outChannels;
        long long b = idx / (pq * g.outChannels);
        tmp[(long long)k * g.nb * pq + b * pq + e] = dy[(long long)g.n0 * g.outChannels * pq + idx];
    }
}
