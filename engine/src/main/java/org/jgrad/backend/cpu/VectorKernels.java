package org.jgrad.backend.cpu;

// spotless:off   (the register tiles are laid out one row of accumulators per line, as the hardware sees them)

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;
import org.jgrad.backend.BinaryOp;
import org.jgrad.backend.UnaryOp;

/**
 * With {@link GemmKernels}, the only classes that touch {@code jdk.incubator.vector}: the innermost
 * loops of the fast CPU backend, written with SIMD vectors of the machine's preferred width (16 floats with AVX-512,
 * 8 with AVX2). Every loop has a scalar tail for the last {@code n mod LANES} elements, so any
 * length works. Each method works on a range of flat arrays; blocking, packing and threads live
 * in the callers ({@link FastGemm}, {@link FastConv}, ...), which never load this class unless
 * {@link VectorModule#usable()} said yes.
 *
 * <p>Elementwise kernels use the same operations in the same order as the reference loops (no
 * fused multiply-add where the reference rounds twice), so their results are bit-identical;
 * only the GEMM micro-kernels (FMA), the convolution tiles and the sums (lane-parallel order) round differently.
 *
 * <p>{@code -Djgrad.cpu.vectorBits=128|256|512} picks a narrower species than the preferred one,
 * for tests and for comparing widths.
 */
final class VectorKernels {
    private VectorKernels() { }

    static final VectorSpecies<Float> SPECIES = chooseSpecies();
    static final int LANES = SPECIES.length();

    private static VectorSpecies<Float> chooseSpecies() {
        String bits = System.getProperty("jgrad.cpu.vectorBits");
        if (bits == null || bits.isBlank()) return FloatVector.SPECIES_PREFERRED;
        VectorSpecies<Float> wanted = VectorSpecies.of(float.class, VectorShape.forBitSize(Integer.parseInt(bits.trim())));
        return wanted.length() <= FloatVector.SPECIES_PREFERRED.length() ? wanted : FloatVector.SPECIES_PREFERRED;
    }

    /** e.g. "512-bit vectors (16 floats)". */
    static String describe() {
        return SPECIES.vectorBitSize() + "-bit vectors (" + LANES + " floats)";
    }

    // ================================================================ direct convolution (stride 1)

    /** Vector segments (LANES consecutive output pixels of one row) of one direct-convolution tile. */
    static final int CONV_SEGMENTS = 3;

    /** One forward tile of {@link ConvTileChoice#CHANNELS} channels × 3 segments: see {@link #convTile8}. */
    static void convTile(int taps, int[] tapOffsets, float[] w, int wOff, float[] x, int x0, int x1, int x2,
                         float[] bias, int biasOff, float[] y, int y0, int y1, int y2, int yStride) {
        convTile(ConvTileChoice.CHANNELS, taps, tapOffsets, w, wOff, x, x0, x1, x2, bias, biasOff, y, y0, y1, y2, yStride);
    }

    /** One forward tile of {@code channels} (8, 4 or 3) channels × 3 segments; ConvTileChoice times each block through it. */
    static void convTile(int channels, int taps, int[] tapOffsets, float[] w, int wOff, float[] x, int x0, int x1, int x2,
                         float[] bias, int biasOff, float[] y, int y0, int y1, int y2, int yStride) {
        if (channels == 8) convTile8(taps, tapOffsets, w, wOff, x, x0, x1, x2, bias, biasOff, y, y0, y1, y2, yStride);
        else if (channels == 4) convTile4(taps, tapOffsets, w, wOff, x, x0, x1, x2, bias, biasOff, y, y0, y1, y2, yStride);
        else convTile3(taps, tapOffsets, w, wOff, x, x0, x1, x2, bias, biasOff, y, y0, y1, y2, yStride);
    }

    /** One filter-gradient tile of {@link ConvTileChoice#FILTER_CHANNELS} channels × 3 taps: see {@link #convFilterTile8}. */
    static void convFilterTile(int from, int count, int[] dySegments, int[] xSegments, float[] dy, int dyOff, int dyStride,
                               float[] x, int t0, int t1, int t2, float[] acc, int accOff) {
        if (ConvTileChoice.FILTER_CHANNELS == 8) convFilterTile8(from, count, dySegments, xSegments, dy, dyOff, dyStride, x, t0, t1, t2, acc, accOff);
        else convFilterTile4(from, count, dySegments, xSegments, dy, dyOff, dyStride, x, t0, t1, t2, acc, accOff);
    }

