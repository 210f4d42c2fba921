package org.jgrad.backend.cuda;

import static jcuda.jcudnn.JCudnn.cudnnAddTensor;
import static jcuda.jcudnn.JCudnn.cudnnConvolutionBackwardBias;
import static jcuda.jcudnn.JCudnn.cudnnConvolutionBackwardData;
import static jcuda.jcudnn.JCudnn.cudnnConvolutionBackwardFilter;
import static jcuda.jcudnn.JCudnn.cudnnConvolutionForward;
import static jcuda.jcudnn.JCudnn.cudnnCreateConvolutionDescriptor;
import static jcuda.jcudnn.JCudnn.cudnnCreateFilterDescriptor;
import static jcuda.jcudnn.JCudnn.cudnnFindConvolutionBackwardDataAlgorithmEx;
import static jcuda.jcudnn.JCudnn.cudnnFindConvolutionBackwardFilterAlgorithmEx;
import static jcuda.jcudnn.JCudnn.cudnnFindConvolutionForwardAlgorithmEx;
import static jcuda.jcudnn.JCudnn.cudnnSetConvolution2dDescriptor;
import static jcuda.jcudnn.JCudnn.cudnnSetConvolutionMathType;
import static jcuda.jcudnn.JCudnn.cudnnSetFilter4dDescriptor;
import static jcuda.jcudnn.cudnnConvolutionMode.CUDNN_CROSS_CORRELATION;
import static jcuda.jcudnn.cudnnDataType.CUDNN_DATA_FLOAT;
import static jcuda.jcudnn.cudnnMathType.CUDNN_DEFAULT_MATH;
import static jcuda.jcudnn.cudnnMathType.CUDNN_FMA_MATH;
import static jcuda.jcudnn.cudnnMathType.CUDNN_TENSOR_OP_MATH;
import static jcuda.jcudnn.cudnnMathType.CUDNN_TENSOR_OP_MATH_ALLOW_CONVERSION;
import static jcuda.jcudnn.cudnnStatus.CUDNN_STATUS_SUCCESS;
import static jcuda.jcudnn.cudnnTensorFormat.CUDNN_TENSOR_NCHW;

import java.util.HashMap;
import java.util.Map;
import jcuda.driver.CUdeviceptr;
import jcuda.jcudnn.cudnnConvolutionBwdDataAlgoPerf;
import jcuda.jcudnn.cudnnConvolutionBwdFilterAlgoPerf;
import jcuda.jcudnn.cudnnConvolutionDescriptor;
import jcuda.jcudnn.cudnnConvolutionFwdAlgoPerf;
import jcuda.jcudnn.cudnnFilterDescriptor;
import jcuda.jcudnn.cudnnTensorDescriptor;
import org.jgrad.backend.ConvGeometry;

/**
 * Convolution through cuDNN. For each convolution shape a {@link Plan} holds the descriptors and,
 * for each of the three directions, the algorithm that cuDNN's benchmark (cudnnFind*Ex, run once
 * on the first call with that shape's real buffers) found fastest within the workspace limit.
 *
 * <p>Precision: with {@code allowTf32} (the default, and PyTorch's default for convolutions) cuDNN
 * may use TF32 tensor cores for float32 data (about 1e-3 relative error); without it every
 * algorithm is restricted to plain float32 arithmetic (CUDNN_FMA_MATH).
 */
final class CudnnConv {
    private static final int REQUESTED_ALGORITHMS = 8;

    private final Cudnn cudnn;
    private final boolean allowTf32;
    private final long findWorkspaceLimit;
    private final Map<ConvGeometry, Plan> plans = new HashMap<>();

    /** Descriptors of one convolution shape and the algorithm chosen for each direction (-1 = not yet). */
    static final class Plan {
        final cudnnTensorDescriptor x, y, bias;
        final cudnnFilterDescriptor w;
        final cudnnConvolutionDescriptor forward, backwardData, backwardFilter;
        int forwardAlgo = -1, backwardDataAlgo = -1, backwardFilterAlgo = -1;
        int forwardMath, backwardDataMath, backwardFilterMath;   // as cuDNN reported them when benchmarking
        long forwardBytes, backwardDataBytes, backwardFilterBytes;

