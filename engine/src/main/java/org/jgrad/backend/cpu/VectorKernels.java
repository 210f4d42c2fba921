package org.jgrad.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.jgrad.backend.BinaryOp;
import org.jgrad.backend.UnaryOp;

/**
 * The only class that touches {@code jdk.incubator.vector}: the innermost loops of the fast CPU
 * backend, written with SIMD vectors of the machine's preferred width (16 floats with AVX-512,
 * 8 with AVX2). Every loop has a scalar tail for the last {@code n mod LANES} elements, so any
 * length works. Each method works on a range of flat arrays; blocking, packing and threads live
 * in the callers ({@link FastGemm}, {@link FastConv}, ...), which never load this class unless
 * {@link VectorModule#usable()} said yes.
 *
 * <p>Elementwise kernels use the same operations in the same order as the reference loops (no
 * fused multiply-add where the reference rounds twice), so their results are bit-identical;
 * only the GEMM micro-kernel (FMA) and the sums (lane-parallel order) round differently.
 *
 * <p>{@code -Djgrad.cpu.vectorBits=128|256|512} picks a narrower species than the preferred one,
 * for tests and for comparing widths.
 */
final class VectorKernels {
    private VectorKernels() { }

    static final VectorSpecies<Float> SPECIES = chooseSpecies();
    static final int LANES = SPECIES.length();

    /** Rows of the GEMM register tile (micro-panel height of packed A). */
    static final int MR = 8;
    /** Columns of the GEMM register tile (micro-panel width of packed B): three vectors. */
    static final int NR = 3 * LANES;

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

    // ================================================================ GEMM micro-kernel