    /**
     * One tile of a stride-1 convolution: 8 output channels × 3 segments of LANES output pixels.
     * For every filter tap t (a channel c and offset (r, s), at x offset tapOffsets[t]) it loads the
     * three input vectors x[xv + tapOffsets[t]] and multiplies each by the 8 weights of that tap,
     * packed as w[wOff + t·8 + k]:
     * <pre>y[yv + k·yStride + lane] = bias[k] + Σ_t w[t, k] · x[xv + tapOffsets[t] + lane]</pre>
     * The input is a zero-padded image, so a tap never needs a bounds test. Same register budget as
     * the GEMM tile: 24 accumulators, 3 loads and 8 broadcasts per 24 FMAs.
     */
    static void convTile8(int taps, int[] tapOffsets, float[] w, int wOff, float[] x, int x0, int x1, int x2,
                          float[] bias, int biasOff, float[] y, int y0, int y1, int y2, int yStride) {
        final VectorSpecies<Float> s = SPECIES;
        FloatVector a00, a01, a02, a10, a11, a12, a20, a21, a22, a30, a31, a32,
                a40, a41, a42, a50, a51, a52, a60, a61, a62, a70, a71, a72;
        if (bias != null) {
            a00 = FloatVector.broadcast(s, bias[biasOff]);     a01 = a00; a02 = a00;
            a10 = FloatVector.broadcast(s, bias[biasOff + 1]); a11 = a10; a12 = a10;
            a20 = FloatVector.broadcast(s, bias[biasOff + 2]); a21 = a20; a22 = a20;
            a30 = FloatVector.broadcast(s, bias[biasOff + 3]); a31 = a30; a32 = a30;
            a40 = FloatVector.broadcast(s, bias[biasOff + 4]); a41 = a40; a42 = a40;
            a50 = FloatVector.broadcast(s, bias[biasOff + 5]); a51 = a50; a52 = a50;
            a60 = FloatVector.broadcast(s, bias[biasOff + 6]); a61 = a60; a62 = a60;
            a70 = FloatVector.broadcast(s, bias[biasOff + 7]); a71 = a70; a72 = a70;
        } else {
            FloatVector z = FloatVector.zero(s);
            a00 = z; a01 = z; a02 = z; a10 = z; a11 = z; a12 = z; a20 = z; a21 = z; a22 = z; a30 = z; a31 = z; a32 = z;
            a40 = z; a41 = z; a42 = z; a50 = z; a51 = z; a52 = z; a60 = z; a61 = z; a62 = z; a70 = z; a71 = z; a72 = z;
        }
        for (int t = 0, wt = wOff; t < taps; t++, wt += 8) {
            int off = tapOffsets[t];
            FloatVector v0 = FloatVector.fromArray(s, x, x0 + off);
            FloatVector v1 = FloatVector.fromArray(s, x, x1 + off);
            FloatVector v2 = FloatVector.fromArray(s, x, x2 + off);
            FloatVector c;
            c = FloatVector.broadcast(s, w[wt]);     a00 = c.fma(v0, a00); a01 = c.fma(v1, a01); a02 = c.fma(v2, a02);
            c = FloatVector.broadcast(s, w[wt + 1]); a10 = c.fma(v0, a10); a11 = c.fma(v1, a11); a12 = c.fma(v2, a12);
            c = FloatVector.broadcast(s, w[wt + 2]); a20 = c.fma(v0, a20); a21 = c.fma(v1, a21); a22 = c.fma(v2, a22);
            c = FloatVector.broadcast(s, w[wt + 3]); a30 = c.fma(v0, a30); a31 = c.fma(v1, a31); a32 = c.fma(v2, a32);
            c = FloatVector.broadcast(s, w[wt + 4]); a40 = c.fma(v0, a40); a41 = c.fma(v1, a41); a42 = c.fma(v2, a42);
            c = FloatVector.broadcast(s, w[wt + 5]); a50 = c.fma(v0, a50); a51 = c.fma(v1, a51); a52 = c.fma(v2, a52);
            c = FloatVector.broadcast(s, w[wt + 6]); a60 = c.fma(v0, a60); a61 = c.fma(v1, a61); a62 = c.fma(v2, a62);
            c = FloatVector.broadcast(s, w[wt + 7]); a70 = c.fma(v0, a70); a71 = c.fma(v1, a71); a72 = c.fma(v2, a72);
        }
        a00.intoArray(y, y0); a01.intoArray(y, y1); a02.intoArray(y, y2);
        a10.intoArray(y, y0 + yStride); a11.intoArray(y, y1 + yStride); a12.intoArray(y, y2 + yStride);
        a20.intoArray(y, y0 + 2 * yStride); a21.intoArray(y, y1 + 2 * yStride); a22.intoArray(y, y2 + 2 * yStride);
        a30.intoArray(y, y0 + 3 * yStride); a31.intoArray(y, y1 + 3 * yStride); a32.intoArray(y, y2 + 3 * yStride);
        a40.intoArray(y, y0 + 4 * yStride); a41.intoArray(y, y1 + 4 * yStride); a42.intoArray(y, y2 + 4 * yStride);
        a50.intoArray(y, y0 + 5 * yStride); a51.intoArray(y, y1 + 5 * yStride); a52.intoArray(y, y2 + 5 * yStride);
        a60.intoArray(y, y0 + 6 * yStride); a61.intoArray(y, y1 + 6 * yStride); a62.intoArray(y, y2 + 6 * yStride);
        a70.intoArray(y, y0 + 7 * yStride); a71.intoArray(y, y1 + 7 * yStride); a72.intoArray(y, y2 + 7 * yStride);
    }

    /**
     * One tile of a stride-1 filter gradient: 8 output channels × 3 taps, over the output segments
     * [from, from + count) of a list (LANES pixels each; dy is zero in lanes past a row's end):
     * <pre>acc[k, j] += Σ_segments dy[dyOff + k·dyStride + dySeg] · x[xSeg + tap_j]     (vectors of LANES)</pre>
     * The 24 sums stay vectors of lane-wise partial sums in acc[accOff + (k·3 + j)·LANES ..] between
     * calls (loaded at the start, stored at the end); the caller adds their lanes up once at the very end.
     * A chunk of segments small enough for L1 is run through every tap in turn, so dy comes from L1.
     */
    static void convFilterTile8(int from, int count, int[] dySegments, int[] xSegments, float[] dy, int dyOff, int dyStride,
                                float[] x, int t0, int t1, int t2, float[] acc, int accOff) {
        final VectorSpecies<Float> s = SPECIES;
        final int l = LANES;
        int o = accOff;
        FloatVector a00 = FloatVector.fromArray(s, acc, o), a01 = FloatVector.fromArray(s, acc, o + l), a02 = FloatVector.fromArray(s, acc, o + 2 * l);
        o += 3 * l;
        FloatVector a10 = FloatVector.fromArray(s, acc, o), a11 = FloatVector.fromArray(s, acc, o + l), a12 = FloatVector.fromArray(s, acc, o + 2 * l);
        o += 3 * l;
        FloatVector a20 = FloatVector.fromArray(s, acc, o), a21 = FloatVector.fromArray(s, acc, o + l), a22 = FloatVector.fromArray(s, acc, o + 2 * l);
        o += 3 * l;
        FloatVector a30 = FloatVector.fromArray(s, acc, o), a31 = FloatVector.fromArray(s, acc, o + l), a32 = FloatVector.fromArray(s, acc, o + 2 * l);
        o += 3 * l;
        FloatVector a40 = FloatVector.fromArray(s, acc, o), a41 = FloatVector.fromArray(s, acc, o + l), a42 = FloatVector.fromArray(s, acc, o + 2 * l);
        o += 3 * l;
        FloatVector a50 = FloatVector.fromArray(s, acc, o), a51 = FloatVector.fromArray(s, acc, o + l), a52 = FloatVector.fromArray(s, acc, o + 2 * l);
        o += 3 * l;
        FloatVector a60 = FloatVector.fromArray(s, acc, o), a61 = FloatVector.fromArray(s, acc, o + l), a62 = FloatVector.fromArray(s, acc, o + 2 * l);
        o += 3 * l;
        FloatVector a70 = FloatVector.fromArray(s, acc, o), a71 = FloatVector.fromArray(s, acc, o + l), a72 = FloatVector.fromArray(s, acc, o + 2 * l);
        for (int g = from, end = from + count; g < end; g++) {
            int d = dyOff + dySegments[g], xs = xSegments[g];
            FloatVector v0 = FloatVector.fromArray(s, x, xs + t0);
            FloatVector v1 = FloatVector.fromArray(s, x, xs + t1);
            FloatVector v2 = FloatVector.fromArray(s, x, xs + t2);
            FloatVector e;
            e = FloatVector.fromArray(s, dy, d);                a00 = e.fma(v0, a00); a01 = e.fma(v1, a01); a02 = e.fma(v2, a02);
            e = FloatVector.fromArray(s, dy, d + dyStride);     a10 = e.fma(v0, a10); a11 = e.fma(v1, a11); a12 = e.fma(v2, a12);
            e = FloatVector.fromArray(s, dy, d + 2 * dyStride); a20 = e.fma(v0, a20); a21 = e.fma(v1, a21); a22 = e.fma(v2, a22);
            e = FloatVector.fromArray(s, dy, d + 3 * dyStride); a30 = e.fma(v0, a30); a31 = e.fma(v1, a31); a32 = e.fma(v2, a32);
            e = FloatVector.fromArray(s, dy, d + 4 * dyStride); a40 = e.fma(v0, a40); a41 = e.fma(v1, a41); a42 = e.fma(v2, a42);
            e = FloatVector.fromArray(s, dy, d + 5 * dyStride); a50 = e.fma(v0, a50); a51 = e.fma(v1, a51); a52 = e.fma(v2, a52);
            e = FloatVector.fromArray(s, dy, d + 6 * dyStride); a60 = e.fma(v0, a60); a61 = e.fma(v1, a61); a62 = e.fma(v2, a62);
            e = FloatVector.fromArray(s, dy, d + 7 * dyStride); a70 = e.fma(v0, a70); a71 = e.fma(v1, a71); a72 = e.fma(v2, a72);
        }
        o = accOff;
        a00.intoArray(acc, o); a01.intoArray(acc, o + l); a02.intoArray(acc, o + 2 * l);
        o += 3 * l;
        a10.intoArray(acc, o); a11.intoArray(acc, o + l); a12.intoArray(acc, o + 2 * l);
        o += 3 * l;
        a20.intoArray(acc, o); a21.intoArray(acc, o + l); a22.intoArray(acc, o + 2 * l);
        o += 3 * l;
        a30.intoArray(acc, o); a31.intoArray(acc, o + l); a32.intoArray(acc, o + 2 * l);
        o += 3 * l;
        a40.intoArray(acc, o); a41.intoArray(acc, o + l); a42.intoArray(acc, o + 2 * l);
        o += 3 * l;
        a50.intoArray(acc, o); a51.intoArray(acc, o + l); a52.intoArray(acc, o + 2 * l);
        o += 3 * l;
        a60.intoArray(acc, o); a61.intoArray(acc, o + l); a62.intoArray(acc, o + 2 * l);
        o += 3 * l;
        a70.intoArray(acc, o); a71.intoArray(acc, o + l); a72.intoArray(acc, o + 2 * l);
    }

