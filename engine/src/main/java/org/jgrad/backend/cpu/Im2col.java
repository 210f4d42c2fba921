package org.jgrad.backend.cpu;

import java.util.Arrays;
import org.jgrad.backend.ConvGeometry;

/**
 * Unfolding one image into the im2col matrix and folding a gradient back. For filter tap
 * (c, r, s) and output position (i, j):
 * <pre>
 * col[(c·R + r)·S + s, i·Q + j] = x[c, i·strideH + r - padH, j·strideW + s - padW]   (0 outside the image)
 * col2im: dx[c, ih, iw] = Σ of every dcol entry that im2col read from (c, ih, iw)
 * </pre>
 * With stride 1 each row segment is one contiguous copy (or vector add) with zeros at the borders.
 */
final class Im2col {
    private Im2col() {}

    /** Fills col[CRS × PQ] from the image that starts at x[xOff]. */
    static void im2col(float[] col, float[] x, int xOff, ConvGeometry g) {
        int outH = g.outHeight(), outW = g.outWidth(), pq = outH * outW;
        int row = 0;
        for (int c = 0; c < g.inChannels(); c++) {
            int plane = xOff + c * g.height() * g.width();
            for (int r = 0; r < g.kernelH(); r++) {
                for (int s = 0; s < g.kernelW(); s++, row++) {
                    int dst = row * pq;
                    for (int i = 0; i < outH; i++, dst += outW) {
                        int ih = i * g.strideH() - g.padH() + r;
                        if (ih < 0 || ih >= g.height()) {
                            Arrays.fill(col, dst, dst + outW, 0f);
                            continue;
                        }
                        int src = plane + ih * g.width();
                        int iw0 = s - g.padW(); // input column of output column 0
                        if (g.strideW() == 1) {
                            int jLo = Math.max(0, -iw0), jHi = Math.min(outW, g.width() - iw0);
                            if (jHi <= jLo) {
                                Arrays.fill(col, dst, dst + outW, 0f);
                                continue;
                            }
                            if (jLo > 0) Arrays.fill(col, dst, dst + jLo, 0f);
                            System.arraycopy(x, src + iw0 + jLo, col, dst + jLo, jHi - jLo);
                            if (jHi < outW) Arrays.fill(col, dst + jHi, dst + outW, 0f);
                        } else {
                            for (int j = 0; j < outW; j++) {
                                int iw = iw0 + j * g.strideW();
                                col[dst + j] = iw >= 0 && iw < g.width() ? x[src + iw] : 0f;
                            }
                        }
                    }
                }
            }
        }
    }

    /** Overwrites the image gradient that starts at dx[dxOff] with the fold of dcol[CRS × PQ]. */
    static void col2im(float[] dx, int dxOff, float[] dcol, ConvGeometry g) {
        int outH = g.outHeight(), outW = g.outWidth(), pq = outH * outW;
        Arrays.fill(dx, dxOff, dxOff + g.inChannels() * g.height() * g.width(), 0f);
        int row = 0;
        for (int c = 0; c < g.inChannels(); c++) {
            int plane = dxOff + c * g.height() * g.width();
            for (int r = 0; r < g.kernelH(); r++) {
                for (int s = 0; s < g.kernelW(); s++, row++) {
                    int src = row * pq;
                    for (int i = 0; i < outH; i++, src += outW) {
                        int ih = i * g.strideH() - g.padH() + r;
                        if (ih < 0 || ih >= g.height()) continue;
                        int dst = plane + ih * g.width();
                        int iw0 = s - g.padW();
                        if (g.strideW() == 1) {
                            int jLo = Math.max(0, -iw0), jHi = Math.min(outW, g.width() - iw0);
                            if (jHi > jLo) VectorKernels.addInto(dx, dst + iw0 + jLo, dcol, src + jLo, jHi - jLo);
                        } else {
                            for (int j = 0; j < outW; j++) {
                                int iw = iw0 + j * g.strideW();
                                if (iw >= 0 && iw < g.width()) dx[dst + iw] += dcol[src + j];
                            }
                        }
                    }
                }
            }
        }
    }
}
