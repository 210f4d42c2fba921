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

    /** Descriptors of one convolution shape, and one {@link Direction} each for forward, backward-data, backward-filter. */
    static final class Plan {
        final cudnnTensorDescriptor x, y, bias;
        final cudnnFilterDescriptor w;
        final Direction forward, backwardData, backwardFilter;

        Plan(Cudnn cudnn, ConvGeometry g, int mathType) {
            x = cudnn.tensor(g.n(), g.inChannels(), g.height(), g.width());
            y = cudnn.tensor(g.n(), g.outChannels(), g.outHeight(), g.outWidth());
            bias = cudnn.tensor(1, g.outChannels(), 1, 1);
            w = new cudnnFilterDescriptor();
            cudnnCreateFilterDescriptor(w);
            cudnnSetFilter4dDescriptor(
                    w, CUDNN_DATA_FLOAT, CUDNN_TENSOR_NCHW, g.outChannels(), g.inChannels(), g.kernelH(), g.kernelW());
            forward = new Direction("forward", g, mathType);
            backwardData = new Direction("backward-data", g, mathType);
            backwardFilter = new Direction("backward-filter", g, mathType);
        }
    }

    /** One direction's convolution descriptor and the algorithm benchmarked for it (algo -1 = not yet). */
    static final class Direction {
        final String name;
        final cudnnConvolutionDescriptor descriptor = new cudnnConvolutionDescriptor();
        int algo = -1;
        int math; // as cuDNN reported it when benchmarking
        long bytes; // workspace the algorithm needs

        Direction(String name, ConvGeometry g, int mathType) {
            this.name = name;
            cudnnCreateConvolutionDescriptor(descriptor);
            cudnnSetConvolution2dDescriptor(
                    descriptor,
                    g.padH(),
                    g.padW(),
                    g.strideH(),
                    g.strideW(),
                    1,
                    1,
                    CUDNN_CROSS_CORRELATION,
                    CUDNN_DATA_FLOAT);
            cudnnSetConvolutionMathType(descriptor, mathType);
        }

        boolean planned() {
            return algo >= 0;
        }
    }

    /** One algorithm as cudnnFind*Ex reported it (the three directions' perf classes have these fields but no common type). */
    record Candidate(int status, int algo, int mathType, long memory) {}

    CudnnConv(Cudnn cudnn, boolean allowTf32) {
        this.cudnn = cudnn;
        this.allowTf32 = allowTf32;
        this.findWorkspaceLimit = Math.min(1L << 30, cudnn.device.totalMemory / 8);
    }

    private Plan plan(ConvGeometry g) {
        return plans.computeIfAbsent(g, k -> new Plan(cudnn, g, allowTf32 ? CUDNN_DEFAULT_MATH : CUDNN_FMA_MATH));
    }

    /**
     * The algorithm to use: the first candidate (cuDNN lists them fastest first) that ran and, in
     * strict float32 mode ({@code allowTf32} false), used no tensor cores; null when none did.
     */
    static Candidate pick(Candidate[] candidates, boolean allowTf32) {
        for (Candidate c : candidates) {
            boolean tensorCores =
                    c.mathType() == CUDNN_TENSOR_OP_MATH || c.mathType() == CUDNN_TENSOR_OP_MATH_ALLOW_CONVERSION;
            if (c.status() == CUDNN_STATUS_SUCCESS && (allowTf32 || !tensorCores)) return c;
        }
        return null;
    }

    /** Settles direction d on {@link #pick}'s choice; it then runs with the math type it was benchmarked with, or plain float32 in strict mode. */
    private void choose(Direction d, Candidate[] candidates, ConvGeometry g) {
        Candidate c = pick(candidates, allowTf32);
        if (c == null) throw new IllegalStateException("cuDNN found no " + d.name + " algorithm for " + g);
        d.algo = c.algo();
        d.bytes = c.memory();
        d.math = c.mathType();
        cudnnSetConvolutionMathType(d.descriptor, allowTf32 ? c.mathType() : CUDNN_FMA_MATH);
    }

    void forward(CUdeviceptr y, CUdeviceptr x, CUdeviceptr w, CUdeviceptr bias, ConvGeometry g) {
        cudnn.device.makeCurrent();
        Plan p = plan(g);
        Direction d = p.forward;
        if (!d.planned()) {
            var perf = new cudnnConvolutionFwdAlgoPerf[REQUESTED_ALGORITHMS];
            for (int i = 0; i < perf.length; i++) perf[i] = new cudnnConvolutionFwdAlgoPerf();
            int[] count = new int[1];
            cudnnFindConvolutionForwardAlgorithmEx(
                    cudnn.handle,
                    p.x,
                    x,
                    p.w,
                    w,
                    d.descriptor,
                    p.y,
                    y,
                    perf.length,
                    count,
                    perf,
                    cudnn.workspace(findWorkspaceLimit),
                    findWorkspaceLimit);
            Candidate[] c = new Candidate[count[0]];
            for (int i = 0; i < c.length; i++)
                c[i] = new Candidate(perf[i].status, perf[i].algo, perf[i].mathType, perf[i].memory);
            choose(d, c, g);
        }
        cudnnConvolutionForward(
                cudnn.handle,
                cudnn.one,
                p.x,
                x,
                p.w,
                w,
                d.descriptor,
                d.algo,
                cudnn.workspace(d.bytes),
                d.bytes,
                cudnn.zero,
                p.y,
                y);
        if (bias != null) cudnnAddTensor(cudnn.handle, cudnn.one, p.bias, bias, cudnn.one, p.y, y);
    }

    void backwardData(CUdeviceptr dx, CUdeviceptr dy, CUdeviceptr w, ConvGeometry g) {
        cudnn.device.makeCurrent();
        Plan p = plan(g);
        Direction d = p.backwardData;
        if (!d.planned()) {
            var perf = new cudnnConvolutionBwdDataAlgoPerf[REQUESTED_ALGORITHMS];
            for (int i = 0; i < perf.length; i++) perf[i] = new cudnnConvolutionBwdDataAlgoPerf();
            int[] count = new int[1];
            cudnnFindConvolutionBackwardDataAlgorithmEx(
                    cudnn.handle,
                    p.w,
                    w,
                    p.y,
                    dy,
                    d.descriptor,
                    p.x,
                    dx,
                    perf.length,
                    count,
                    perf,
                    cudnn.workspace(findWorkspaceLimit),
                    findWorkspaceLimit);
            Candidate[] c = new Candidate[count[0]];
            for (int i = 0; i < c.length; i++)
                c[i] = new Candidate(perf[i].status, perf[i].algo, perf[i].mathType, perf[i].memory);
            choose(d, c, g);
        }
        cudnnConvolutionBackwardData(
                cudnn.handle,
                cudnn.one,
                p.w,
                w,
                p.y,
                dy,
                d.descriptor,
                d.algo,
                cudnn.workspace(d.bytes),
                d.bytes,
                cudnn.zero,
                p.x,
                dx);
    }

    void backwardFilter(CUdeviceptr dw, CUdeviceptr dBias, CUdeviceptr dy, CUdeviceptr x, ConvGeometry g) {
        cudnn.device.makeCurrent();
        Plan p = plan(g);
        Direction d = p.backwardFilter;
        if (!d.planned()) {
            var perf = new cudnnConvolutionBwdFilterAlgoPerf[REQUESTED_ALGORITHMS];
            for (int i = 0; i < perf.length; i++) perf[i] = new cudnnConvolutionBwdFilterAlgoPerf();
            int[] count = new int[1];
            cudnnFindConvolutionBackwardFilterAlgorithmEx(
                    cudnn.handle,
                    p.x,
                    x,
                    p.y,
                    dy,
                    d.descriptor,
                    p.w,
                    dw,
                    perf.length,
                    count,
                    perf,
                    cudnn.workspace(findWorkspaceLimit),
                    findWorkspaceLimit);
            Candidate[] c = new Candidate[count[0]];
            for (int i = 0; i < c.length; i++)
                c[i] = new Candidate(perf[i].status, perf[i].algo, perf[i].mathType, perf[i].memory);
            choose(d, c, g);
        }
        cudnnConvolutionBackwardFilter(
                cudnn.handle,
                cudnn.one,
                p.x,
                x,
                p.y,
                dy,
                d.descriptor,
                d.algo,
                cudnn.workspace(d.bytes),
                d.bytes,
                cudnn.zero,
                p.w,
                dw);
        if (dBias != null) cudnnConvolutionBackwardBias(cudnn.handle, cudnn.one, p.y, dy, cudnn.zero, p.bias, dBias);
    }

    /** "fwd algo 1, bwd-data algo 1, bwd-filter algo 0" for a shape already planned, for reports. */
    String algorithms(ConvGeometry g) {
        Plan p = plans.get(g);
        if (p == null) return "not planned";
        return "algorithm/math: fwd " + p.forward.algo + "/" + p.forward.math + ", bwd-data " + p.backwardData.algo
                + "/"
                + p.backwardData.math + ", bwd-filter " + p.backwardFilter.algo + "/" + p.backwardFilter.math
                + " (math 0 default, 1 tensor-op, 2 tensor-op with conversion, 3 FMA)";
    }
}