        Plan(Cudnn cudnn, ConvGeometry g, int mathType) {
            x = cudnn.tensor(g.n(), g.inChannels(), g.height(), g.width());
            y = cudnn.tensor(g.n(), g.outChannels(), g.outHeight(), g.outWidth());
            bias = cudnn.tensor(1, g.outChannels(), 1, 1);
            w = new cudnnFilterDescriptor();
            cudnnCreateFilterDescriptor(w);
            cudnnSetFilter4dDescriptor(w, CUDNN_DATA_FLOAT, CUDNN_TENSOR_NCHW, g.outChannels(), g.inChannels(), g.kernelH(), g.kernelW());
            forward = descriptor(g, mathType);
            backwardData = descriptor(g, mathType);
            backwardFilter = descriptor(g, mathType);
        }

        private static cudnnConvolutionDescriptor descriptor(ConvGeometry g, int mathType) {
            cudnnConvolutionDescriptor d = new cudnnConvolutionDescriptor();
            cudnnCreateConvolutionDescriptor(d);
            cudnnSetConvolution2dDescriptor(d, g.padH(), g.padW(), g.strideH(), g.strideW(), 1, 1,
                    CUDNN_CROSS_CORRELATION, CUDNN_DATA_FLOAT);
            cudnnSetConvolutionMathType(d, mathType);
            return d;
        }
    }

    CudnnConv(Cudnn cudnn, boolean allowTf32) {
        this.cudnn = cudnn;
        this.allowTf32 = allowTf32;
        this.findWorkspaceLimit = Math.min(1L << 30, cudnn.device.totalMemory / 8);
    }

    private Plan plan(ConvGeometry g) {
        return plans.computeIfAbsent(g, k -> new Plan(cudnn, g, allowTf32 ? CUDNN_DEFAULT_MATH : CUDNN_FMA_MATH));
    }

    /** Whether a benchmarked algorithm is acceptable: it ran, and in strict mode it used no tensor cores. */
    private boolean acceptable(int status, int mathType) {
        return status == CUDNN_STATUS_SUCCESS
                && (allowTf32 || (mathType != CUDNN_TENSOR_OP_MATH && mathType != CUDNN_TENSOR_OP_MATH_ALLOW_CONVERSION));
    }

    /** The math type to run an algorithm with: the one it was benchmarked with, or plain float32 in strict mode. */
    private int mathFor(int benchmarked) {
        return allowTf32 ? benchmarked : CUDNN_FMA_MATH;
    }

    void forward(CUdeviceptr y, CUdeviceptr x, CUdeviceptr w, CUdeviceptr bias, ConvGeometry g) {
        cudnn.device.makeCurrent();
        Plan p = plan(g);
        if (p.forwardAlgo < 0) {
            cudnnConvolutionFwdAlgoPerf[] perf = new cudnnConvolutionFwdAlgoPerf[REQUESTED_ALGORITHMS];
            for (int i = 0; i < perf.length; i++) perf[i] = new cudnnConvolutionFwdAlgoPerf();
            int[] count = new int[1];
            cudnnFindConvolutionForwardAlgorithmEx(cudnn.handle, p.x, x, p.w, w, p.forward, p.y, y, perf.length, count, perf,
                    cudnn.workspace(findWorkspaceLimit), findWorkspaceLimit);
            for (int i = 0; i < count[0] && p.forwardAlgo < 0; i++) {
                if (acceptable(perf[i].status, perf[i].mathType)) {
                    p.forwardAlgo = perf[i].algo;
                    p.forwardBytes = perf[i].memory;
                    p.forwardMath = perf[i].mathType;
                    cudnnSetConvolutionMathType(p.forward, mathFor(perf[i].mathType));
                }
            }
            if (p.forwardAlgo < 0) throw new IllegalStateException("cuDNN found no forward algorithm for " + g);
        }
        cudnnConvolutionForward(cudnn.handle, cudnn.one, p.x, x, p.w, w, p.forward, p.forwardAlgo,
                cudnn.workspace(p.forwardBytes), p.forwardBytes, cudnn.zero, p.y, y);
        if (bias != null) cudnnAddTensor(cudnn.handle, cudnn.one, p.bias, bias, cudnn.one, p.y, y);
    }