    /** {@link #convTile8} for 4 output channels (16-register CPUs): 12 accumulators, 3 loads, 1 broadcast. */
    static void convTile4(int taps, int[] tapOffsets, float[] w, int wOff, float[] x, int x0, int x1, int x2,
                          float[] bias, int biasOff, float[] y, int y0, int y1, int y2, int yStride) {
        final VectorSpecies<Float> s = SPECIES;
        FloatVector a00, a01, a02, a10, a11, a12, a20, a21, a22, a30, a31, a32;
        if (bias != null) {
            a00 = FloatVector.broadcast(s, bias[biasOff]);     a01 = a00; a02 = a00;
            a10 = FloatVector.broadcast(s, bias[biasOff + 1]); a11 = a10; a12 = a10;
            a20 = FloatVector.broadcast(s, bias[biasOff + 2]); a21 = a20; a22 = a20;
            a30 = FloatVector.broadcast(s, bias[biasOff + 3]); a31 = a30; a32 = a30;
        } else {
            FloatVector z = FloatVector.zero(s);
            a00 = z; a01 = z; a02 = z; a10 = z; a11 = z; a12 = z; a20 = z; a21 = z; a22 = z; a30 = z; a31 = z; a32 = z;
        }
        for (int t = 0, wt = wOff; t < taps; t++, wt += 4) {
            int off = tapOffsets[t];
            FloatVector v0 = FloatVector.fromArray(s, x, x0 + off);
            FloatVector v1 = FloatVector.fromArray(s, x, x1 + off);
            FloatVector v2 = FloatVector.fromArray(s, x, x2 + off);
            FloatVector c;
            c = FloatVector.broadcast(s, w[wt]);     a00 = c.fma(v0, a00); a01 = c.fma(v1, a01); a02 = c.fma(v2, a02);
            c = FloatVector.broadcast(s, w[wt + 1]); a10 = c.fma(v0, a10); a11 = c.fma(v1, a11); a12 = c.fma(v2, a12);
            c = FloatVector.broadcast(s, w[wt + 2]); a20 = c.fma(v0, a20); a21 = c.fma(v1, a21); a22 = c.fma(v2, a22);
            c = FloatVector.broadcast(s, w[wt + 3]); a30 = c.fma(v0, a30); a31 = c.fma(v1, a31); a32 = c.fma(v2, a32);
        }
        a00.intoArray(y, y0); a01.intoArray(y, y1); a02.intoArray(y, y2);
        a10.intoArray(y, y0 + yStride); a11.intoArray(y, y1 + yStride); a12.intoArray(y, y2 + yStride);
        a20.intoArray(y, y0 + 2 * yStride); a21.intoArray(y, y1 + 2 * yStride); a22.intoArray(y, y2 + 2 * yStride);
        a30.intoArray(y, y0 + 3 * yStride); a31.intoArray(y, y1 + 3 * yStride); a32.intoArray(y, y2 + 3 * yStride);
    }

    /** {@link #convTile8} for 3 output channels (16-register CPUs): 9 accumulators, 3 loads, 1 broadcast. */
    static void convTile3(int taps, int[] tapOffsets, float[] w, int wOff, float[] x, int x0, int x1, int x2,
                          float[] bias, int biasOff, float[] y, int y0, int y1, int y2, int yStride) {
        final VectorSpecies<Float> s = SPECIES;
        FloatVector a00, a01, a02, a10, a11, a12, a20, a21, a22;
        if (bias != null) {
            a00 = FloatVector.broadcast(s, bias[biasOff]);     a01 = a00; a02 = a00;
            a10 = FloatVector.broadcast(s, bias[biasOff + 1]); a11 = a10; a12 = a10;
            a20 = FloatVector.broadcast(s, bias[biasOff + 2]); a21 = a20; a22 = a20;
        } else {
            FloatVector z = FloatVector.zero(s);
            a00 = z; a01 = z; a02 = z; a10 = z; a11 = z; a12 = z; a20 = z; a21 = z; a22 = z;
        }
        for (int t = 0, wt = wOff; t < taps; t++, wt += 3) {
            int off = tapOffsets[t];
            FloatVector v0 = FloatVector.fromArray(s, x, x0 + off);
            FloatVector v1 = FloatVector.fromArray(s, x, x1 + off);
            FloatVector v2 = FloatVector.fromArray(s, x, x2 + off);
            FloatVector c;
            c = FloatVector.broadcast(s, w[wt]);     a00 = c.fma(v0, a00); a01 = c.fma(v1, a01); a02 = c.fma(v2, a02);
            c = FloatVector.broadcast(s, w[wt + 1]); a10 = c.fma(v0, a10); a11 = c.fma(v1, a11); a12 = c.fma(v2, a12);
            c = FloatVector.broadcast(s, w[wt + 2]); a20 = c.fma(v0, a20); a21 = c.fma(v1, a21); a22 = c.fma(v2, a22);
        }
        a00.intoArray(y, y0); a01.intoArray(y, y1); a02.intoArray(y, y2);
        a10.intoArray(y, y0 + yStride); a11.intoArray(y, y1 + yStride); a12.intoArray(y, y2 + yStride);
        a20.intoArray(y, y0 + 2 * yStride); a21.intoArray(y, y1 + 2 * yStride); a22.intoArray(y, y2 + 2 * yStride);
    }

