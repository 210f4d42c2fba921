package org.jgrad.ops;

import static org.jgrad.tensor.TensorInternals.accumulateFreshGrad;
import static org.jgrad.tensor.TensorInternals.storage;

import org.jgrad.autograd.Graph;
import org.jgrad.backend.Backend;
import org.jgrad.tensor.Shape;
import org.jgrad.tensor.Tensor;

/**
 * Matrix product. 2-D: [m,k]·[k,n] → [m,n]. Batched: [b,m,k]·[b,k,n] → [b,m,n], and
 * [b,m,k]·[k,n] → [b,m,n] (the same right matrix for every batch entry).
 * Y = A·B;  dA = dY·Bᵀ;  dB = Aᵀ·dY (summed over the batch when B is shared).
 */
public final class MatMul {
    private MatMul() {}

    /**
     * The matrix product; differentiable in both operands.
     *
     * @param a [m,k] or [b,m,k]
     * @param b [k,n], or [b,k,n] when a is [b,m,k]; on a's backend
     * @return [m,n] or [b,m,n], on a's backend
     * @throws IllegalArgumentException if the shapes do not multiply
     */
    public static Tensor apply(Tensor a, Tensor b) {
        int[] as = a.shape(), bs = b.shape();
        boolean ok = (as.length == 2 || as.length == 3)
                && (bs.length == 2 || (bs.length == 3 && as.length == 3 && bs[0] == as[0]))
                && as[as.length - 1] == bs[bs.length - 2];
        if (!ok) {
            throw new IllegalArgumentException("matmul: shapes " + Shape.str(as) + " and " + Shape.str(bs)
                    + " do not multiply (need [m,k]·[k,n], [b,m,k]·[b,k,n] or [b,m,k]·[k,n])");
        }
        int batch = as.length == 3 ? as[0] : 1;
        int m = as[as.length - 2], k = as[as.length - 1], n = bs[bs.length - 1];
        boolean sharedB = bs.length == 2;
        int[] outShape = as.length == 3 ? new int[] {batch, m, n} : new int[] {m, n};
        Tensor y = Tensor.empty(a.backend(), outShape); // GEMM with beta 0 overwrites (dB: the first product does)
        Backend be = a.backend();
        for (int i = 0; i < batch; i++) {
            be.gemm(
                    false,
                    false,
                    m,
                    n,
                    k,
                    1f,
                    storage(a),
                    i * m * k,
                    k,
                    storage(b),
                    sharedB ? 0 : i * k * n,
                    n,
                    0f,
                    storage(y),
                    i * m * n,
                    n);
        }
        return Graph.record(
                "matmul",
                y,
                dY -> {
                    if (a.requiresGrad()) {
                        Tensor dA = Tensor.empty(be, as);
                        for (int i = 0; i < batch; i++) { // dA[m,k] = dY[m,n] · B[k,n]ᵀ
                            be.gemm(
                                    false,
                                    true,
                                    m,
                                    k,
                                    n,
                                    1f,
                                    storage(dY),
                                    i * m * n,
                                    n,
                                    storage(b),
                                    sharedB ? 0 : i * k * n,
                                    n,
                                    0f,
                                    storage(dA),
                                    i * m * k,
                                    k);
                        }
                        accumulateFreshGrad(a, dA);
                    }
                    if (b.requiresGrad()) {
                        Tensor dB = batch == 0 ? Tensor.zeros(be, bs) : Tensor.empty(be, bs); // no product to write it
                        for (int i = 0; i < batch; i++) { // dB[k,n] (+)= A[m,k]ᵀ · dY[m,n]
                            be.gemm(
                                    true,
                                    false,
                                    k,
                                    n,
                                    m,
                                    1f,
                                    storage(a),
                                    i * m * k,
                                    k,
                                    storage(dY),
                                    i * m * n,
                                    n,
                                    sharedB && i > 0 ? 1f : 0f,
                                    storage(dB),
                                    sharedB ? 0 : i * k * n,
                                    n);
                        }
                        accumulateFreshGrad(b, dB);
                    }
                },
                a,
                b);
    }
}