    void backwardData(CUdeviceptr dx, CUdeviceptr dy, CUdeviceptr w, ConvGeometry g) {
        cudnn.device.makeCurrent();
        Plan p = plan(g);
        if (p.backwardDataAlgo < 0) {
            cudnnConvolutionBwdDataAlgoPerf[] perf = new cudnnConvolutionBwdDataAlgoPerf[REQUESTED_ALGORITHMS];
            for (int i = 0; i < perf.length; i++) perf[i] = new cudnnConvolutionBwdDataAlgoPerf();
            int[] count = new int[1];
            cudnnFindConvolutionBackwardDataAlgorithmEx(cudnn.handle, p.w, w, p.y, dy, p.backwardData, p.x, dx, perf.length,
                    count, perf, cudnn.workspace(findWorkspaceLimit), findWorkspaceLimit);
            for (int i = 0; i < count[0] && p.backwardDataAlgo < 0; i++) {
                if (acceptable(perf[i].status, perf[i].mathType)) {
                    p.backwardDataAlgo = perf[i].algo;
                    p.backwardDataBytes = perf[i].memory;
                    p.backwardDataMath = perf[i].mathType;
                    cudnnSetConvolutionMathType(p.backwardData, mathFor(perf[i].mathType));
                }
            }
            if (p.backwardDataAlgo < 0) throw new IllegalStateException("cuDNN found no backward-data algorithm for " + g);
        }
        cudnnConvolutionBackwardData(cudnn.handle, cudnn.one, p.w, w, p.y, dy, p.backwardData, p.backwardDataAlgo,
                cudnn.workspace(p.backwardDataBytes), p.backwardDataBytes, cudnn.zero, p.x, dx);
    }

    void backwardFilter(CUdeviceptr dw, CUdeviceptr dBias, CUdeviceptr dy, CUdeviceptr x, ConvGeometry g) {
        cudnn.device.makeCurrent();
        Plan p = plan(g);
        if (p.backwardFilterAlgo < 0) {
            cudnnConvolutionBwdFilterAlgoPerf[] perf = new cudnnConvolutionBwdFilterAlgoPerf[REQUESTED_ALGORITHMS];
            for (int i = 0; i < perf.length; i++) perf[i] = new cudnnConvolutionBwdFilterAlgoPerf();
            int[] count = new int[1];
            cudnnFindConvolutionBackwardFilterAlgorithmEx(cudnn.handle, p.x, x, p.y, dy, p.backwardFilter, p.w, dw, perf.length,
                    count, perf, cudnn.workspace(findWorkspaceLimit), findWorkspaceLimit);
            for (int i = 0; i < count[0] && p.backwardFilterAlgo < 0; i++) {
                if (acceptable(perf[i].status, perf[i].mathType)) {
                    p.backwardFilterAlgo = perf[i].algo;
                    p.backwardFilterBytes = perf[i].memory;
                    p.backwardFilterMath = perf[i].mathType;
                    cudnnSetConvolutionMathType(p.backwardFilter, mathFor(perf[i].mathType));
                }
            }
            if (p.backwardFilterAlgo < 0) throw new IllegalStateException("cuDNN found no backward-filter algorithm for " + g);
        }
        cudnnConvolutionBackwardFilter(cudnn.handle, cudnn.one, p.x, x, p.y, dy, p.backwardFilter, p.backwardFilterAlgo,
                cudnn.workspace(p.backwardFilterBytes), p.backwardFilterBytes, cudnn.zero, p.w, dw);
        if (dBias != null) cudnnConvolutionBackwardBias(cudnn.handle, cudnn.one, p.y, dy, cudnn.zero, p.bias, dBias);
    }

    /** "fwd algo 1, bwd-data algo 1, bwd-filter algo 0" for a shape already planned, for reports. */
    String algorithms(ConvGeometry g) {
        Plan p = plans.get(g);
        if (p == null) return "not planned";
        return "algorithm/math: fwd " + p.forwardAlgo + "/" + p.forwardMath + ", bwd-data " + p.backwardDataAlgo + "/"
                + p.backwardDataMath + ", bwd-filter " + p.backwardFilterAlgo + "/" + p.backwardFilterMath
                + " (math 0 default, 1 tensor-op, 2 tensor-op with conversion, 3 FMA)";
    }
}