    /** {@link #convFilterTile8} for 4 output channels (16-register CPUs): 12 accumulators, 4 loads. */
    static void convFilterTile4(int from, int count, int[] dySegments, int[] xSegments, float[] dy, int dyOff, int dyStride,
                                float[] x, int t0, int t1, int t2, float[] acc, int accOff) {
        final VectorSpecies<Float> s = SPECIES;
        final int l = LANES;
        int o = accOff;
        FloatVector a00 = FloatVector.fromArray(s, acc, o), a01 = FloatVector.fromArray(s, acc, o + l), a02 = FloatVector.fromArray(s, acc, o + 2 * l);
        o += 3 * l;
        FloatVector a10 = FloatVector.fromArray(s, acc, o), a11 = FloatVector.fromArray(s, acc, o + l), a12 = FloatVector.fromArray(s, acc, o + 2 * l);
        o += 3 * l;
        FloatVector a20 = FloatVector.fromArray(s, acc, o), a21 = FloatVector.fromArray(s, acc, o + l), a22 = FloatVector.fromArray(s, acc, o + 2 * l);
        o += 3 * l;
        FloatVector a30 = FloatVector.fromArray(s, acc, o), a31 = FloatVector.fromArray(s, acc, o + l), a32 = FloatVector.fromArray(s, acc, o + 2 * l);
        for (int g = from, end = from + count; g < end; g++) {
            int d = dyOff + dySegments[g], xs = xSegments[g];
            FloatVector v0 = FloatVector.fromArray(s, x, xs + t0);
            FloatVector v1 = FloatVector.fromArray(s, x, xs + t1);
            FloatVector v2 = FloatVector.fromArray(s, x, xs + t2);
            FloatVector e;
            e = FloatVector.fromArray(s, dy, d);                a00 = e.fma(v0, a00); a01 = e.fma(v1, a01); a02 = e.fma(v2, a02);
            e = FloatVector.fromArray(s, dy, d + dyStride);     a10 = e.fma(v0, a10); a11 = e.fma(v1, a11); a12 = e.fma(v2, a12);
            e = FloatVector.fromArray(s, dy, d + 2 * dyStride); a20 = e.fma(v0, a20); a21 = e.fma(v1, a21); a22 = e.fma(v2, a22);
            e = FloatVector.fromArray(s, dy, d + 3 * dyStride); a30 = e.fma(v0, a30); a31 = e.fma(v1, a31); a32 = e.fma(v2, a32);
        }
        o = accOff;
        a00.intoArray(acc, o); a01.intoArray(acc, o + l); a02.intoArray(acc, o + 2 * l);
        o += 3 * l;
        a10.intoArray(acc, o); a11.intoArray(acc, o + l); a12.intoArray(acc, o + 2 * l);
        o += 3 * l;
        a20.intoArray(acc, o); a21.intoArray(acc, o + l); a22.intoArray(acc, o + 2 * l);
        o += 3 * l;
        a30.intoArray(acc, o); a31.intoArray(acc, o + l); a32.intoArray(acc, o + 2 * l);
    }

    // ================================================================ streaming: copies and sums

    /** x[off..off+n) *= factor. */
    static void scale(float[] x, int off, int n, float factor) {
        int i = 0;
        for (int end = SPECIES.loopBound(n); i < end; i += LANES) {
            FloatVector.fromArray(SPECIES, x, off + i).mul(factor).intoArray(x, off + i);
        }
        for (; i < n; i++) x[off + i] *= factor;
    }

    /**
     * dst[dOff + i] = src[sOff + i] for i < n, n a multiple of LANES: a short copy in vector moves
     * (GEMM packing copies rows of 2-3 vectors, where System.arraycopy's call costs more than the copy).
     */
    static void copyRow(float[] src, int sOff, float[] dst, int dOff, int n) {
        for (int i = 0; i < n; i += LANES) FloatVector.fromArray(SPECIES, src, sOff + i).intoArray(dst, dOff + i);
    }

    /** dst[dOff + i] += src[sOff + i] for i < n. */
    static void addInto(float[] dst, int dOff, float[] src, int sOff, int n) {
        int i = 0;
        for (int end = SPECIES.loopBound(n); i < end; i += LANES) {
            FloatVector.fromArray(SPECIES, dst, dOff + i).add(FloatVector.fromArray(SPECIES, src, sOff + i))
                    .intoArray(dst, dOff + i);
        }
        for (; i < n; i++) dst[dOff + i] += src[sOff + i];
    }

    /** y[i] += alpha · x[i] for i in [from, to) (multiply, then add: the reference's rounding). */
    static void axpy(float[] y, float alpha, float[] x, int from, int to) {
        int i = from;
        for (int end = from + SPECIES.loopBound(to - from); i < end; i += LANES) {
            FloatVector.fromArray(SPECIES, x, i).mul(alpha).add(FloatVector.fromArray(SPECIES, y, i)).intoArray(y, i);
        }
        for (; i < to; i++) y[i] += alpha * x[i];
    }

    /**
     * The lanes of {@code acc} added left to right. Not {@code reduceLanes(ADD)}: its order is
     * unspecified for floats and differs between the intrinsic and the interpreted fallback, so
     * the same run could round differently depending on when the JIT compiled it (seen as a
     * last-bit difference between a resumed and an uninterrupted run on JDK 25).
     */
    private static float sumLanesInOrder(FloatVector acc) {
        float[] lanes = acc.toArray();
        float total = 0f;
        for (float lane : lanes) total += lane;
        return total;
    }

    /** Σ x[off..off+n), lane-parallel in float. */
    static float sum(float[] x, int off, int n) {
        FloatVector acc = FloatVector.zero(SPECIES);
        int i = 0;
        for (int end = SPECIES.loopBound(n); i < end; i += LANES) acc = acc.add(FloatVector.fromArray(SPECIES, x, off + i));
        float total = sumLanesInOrder(acc);
        for (; i < n; i++) total += x[off + i];
        return total;
    }

