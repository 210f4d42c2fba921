package org.jgrad.ops;

import static org.jgrad.tensor.TensorInternals.accumulateGrad;
import static org.jgrad.tensor.TensorInternals.storage;

import org.jgrad.autograd.Graph;
import org.jgrad.tensor.Shape;
import org.jgrad.tensor.Tensor;

/** Reorders dimensions (a copy): y.shape[i] = x.shape[perm[i]].  dX = dY permuted back by the inverse permutation. */
public final class Permute {
    private Permute() {}

    /**
     * Reorders the dimensions (a copy); differentiable.
     *
     * @param x the input
     * @param perm a permutation of 0..rank-1: output dimension i is input dimension perm[i]
     * @return the permuted tensor, on x's backend
     * @throws IllegalArgumentException if {@code perm} is not a permutation of x's dimensions
     */
    public static Tensor apply(Tensor x, int... perm) {
        int rank = x.rank();
        if (perm.length != rank) {
            throw new IllegalArgumentException(
                    "permute: " + perm.length + " axes given for shape " + Shape.str(x.shape()));
        }
        int[] inverse = new int[rank];
        boolean[] seen = new boolean[rank];
        int[] outShape = new int[rank];
        for (int i = 0; i < rank; i++) {
            if (perm[i] < 0 || perm[i] >= rank || seen[perm[i]]) {
                throw new IllegalArgumentException(
                        "permute: " + java.util.Arrays.toString(perm) + " is not a permutation of 0.." + (rank - 1));
            }
            seen[perm[i]] = true;
            inverse[perm[i]] = i;
            outShape[i] = x.dim(perm[i]);
        }
        Tensor y = Tensor.zeros(x.backend(), outShape);
        x.backend().permute(storage(y), storage(x), x.shape(), perm);
        return Graph.record("permute", y, dY -> accumulateGrad(x, apply(dY, inverse)), x);
    }

    /**
     * Swaps the last two dimensions (a copy): [.., m, n] → [.., n, m]; differentiable.
     *
     * @param x the input, of rank 2 or more
     * @return the transposed tensor
     * @throws IllegalArgumentException if the rank is below 2
     */
    public static Tensor transposeLastTwo(Tensor x) {
        if (x.rank() < 2)
            throw new IllegalArgumentException(
                    "transpose: needs at least 2 dimensions, shape is " + Shape.str(x.shape()));
        int[] perm = new int[x.rank()];
        for (int i = 0; i < perm.length; i++) perm[i] = i;
        perm[perm.length - 1] = perm.length - 2;
        perm[perm.length - 2] = perm.length - 1;
        return apply(x, perm);
    }
}
