package org.jgrad.backend.cpu;

import org.jgrad.backend.BinaryOp;
import org.jgrad.backend.UnaryOp;

/** Plain loops for elementwise maps, broadcasting arithmetic, strided sums and permutes. */
final class ReferenceElementwise {
    private ReferenceElementwise() {}

    static float apply(UnaryOp op, float x, float alpha) {
        return switch (op) {
            case NEG -> -x;
            case EXP -> (float) Math.exp(x);
            case LOG -> (float) Math.log(x);
            case SQRT -> (float) Math.sqrt(x);
            case POW -> (float) Math.pow(x, alpha);
            case SCALE -> alpha * x;
            case ADD_SCALAR -> x + alpha;
            case RELU -> x > 0 ? x : 0f;
            case LEAKY_RELU -> x > 0 ? x : alpha * x;
            case SIGMOID -> sigmoid(x);
            case TANH -> (float) Math.tanh(x);
            case ABS -> Math.abs(x);
        };
    }

    /** dY * f'(x), given the input x and the forward output y. */
    static float derivative(UnaryOp op, float dy, float x, float y, float alpha) {
        return switch (op) {
            case NEG -> -dy;
            case EXP -> dy * y;
            case LOG -> dy / x;
            case SQRT -> dy / (2f * y);
            case POW -> dy * alpha * (float) Math.pow(x, alpha - 1f);
            case SCALE -> dy * alpha;
            case ADD_SCALAR -> dy;
            case RELU -> x > 0 ? dy : 0f;
            case LEAKY_RELU -> x > 0 ? dy : alpha * dy;
            case SIGMOID -> dy * y * (1f - y);
            case TANH -> dy * (1f - y * y);
            case ABS -> x > 0 ? dy : (x < 0 ? -dy : 0f);
        };
    }

    static float sigmoid(float x) {
        // Two branches so that exp never overflows.
        if (x >= 0) return (float) (1.0 / (1.0 + Math.exp(-x)));
        double e = Math.exp(x);
        return (float) (e / (1.0 + e));
    }

    static void unary(UnaryOp op, float[] out, float[] in, float alpha, int n) {
        for (int i = 0; i < n; i++) out[i] = apply(op, in[i], alpha);
    }

    static void unaryBackward(UnaryOp op, float[] dIn, float[] dOut, float[] in, float[] out, float alpha, int n) {
        for (int i = 0; i < n; i++) {
            dIn[i] = derivative(op, dOut[i], in == null ? 0f : in[i], out == null ? 0f : out[i], alpha);
        }
    }

    static float combine(BinaryOp op, float a, float b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
        };
    }

    /** Walks every index of outShape as an odometer, tracking the offsets into a and b. */
    static void binary(BinaryOp op, float[] out, float[] a, int[] aStrides, float[] b, int[] bStrides, int[] outShape) {
        int rank = outShape.length;
        int total = 1;
        for (int d : outShape) total *= d;
        int[] index = new int[rank];
        int aOff = 0, bOff = 0;
        for (int i = 0; i < total; i++) {
            out[i] = combine(op, a[aOff], b[bOff]);
            for (int d = rank - 1; d >= 0; d--) {
                index[d]++;
                aOff += aStrides[d];
                bOff += bStrides[d];
                if (index[d] < outShape[d]) break;
                aOff -= aStrides[d] * outShape[d];
                bOff -= bStrides[d] * outShape[d];
                index[d] = 0;
            }
        }
    }

    static void reduceSum(float[] out, int outSize, int[] outStrides, float[] in, int[] inShape) {
        java.util.Arrays.fill(out, 0, outSize, 0f);
        int rank = inShape.length;
        int total = 1;
        for (int d : inShape) total *= d;
        int[] index = new int[rank];
        int outOff = 0;
        for (int i = 0; i < total; i++) {
            out[outOff] += in[i];
            for (int d = rank - 1; d >= 0; d--) {
                index[d]++;
                outOff += outStrides[d];
                if (index[d] < inShape[d]) break;
                outOff -= outStrides[d] * inShape[d];
                index[d] = 0;
            }
        }
    }

    static void permute(float[] out, float[] in, int[] inShape, int[] perm) {
        int rank = inShape.length;
        int[] inStrides = new int[rank];
        int s = 1;
        for (int d = rank - 1; d >= 0; d--) {
            inStrides[d] = s;
            s *= inShape[d];
        }
        int[] outShape = new int[rank];
        int[] stridesInOutOrder = new int[rank];
        for (int d = 0; d < rank; d++) {
            outShape[d] = inShape[perm[d]];
            stridesInOutOrder[d] = inStrides[perm[d]];
        }
        int[] index = new int[rank];
        int inOff = 0;
        for (int i = 0; i < s; i++) {
            out[i] = in[inOff];
            for (int d = rank - 1; d >= 0; d--) {
                index[d]++;
                inOff += stridesInOutOrder[d];
                if (index[d] < outShape[d]) break;
                inOff -= stridesInOutOrder[d] * outShape[d];
                index[d] = 0;
            }
        }
    }
}