    /** Σ x² over [from, to), each block of 1024 summed in float lanes, the blocks in double. */
    static double sumOfSquares(float[] x, int from, int to) {
        double total = 0;
        for (int start = from; start < to; start += 1024) {
            int n = Math.min(1024, to - start);
            FloatVector acc = FloatVector.zero(SPECIES);
            int i = 0;
            for (int end = SPECIES.loopBound(n); i < end; i += LANES) {
                FloatVector v = FloatVector.fromArray(SPECIES, x, start + i);
                acc = v.fma(v, acc);
            }
            double block = sumLanesInOrder(acc);
            for (; i < n; i++) block += (double) x[start + i] * x[start + i];
            total += block;
        }
        return total;
    }

    /** Σ (x - mean)² over x[off..off+n) in float lanes (batch-norm variance, second pass). */
    static float sumOfSquaredDeviations(float[] x, int off, int n, float mean) {
        FloatVector acc = FloatVector.zero(SPECIES);
        int i = 0;
        for (int end = SPECIES.loopBound(n); i < end; i += LANES) {
            FloatVector d = FloatVector.fromArray(SPECIES, x, off + i).sub(mean);
            acc = d.fma(d, acc);
        }
        float total = sumLanesInOrder(acc);
        for (; i < n; i++) { float d = x[off + i] - mean; total += d * d; }
        return total;
    }

    /** Σ dy·(x - mean) over [off, off+n) in float lanes (batch-norm backward). */
    static float sumOfProductsCentred(float[] dy, float[] x, int off, int n, float mean) {
        FloatVector acc = FloatVector.zero(SPECIES);
        int i = 0;
        for (int end = SPECIES.loopBound(n); i < end; i += LANES) {
            FloatVector d = FloatVector.fromArray(SPECIES, x, off + i).sub(mean);
            acc = d.fma(FloatVector.fromArray(SPECIES, dy, off + i), acc);
        }
        float total = sumLanesInOrder(acc);
        for (; i < n; i++) total += dy[off + i] * (x[off + i] - mean);
        return total;
    }

    /** y[off + i] = x[off + i] · scale + shift (batch-norm's affine map; multiply then add, as the reference). */
    static void scaleShift(float[] y, float[] x, int off, int n, float scale, float shift) {
        int i = 0;
        for (int end = SPECIES.loopBound(n); i < end; i += LANES) {
            FloatVector.fromArray(SPECIES, x, off + i).mul(scale).add(shift).intoArray(y, off + i);
        }
        for (; i < n; i++) y[off + i] = x[off + i] * scale + shift;
    }

    /** dx = k · (m·dy - sumDy - (x - mean)·invStd·sumDyXhat) over [off, off+n) (batch-norm backward, in float). */
    static void batchNormInputGradient(float[] dx, float[] dy, float[] x, int off, int n, float k, float m,
                                       float sumDy, float mean, float invStd, float sumDyXhat) {
        int i = 0;
        for (int end = SPECIES.loopBound(n); i < end; i += LANES) {
            FloatVector xhat = FloatVector.fromArray(SPECIES, x, off + i).sub(mean).mul(invStd);
            FloatVector.fromArray(SPECIES, dy, off + i).mul(m).sub(sumDy).sub(xhat.mul(sumDyXhat)).mul(k)
                    .intoArray(dx, off + i);
        }
        for (; i < n; i++) {
            float xhat = (x[off + i] - mean) * invStd;
            dx[off + i] = k * (m * dy[off + i] - sumDy - xhat * sumDyXhat);
        }
    }

    /**
     * y = relu(x · scale + shift) over [off, off+n) (training's fused batch-norm + ReLU): the same
     * multiply, add and gate as {@link #scaleShift} followed by the ReLU kernel, so the same bits.
     */
    static void scaleShiftRelu(float[] y, float[] x, int off, int n, float scale, float shift) {
        FloatVector zero = FloatVector.zero(SPECIES);
        int i = 0;
        for (int end = SPECIES.loopBound(n); i < end; i += LANES) {
            FloatVector v = FloatVector.fromArray(SPECIES, x, off + i).mul(scale).add(shift);
            zero.blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(y, off + i);
        }
        for (; i < n; i++) {
            float v = x[off + i] * scale + shift;
            y[off + i] = v > 0 ? v : 0f;
        }
    }

    /** Σ dy where gate &gt; 0, over [off, off+n) in float lanes (the ReLU-gated {@link #sum}). */
    static float sumGated(float[] dy, float[] gate, int off, int n) {
        FloatVector zero = FloatVector.zero(SPECIES), acc = zero;
        int i = 0;
        for (int end = SPECIES.loopBound(n); i < end; i += LANES) {
            FloatVector g = FloatVector.fromArray(SPECIES, gate, off + i);
            acc = acc.add(zero.blend(FloatVector.fromArray(SPECIES, dy, off + i), g.compare(VectorOperators.GT, 0f)));
        }
        float total = sumLanesInOrder(acc);
        for (; i < n; i++) total += gate[off + i] > 0 ? dy[off + i] : 0f;
        return total;
    }

    /** Σ dy·(x - mean) where gate &gt; 0, over [off, off+n) (the ReLU-gated {@link #sumOfProductsCentred}). */
    static float sumOfProductsCentredGated(float[] dy, float[] gate, float[] x, int off, int n, float mean) {
        FloatVector zero = FloatVector.zero(SPECIES), acc = zero;
        int i = 0;
        for (int end = SPECIES.loopBound(n); i < end; i += LANES) {
            FloatVector g = FloatVector.fromArray(SPECIES, gate, off + i);
            FloatVector gated = zero.blend(FloatVector.fromArray(SPECIES, dy, off + i), g.compare(VectorOperators.GT, 0f));
            acc = FloatVector.fromArray(SPECIES, x, off + i).sub(mean).fma(gated, acc);
        }
        float total = sumLanesInOrder(acc);
        for (; i < n; i++) total += (gate[off + i] > 0 ? dy[off + i] : 0f) * (x[off + i] - mean);
        return total;
    }

