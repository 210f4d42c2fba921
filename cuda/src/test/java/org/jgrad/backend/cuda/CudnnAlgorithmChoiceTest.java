package org.jgrad.backend.cuda;

import static jcuda.jcudnn.cudnnMathType.CUDNN_DEFAULT_MATH;
import static jcuda.jcudnn.cudnnMathType.CUDNN_FMA_MATH;
import static jcuda.jcudnn.cudnnMathType.CUDNN_TENSOR_OP_MATH;
import static jcuda.jcudnn.cudnnMathType.CUDNN_TENSOR_OP_MATH_ALLOW_CONVERSION;
import static jcuda.jcudnn.cudnnStatus.CUDNN_STATUS_NOT_SUPPORTED;
import static jcuda.jcudnn.cudnnStatus.CUDNN_STATUS_SUCCESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.jgrad.backend.cuda.CudnnConv.Candidate;
import org.junit.jupiter.api.Test;

/**
 * Which of cuDNN's benchmarked convolution algorithms jgrad runs (no GPU needed: the rule is
 * plain Java over what cudnnFind*Ex reported). Candidates arrive fastest first.
 */
class CudnnAlgorithmChoiceTest {
    private static Candidate c(int status, int algo, int math) {
        return new Candidate(status, algo, math, 1024L * algo);
    }

    private final Candidate[] reported = {
        c(CUDNN_STATUS_NOT_SUPPORTED, 7, CUDNN_DEFAULT_MATH), // fastest, but did not run
        c(CUDNN_STATUS_SUCCESS, 6, CUDNN_TENSOR_OP_MATH), // TF32 tensor cores
        c(CUDNN_STATUS_SUCCESS, 5, CUDNN_TENSOR_OP_MATH_ALLOW_CONVERSION),
        c(CUDNN_STATUS_SUCCESS, 1, CUDNN_DEFAULT_MATH), // plain float32
        c(CUDNN_STATUS_SUCCESS, 0, CUDNN_FMA_MATH),
    };

    @Test
    void withTf32TheFastestAlgorithmThatRanIsTaken() {
        assertEquals(6, CudnnConv.pick(reported, true).algo());
    }

    @Test
    void strictFloat32SkipsTensorCoreAlgorithms() {
        Candidate chosen = CudnnConv.pick(reported, false);
        assertEquals(1, chosen.algo());
        assertEquals(1024L, chosen.memory(), "the workspace of the chosen algorithm is kept");
    }

    @Test
    void noAcceptableAlgorithmGivesNull() {
        Candidate[] onlyTensorCores = {
            c(CUDNN_STATUS_SUCCESS, 6, CUDNN_TENSOR_OP_MATH), c(CUDNN_STATUS_NOT_SUPPORTED, 1, CUDNN_FMA_MATH)
        };
        assertNull(CudnnConv.pick(onlyTensorCores, false));
        assertEquals(6, CudnnConv.pick(onlyTensorCores, true).algo());
        assertNull(CudnnConv.pick(new Candidate[0], true));
    }
}