    /**
     * One MR×NR register tile of C: c[co + r·ldc + j] = (accumulate ? c[..] : 0) + Σ_p A[r,p]·B[p,j]
     * for r < 8, j < NR, p < kc. A comes packed as kc columns of 8 values (ap[ao + p·8 + r]),
     * B as kc rows of NR values (bp[bo + p·NR + j]). The 24 accumulators stay in registers for the
     * whole k loop; each step loads 3 vectors of B, broadcasts 8 values of A and issues 24 FMAs.
     * Written out by hand: C2 keeps only named locals in registers, not arrays.
     */
    static void gemmTile(int kc, float[] ap, int ao, float[] bp, int bo, float[] c, int co, int ldc, boolean accumulate) {
        final VectorSpecies<Float> s = SPECIES;
        final int l1 = LANES, l2 = 2 * LANES;
        FloatVector c00, c01, c02, c10, c11, c12, c20, c21, c22, c30, c31, c32,
                c40, c41, c42, c50, c51, c52, c60, c61, c62, c70, c71, c72;
        if (accumulate) {
            int r = co;
            c00 = FloatVector.fromArray(s, c, r); c01 = FloatVector.fromArray(s, c, r + l1); c02 = FloatVector.fromArray(s, c, r + l2);
            r += ldc;
            c10 = FloatVector.fromArray(s, c, r); c11 = FloatVector.fromArray(s, c, r + l1); c12 = FloatVector.fromArray(s, c, r + l2);
            r += ldc;
            c20 = FloatVector.fromArray(s, c, r); c21 = FloatVector.fromArray(s, c, r + l1); c22 = FloatVector.fromArray(s, c, r + l2);
            r += ldc;
            c30 = FloatVector.fromArray(s, c, r); c31 = FloatVector.fromArray(s, c, r + l1); c32 = FloatVector.fromArray(s, c, r + l2);
            r += ldc;
            c40 = FloatVector.fromArray(s, c, r); c41 = FloatVector.fromArray(s, c, r + l1); c42 = FloatVector.fromArray(s, c, r + l2);
            r += ldc;
            c50 = FloatVector.fromArray(s, c, r); c51 = FloatVector.fromArray(s, c, r + l1); c52 = FloatVector.fromArray(s, c, r + l2);
            r += ldc;
            c60 = FloatVector.fromArray(s, c, r); c61 = FloatVector.fromArray(s, c, r + l1); c62 = FloatVector.fromArray(s, c, r + l2);
            r += ldc;
            c70 = FloatVector.fromArray(s, c, r); c71 = FloatVector.fromArray(s, c, r + l1); c72 = FloatVector.fromArray(s, c, r + l2);
        } else {
            FloatVector z = FloatVector.zero(s);
            c00 = z; c01 = z; c02 = z; c10 = z; c11 = z; c12 = z; c20 = z; c21 = z; c22 = z; c30 = z; c31 = z; c32 = z;
            c40 = z; c41 = z; c42 = z; c50 = z; c51 = z; c52 = z; c60 = z; c61 = z; c62 = z; c70 = z; c71 = z; c72 = z;
        }
        for (int p = 0; p < kc; p++, ao += MR, bo += NR) {
            FloatVector b0 = FloatVector.fromArray(s, bp, bo);
            FloatVector b1 = FloatVector.fromArray(s, bp, bo + l1);
            FloatVector b2 = FloatVector.fromArray(s, bp, bo + l2);
            FloatVector a;
            a = FloatVector.broadcast(s, ap[ao]);     c00 = a.fma(b0, c00); c01 = a.fma(b1, c01); c02 = a.fma(b2, c02);
            a = FloatVector.broadcast(s, ap[ao + 1]); c10 = a.fma(b0, c10); c11 = a.fma(b1, c11); c12 = a.fma(b2, c12);
            a = FloatVector.broadcast(s, ap[ao + 2]); c20 = a.fma(b0, c20); c21 = a.fma(b1, c21); c22 = a.fma(b2, c22);
            a = FloatVector.broadcast(s, ap[ao + 3]); c30 = a.fma(b0, c30); c31 = a.fma(b1, c31); c32 = a.fma(b2, c32);
            a = FloatVector.broadcast(s, ap[ao + 4]); c40 = a.fma(b0, c40); c41 = a.fma(b1, c41); c42 = a.fma(b2, c42);
            a = FloatVector.broadcast(s, ap[ao + 5]); c50 = a.fma(b0, c50); c51 = a.fma(b1, c51); c52 = a.fma(b2, c52);
            a = FloatVector.broadcast(s, ap[ao + 6]); c60 = a.fma(b0, c60); c61 = a.fma(b1, c61); c62 = a.fma(b2, c62);
            a = FloatVector.broadcast(s, ap[ao + 7]); c70 = a.fma(b0, c70); c71 = a.fma(b1, c71); c72 = a.fma(b2, c72);
        }
        int r = co;
        c00.intoArray(c, r); c01.intoArray(c, r + l1); c02.intoArray(c, r + l2);
        r += ldc;
        c10.intoArray(c, r); c11.intoArray(c, r + l1); c12.intoArray(c, r + l2);
        r += ldc;
        c20.intoArray(c, r); c21.intoArray(c, r + l1); c22.intoArray(c, r + l2);
        r += ldc;
        c30.intoArray(c, r); c31.intoArray(c, r + l1); c32.intoArray(c, r + l2);
        r += ldc;
        c40.intoArray(c, r); c41.intoArray(c, r + l1); c42.intoArray(c, r + l2);
        r += ldc;
        c50.intoArray(c, r); c51.intoArray(c, r + l1); c52.intoArray(c, r + l2);
        r += ldc;
        c60.intoArray(c, r); c61.intoArray(c, r + l1); c62.intoArray(c, r + l2);
        r += ldc;
        c70.intoArray(c, r); c71.intoArray(c, r + l1); c72.intoArray(c, r + l2);
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

    /** Σ x[off..off+n), lane-parallel in float. */
    static float sum(float[] x, int off, int n) {
        FloatVector acc = FloatVector.zero(SPECIES);
        int i = 0;
        for (int end = SPECIES.loopBound(n); i < end; i += LANES) acc = acc.add(FloatVector.fromArray(SPECIES, x, off + i));
        float total = acc.reduceLanes(VectorOperators.ADD);
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
            double block = acc.reduceLanes(VectorOperators.ADD);
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
        float total = acc.reduceLanes(VectorOperators.ADD);
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
        float total = acc.reduceLanes(VectorOperators.ADD);
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