    /**
     * dx = k · (m·g - sumDy - (x - mean)·invStd·sumDyXhat) over [off, off+n), where g is dy where
     * gate &gt; 0 and zero elsewhere: {@link #batchNormInputGradient} behind a ReLU.
     */
    static void batchNormReluInputGradient(float[] dx, float[] dy, float[] gate, float[] x, int off, int n, float k,
                                           float m, float sumDy, float mean, float invStd, float sumDyXhat) {
        FloatVector zero = FloatVector.zero(SPECIES);
        int i = 0;
        for (int end = SPECIES.loopBound(n); i < end; i += LANES) {
            FloatVector xhat = FloatVector.fromArray(SPECIES, x, off + i).sub(mean).mul(invStd);
            FloatVector g = FloatVector.fromArray(SPECIES, gate, off + i);
            FloatVector gated = zero.blend(FloatVector.fromArray(SPECIES, dy, off + i), g.compare(VectorOperators.GT, 0f));
            gated.mul(m).sub(sumDy).sub(xhat.mul(sumDyXhat)).mul(k).intoArray(dx, off + i);
        }
        for (; i < n; i++) {
            float xhat = (x[off + i] - mean) * invStd;
            float gated = gate[off + i] > 0 ? dy[off + i] : 0f;
            dx[off + i] = k * (m * gated - sumDy - xhat * sumDyXhat);
        }
    }

    // ================================================================ elementwise maps

    /** Whether {@link #unary} has a vector form of op (the others are scalar in FastElementwise). */
    static boolean vectorisesUnary(UnaryOp op) {
        return switch (op) {
            case NEG, SCALE, ADD_SCALAR, RELU, LEAKY_RELU, ABS, SQRT -> true;
            default -> false;
        };
    }

    /** out[i] = f(in[i]) for i in [from, to); only for ops where {@link #vectorisesUnary} holds. */
    static void unary(UnaryOp op, float[] out, float[] in, float alpha, int from, int to) {
        FloatVector zero = FloatVector.zero(SPECIES);
        int i = from;
        for (int end = from + SPECIES.loopBound(to - from); i < end; i += LANES) {
            FloatVector x = FloatVector.fromArray(SPECIES, in, i);
            FloatVector y = switch (op) {
                case NEG -> x.neg();
                case SCALE -> x.mul(alpha);
                case ADD_SCALAR -> x.add(alpha);
                case RELU -> zero.blend(x, x.compare(VectorOperators.GT, 0f));
                case LEAKY_RELU -> x.mul(alpha).blend(x, x.compare(VectorOperators.GT, 0f));
                case ABS -> x.abs();
                case SQRT -> x.sqrt();
                default -> throw new IllegalArgumentException("no vector form for " + op);
            };
            y.intoArray(out, i);
        }
        for (; i < to; i++) out[i] = ReferenceElementwise.apply(op, in[i], alpha);
    }

    /** Whether {@link #unaryBackward} has a vector form of op. */
    static boolean vectorisesUnaryBackward(UnaryOp op) {
        return op != UnaryOp.POW;
    }

    /** dIn[i] = dOut[i]·f'(x) for i in [from, to), in the reference's order of operations. */
    static void unaryBackward(UnaryOp op, float[] dIn, float[] dOut, float[] in, float[] out, float alpha, int from, int to) {
        FloatVector zero = FloatVector.zero(SPECIES);
        int i = from;
        for (int end = from + SPECIES.loopBound(to - from); i < end; i += LANES) {
            FloatVector dy = FloatVector.fromArray(SPECIES, dOut, i);
            FloatVector dx = switch (op) {
                case NEG -> dy.neg();
                case SCALE -> dy.mul(alpha);
                case ADD_SCALAR -> dy;
                case RELU -> zero.blend(dy, FloatVector.fromArray(SPECIES, in, i).compare(VectorOperators.GT, 0f));
                case LEAKY_RELU -> dy.mul(alpha).blend(dy, FloatVector.fromArray(SPECIES, in, i).compare(VectorOperators.GT, 0f));
                case ABS -> {
                    FloatVector x = FloatVector.fromArray(SPECIES, in, i);
                    yield zero.blend(dy.neg(), x.compare(VectorOperators.LT, 0f)).blend(dy, x.compare(VectorOperators.GT, 0f));
                }
                case EXP -> dy.mul(FloatVector.fromArray(SPECIES, out, i));
                case LOG -> dy.div(FloatVector.fromArray(SPECIES, in, i));
                case SQRT -> dy.div(FloatVector.fromArray(SPECIES, out, i).mul(2f));
                case SIGMOID -> {
                    FloatVector y = FloatVector.fromArray(SPECIES, out, i);
                    yield dy.mul(y).mul(y.neg().add(1f));
                }
                case TANH -> {
                    FloatVector y = FloatVector.fromArray(SPECIES, out, i);
                    yield dy.mul(y.mul(y).neg().add(1f));
                }
                default -> throw new IllegalArgumentException("no vector form for " + op);
            };
            dx.intoArray(dIn, i);
        }
        for (; i < to; i++) {
            dIn[i] = ReferenceElementwise.derivative(op, dOut[i], in == null ? 0f : in[i], out == null ? 0f : out[i], alpha);
        }
    }

    /**
     * One row of a broadcasting binary op: out[o + i] = a[aOff + i·aStep] (op) b[bOff + i·bStep]
     * for i < n, where each step is 1 (a contiguous row) or 0 (one value repeated).
     */
    static void binaryRow(BinaryOp op, float[] out, int o, float[] a, int aOff, int aStep, float[] b, int bOff, int bStep, int n) {
        float aScalar = aStep == 0 ? a[aOff] : 0f, bScalar = bStep == 0 ? b[bOff] : 0f;
        FloatVector aBroadcast = FloatVector.broadcast(SPECIES, aScalar), bBroadcast = FloatVector.broadcast(SPECIES, bScalar);
        int i = 0;
        for (int end = SPECIES.loopBound(n); i < end; i += LANES) {
            FloatVector x = aStep == 0 ? aBroadcast : FloatVector.fromArray(SPECIES, a, aOff + i);
            FloatVector y = bStep == 0 ? bBroadcast : FloatVector.fromArray(SPECIES, b, bOff + i);
            FloatVector r = switch (op) {
                case ADD -> x.add(y);
                case SUB -> x.sub(y);
                case MUL -> x.mul(y);
                case DIV -> x.div(y);
            };
            r.intoArray(out, o + i);
        }
        for (; i < n; i++) {
            out[o + i] = ReferenceElementwise.combine(op, aStep == 0 ? aScalar : a[aOff + i], bStep == 0 ? bScalar : b[bOff + i]);
        }
    }

    // ================================================================ 2×2 max pooling, stride 2

    // Deinterleaving and interleaving pairs of vectors, built from one-vector shuffles and a blend
    // (JDK 17 compiles the two-vector form of rearrange ten times slower). For a pair (a, b) holding
    // 2·LANES neighbours: even(a, b) = lanes 0, 2, 4, ... and odd(a, b) = lanes 1, 3, 5, ...;
    // zipLow / zipHigh interleave two vectors back into a0 b0 a1 b1 ... .
    private static final VectorShuffle<Float> EVEN = VectorShuffle.fromOp(SPECIES, i -> (2 * i) % LANES);
    private static final VectorShuffle<Float> ODD = VectorShuffle.fromOp(SPECIES, i -> (2 * i + 1) % LANES);
    private static final VectorShuffle<Float> ZIP_LOW = VectorShuffle.fromOp(SPECIES, i -> i / 2);
    private static final VectorShuffle<Float> ZIP_HIGH = VectorShuffle.fromOp(SPECIES, i -> LANES / 2 + i / 2);
    private static final VectorMask<Float> HIGH_HALF = laneMask(i -> i >= LANES / 2);
    private static final VectorMask<Float> ODD_LANES = laneMask(i -> i % 2 == 1);

