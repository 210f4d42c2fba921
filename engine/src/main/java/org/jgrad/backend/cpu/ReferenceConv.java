package org.jgrad.backend.cpu;

import org.jgrad.backend.ConvGeometry;

/**
 * Direct convolution loops (cross-correlation, as every framework computes "conv").
 * Forward:   y[n,o,i,j] = b[o] + Σ_{c,p,q} x[n,c, i·s - pad + p, j·s - pad + q] · w[o,c,p,q]
 * Backward:  dx[n,c,ih,iw] += dy[n,o,i,j] · w[o,c,p,q]   and   dw[o,c,p,q] += dy[n,o,i,j] · x[n,c,ih,iw]
 *            for every (i, j, p, q) that reads input position (ih, iw); db[o] = Σ dy[n,o,·,·].
 * The backward loops are the forward loops with the multiply-add turned around.
 */
final class ReferenceConv {
    private ReferenceConv() {}

    static void forward(float[] y, float[] x, float[] w, float[] bias, ConvGeometry g) {
        int outH = g.outHeight(), outW = g.outWidth();
        for (int n = 0; n < g.n(); n++)
            for (int o = 0; o < g.outChannels(); o++)
                for (int i = 0; i < outH; i++)
                    for (int j = 0; j < outW; j++) {
                        float sum = bias == null ? 0f : bias[o];
                        for (int c = 0; c < g.inChannels(); c++)
                            for (int p = 0; p < g.kernelH(); p++) {
                                int ih = i * g.strideH() - g.padH() + p;
                                if (ih < 0 || ih >= g.height()) continue;
                                for (int q = 0; q < g.kernelW(); q++) {
                                    int iw = j * g.strideW() - g.padW() + q;
                                    if (iw < 0 || iw >= g.width()) continue;
                                    sum += x[((n * g.inChannels() + c) * g.height() + ih) * g.width() + iw]
                                            * w[((o * g.inChannels() + c) * g.kernelH() + p) * g.kernelW() + q];
                                }
                            }
                        y[((n * g.outChannels() + o) * outH + i) * outW + j] = sum;
                    }
    }

    static void backwardData(float[] dx, float[] dy, float[] w, ConvGeometry g) {
        java.util.Arrays.fill(dx, 0, g.inputSize(), 0f);
        int outH = g.outHeight(), outW = g.outWidth();
        for (int n = 0; n < g.n(); n++)
            for (int o = 0; o < g.outChannels(); o++)
                for (int i = 0; i < outH; i++)
                    for (int j = 0; j < outW; j++) {
                        float d = dy[((n * g.outChannels() + o) * outH + i) * outW + j];
                        for (int c = 0; c < g.inChannels(); c++)
                            for (int p = 0; p < g.kernelH(); p++) {
                                int ih = i * g.strideH() - g.padH() + p;
                                if (ih < 0 || ih >= g.height()) continue;
                                for (int q = 0; q < g.kernelW(); q++) {
                                    int iw = j * g.strideW() - g.padW() + q;
                                    if (iw < 0 || iw >= g.width()) continue;
                                    dx[((n * g.inChannels() + c) * g.height() + ih) * g.width() + iw] +=
                                            d * w[((o * g.inChannels() + c) * g.kernelH() + p) * g.kernelW() + q];
                                }
                            }
                    }
    }

    static void backwardFilter(float[] dw, float[] dBias, float[] dy, float[] x, ConvGeometry g) {
        java.util.Arrays.fill(dw, 0, g.weightSize(), 0f);
        if (dBias != null) java.util.Arrays.fill(dBias, 0, g.outChannels(), 0f);
        int outH = g.outHeight(), outW = g.outWidth();
        for (int n = 0; n < g.n(); n++)
            for (int o = 0; o < g.outChannels(); o++)
                for (int i = 0; i < outH; i++)
                    for (int j = 0; j < outW; j++) {
                        float d = dy[((n * g.outChannels() + o) * outH + i) * outW + j];
                        if (dBias != null) dBias[o] += d;
                        for (int c = 0; c < g.inChannels(); c++)
                            for (int p = 0; p < g.kernelH(); p++) {
                                int ih = i * g.strideH() - g.padH() + p;
                                if (ih < 0 || ih >= g.height()) continue;
                                for (int q = 0; q < g.kernelW(); q++) {
                                    int iw = j * g.strideW() - g.padW() + q;
                                    if (iw < 0 || iw >= g.width()) continue;
                                    dw[((o * g.inChannels() + c) * g.kernelH() + p) * g.kernelW() + q] +=
                                            d * x[((n * g.inChannels() + c) * g.height() + ih) * g.width() + iw];
                                }
                            }
                    }
    }
}