    private static VectorMask<Float> laneMask(java.util.function.IntPredicate set) {
        boolean[] bits = new boolean[LANES];
        for (int i = 0; i < LANES; i++) bits[i] = set.test(i);
        return VectorMask.fromValues(SPECIES, bits);
    }

    private static FloatVector even(FloatVector a, FloatVector b) { return a.rearrange(EVEN).blend(b.rearrange(EVEN), HIGH_HALF); }

    private static FloatVector odd(FloatVector a, FloatVector b) { return a.rearrange(ODD).blend(b.rearrange(ODD), HIGH_HALF); }

    private static FloatVector zipLow(FloatVector a, FloatVector b) { return a.rearrange(ZIP_LOW).blend(b.rearrange(ZIP_LOW), ODD_LANES); }

    private static FloatVector zipHigh(FloatVector a, FloatVector b) { return a.rearrange(ZIP_HIGH).blend(b.rearrange(ZIP_HIGH), ODD_LANES); }

    /**
     * One output row of 2×2/2 max pooling: y[yOff + j] = max of x[top + 2j], x[top + 2j + 1],
     * x[bottom + 2j], x[bottom + 2j + 1] for j < outW (max is order-free, so this equals the
     * reference), rectified as the ReLU kernel does (x > 0 ? x : 0) when {@code relu} is set.
     */
    static void maxPool2x2Row(float[] y, int yOff, float[] x, int top, int bottom, int outW, boolean relu) {
        FloatVector zero = FloatVector.zero(SPECIES);
        int j = 0;
        for (; j + LANES <= outW; j += LANES) {
            int t = top + 2 * j, b = bottom + 2 * j;
            FloatVector v0 = FloatVector.fromArray(SPECIES, x, t).max(FloatVector.fromArray(SPECIES, x, b));
            FloatVector v1 = FloatVector.fromArray(SPECIES, x, t + LANES).max(FloatVector.fromArray(SPECIES, x, b + LANES));
            FloatVector m = even(v0, v1).max(odd(v0, v1));
            (relu ? zero.blend(m, m.compare(VectorOperators.GT, 0f)) : m).intoArray(y, yOff + j);
        }
        for (; j < outW; j++) {
            int t = top + 2 * j, b = bottom + 2 * j;
            float m = Math.max(Math.max(x[t], x[t + 1]), Math.max(x[b], x[b + 1]));
            y[yOff + j] = relu && !(m > 0f) ? 0f : m;
        }
    }

    /**
     * One output row of training's fused 2×2/2 max-pool + ReLU: y = relu(max of the window) and
     * index = the position (0 top-left, 1 top-right, 2 bottom-left, 3 bottom-right) of its first
     * maximal input, the strict "greater than" scan of the reference.
     */
    static void maxPool2x2ReluIndexedRow(
            float[] y, float[] index, int yOff, float[] x, int top, int bottom, int outW) {
        FloatVector zero = FloatVector.zero(SPECIES), one = FloatVector.broadcast(SPECIES, 1f);
        FloatVector two = FloatVector.broadcast(SPECIES, 2f), three = FloatVector.broadcast(SPECIES, 3f);
        int j = 0;
        for (; j + LANES <= outW; j += LANES) {
            int t = top + 2 * j, b = bottom + 2 * j;
            FloatVector t0 = FloatVector.fromArray(SPECIES, x, t), t1 = FloatVector.fromArray(SPECIES, x, t + LANES);
            FloatVector b0 = FloatVector.fromArray(SPECIES, x, b), b1 = FloatVector.fromArray(SPECIES, x, b + LANES);
            FloatVector x00 = even(t0, t1), x01 = odd(t0, t1), x10 = even(b0, b1), x11 = odd(b0, b1);
            VectorMask<Float> c1 = x01.compare(VectorOperators.GT, x00);
            FloatVector best = x00.blend(x01, c1), at = zero.blend(one, c1);
            VectorMask<Float> c2 = x10.compare(VectorOperators.GT, best);
            best = best.blend(x10, c2);
            at = at.blend(two, c2);
            VectorMask<Float> c3 = x11.compare(VectorOperators.GT, best);
            best = best.blend(x11, c3);
            at = at.blend(three, c3);
            zero.blend(best, best.compare(VectorOperators.GT, 0f)).intoArray(y, yOff + j);
            at.intoArray(index, yOff + j);
        }
        for (; j < outW; j++) {
            int t = top + 2 * j, b = bottom + 2 * j;
            float best = x[t];
            int at = 0;
            if (x[t + 1] > best) { best = x[t + 1]; at = 1; }
            if (x[b] > best) { best = x[b]; at = 2; }
            if (x[b + 1] > best) { best = x[b + 1]; at = 3; }
            y[yOff + j] = best > 0f ? best : 0f;
            index[yOff + j] = at;
        }
    }

    /**
     * The backward of {@link #maxPool2x2ReluIndexedRow} for one output row: dy (where y &gt; 0) goes
     * to the input its index names, the other three of each window get 0. Writes every dx element of
     * the two input rows under the windows.
     */
    static void maxPool2x2ReluScatterRow(
            float[] dx, float[] dy, float[] y, float[] index, int dyOff, int top, int bottom, int outW) {
        FloatVector zero = FloatVector.zero(SPECIES);
        int j = 0;
        for (; j + LANES <= outW; j += LANES) {
            int t = top + 2 * j, b = bottom + 2 * j;
            FloatVector live = FloatVector.fromArray(SPECIES, y, dyOff + j);
            FloatVector g = zero.blend(FloatVector.fromArray(SPECIES, dy, dyOff + j), live.compare(VectorOperators.GT, 0f));
            FloatVector at = FloatVector.fromArray(SPECIES, index, dyOff + j);
            FloatVector d00 = zero.blend(g, at.compare(VectorOperators.EQ, 0f)), d01 = zero.blend(g, at.compare(VectorOperators.EQ, 1f));
            FloatVector d10 = zero.blend(g, at.compare(VectorOperators.EQ, 2f)), d11 = zero.blend(g, at.compare(VectorOperators.EQ, 3f));
            zipLow(d00, d01).intoArray(dx, t);
            zipHigh(d00, d01).intoArray(dx, t + LANES);
            zipLow(d10, d11).intoArray(dx, b);
            zipHigh(d10, d11).intoArray(dx, b + LANES);
        }
        for (; j < outW; j++) {
            int t = top + 2 * j, b = bottom + 2 * j;
            float g = y[dyOff + j] > 0f ? dy[dyOff + j] : 0f;
            int at = (int) index[dyOff + j];
            dx[t] = at == 0 ? g : 0f;
            dx[t + 1] = at == 1 ? g : 0f;
            dx[b] = at == 2 ? g : 0f;
            dx[b + 1] = at == 3 ? g : 0f;
        }
    }

    /** a[from .. from + n) = a > 0 ? a : 0 in place, as the ReLU kernel computes it. */
    static void reluInPlace(float[] a, int from, int n) {
        FloatVector zero = FloatVector.zero(SPECIES);
        int i = from, end = from + n;
        for (int vectorEnd = from + SPECIES.loopBound(n); i < vectorEnd; i += LANES) {
            FloatVector v = FloatVector.fromArray(SPECIES, a, i);
            zero.blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(a, i);
        }
        for (; i < end; i++) if (!(a[i] > 0f)) a[i] = 0f;
    }

    /**
     * The gradient of one output row of 2×2/2 max pooling: each dy goes to the first maximal of its
     * four inputs in row-major order (the reference's strict "greater than" scan), the other three
     * get 0. Every dx element of the two input rows under the windows is written (no zeroing needed).
     */
    static void maxPool2x2RowBackward(float[] dx, float[] dy, int dyOff, float[] x, int top, int bottom, int outW) {
        FloatVector zero = FloatVector.zero(SPECIES);
        int j = 0;
        for (; j + LANES <= outW; j += LANES) {
            int t = top + 2 * j, b = bottom + 2 * j;
            FloatVector t0 = FloatVector.fromArray(SPECIES, x, t), t1 = FloatVector.fromArray(SPECIES, x, t + LANES);
            FloatVector b0 = FloatVector.fromArray(SPECIES, x, b), b1 = FloatVector.fromArray(SPECIES, x, b + LANES);
            FloatVector x00 = even(t0, t1), x01 = odd(t0, t1), x10 = even(b0, b1), x11 = odd(b0, b1);
            VectorMask<Float> c1 = x01.compare(VectorOperators.GT, x00);
            FloatVector best = x00.blend(x01, c1);
            VectorMask<Float> c2 = x10.compare(VectorOperators.GT, best);
            best = best.blend(x10, c2);
            VectorMask<Float> c3 = x11.compare(VectorOperators.GT, best);
            VectorMask<Float> w2 = c2.andNot(c3), w1 = c1.andNot(c2).andNot(c3), w0 = c1.or(c2).or(c3).not();
            FloatVector g = FloatVector.fromArray(SPECIES, dy, dyOff + j);
            FloatVector d00 = zero.blend(g, w0), d01 = zero.blend(g, w1), d10 = zero.blend(g, w2), d11 = zero.blend(g, c3);
            zipLow(d00, d01).intoArray(dx, t);
            zipHigh(d00, d01).intoArray(dx, t + LANES);
            zipLow(d10, d11).intoArray(dx, b);
            zipHigh(d10, d11).intoArray(dx, b + LANES);
        }
        for (; j < outW; j++) {
            int t = top + 2 * j, b = bottom + 2 * j;
            float g = dy[dyOff + j];
            float best = x[t];
            boolean c1 = x[t + 1] > best;
            best = c1 ? x[t + 1] : best;
            boolean c2 = x[b] > best;
            best = c2 ? x[b] : best;
            boolean c3 = x[b + 1] > best;
            dx[t] = !(c1 | c2 | c3) ? g : 0f;
            dx[t + 1] = c1 & !c2 & !c3 ? g : 0f;
            dx[b] = c2 & !c3 ? g : 0f;
            dx[b + 1] = c3 ? g : 0f;
        }
    }

    // ================================================================ optimizer updates

    /** SGD (see {@code Backend.sgdUpdate}) over [from, to), same order of operations as the reference. */
    static void sgd(float[] p, float[] grad, float[] v, int from, int to, float lr, float momentum, float wd, boolean nesterov) {
        int i = from;
        for (int end = from + SPECIES.loopBound(to - from); i < end; i += LANES) {
            FloatVector pv = FloatVector.fromArray(SPECIES, p, i);
            FloatVector g = FloatVector.fromArray(SPECIES, grad, i).add(pv.mul(wd));
            if (momentum != 0f) {
                FloatVector vel = FloatVector.fromArray(SPECIES, v, i).mul(momentum).add(g);
                vel.intoArray(v, i);
                g = nesterov ? g.add(vel.mul(momentum)) : vel;
            }
            pv.sub(g.mul(lr)).intoArray(p, i);
        }
        for (; i < to; i++) {
            float g = grad[i] + wd * p[i];
            if (momentum != 0f) {
                v[i] = momentum * v[i] + g;
                g = nesterov ? g + momentum * v[i] : v[i];
            }
            p[i] -= lr * g;
        }
    }

    /** Adam / AdamW (see {@code Backend.adamUpdate}) over [from, to), with bias corrections c1, c2 precomputed. */
    static void adam(float[] p, float[] grad, float[] m, float[] v, int from, int to, float lr, float b1, float b2,
                     float eps, float wd, boolean decoupled, float c1, float c2) {
        float oneMinusB1 = 1 - b1, oneMinusB2 = 1 - b2, lrWd = lr * wd;
        int i = from;
        for (int end = from + SPECIES.loopBound(to - from); i < end; i += LANES) {
            FloatVector pv = FloatVector.fromArray(SPECIES, p, i);
            FloatVector g = FloatVector.fromArray(SPECIES, grad, i);
            if (decoupled) pv = pv.sub(pv.mul(lrWd));
            else g = g.add(pv.mul(wd));
            FloatVector mv = FloatVector.fromArray(SPECIES, m, i).mul(b1).add(g.mul(oneMinusB1));
            FloatVector vv = FloatVector.fromArray(SPECIES, v, i).mul(b2).add(g.mul(oneMinusB2).mul(g));
            mv.intoArray(m, i);
            vv.intoArray(v, i);
            FloatVector step = mv.div(c1).mul(lr).div(vv.div(c2).sqrt().add(eps));
            pv.sub(step).intoArray(p, i);
        }
        for (; i < to; i++) {
            float g = grad[i];
            if (decoupled) p[i] -= lrWd * p[i];
            else g += wd * p[i];
            m[i] = b1 * m[i] + oneMinusB1 * g;
            v[i] = b2 * v[i] + oneMinusB2 * g * g;
            p[i] -= lr * (m[i] / c1) / ((float) Math.sqrt(v[i] / c2) + eps);
        }
    }
}
// spotless:on
