package org.jgrad.backend.cuda;

import static jcuda.jcudnn.JCudnn.cudnnActivationBackward;
import static jcuda.jcudnn.JCudnn.cudnnActivationForward;
import static jcuda.jcudnn.JCudnn.cudnnBatchNormalizationBackward;
import static jcuda.jcudnn.JCudnn.cudnnBatchNormalizationForwardInference;
import static jcuda.jcudnn.JCudnn.cudnnBatchNormalizationForwardTraining;
import static jcuda.jcudnn.JCudnn.cudnnCreate;
import static jcuda.jcudnn.JCudnn.cudnnCreateActivationDescriptor;
import static jcuda.jcudnn.JCudnn.cudnnCreatePoolingDescriptor;
import static jcuda.jcudnn.JCudnn.cudnnCreateTensorDescriptor;
import static jcuda.jcudnn.JCudnn.cudnnGetVersion;
import static jcuda.jcudnn.JCudnn.cudnnPoolingForward;
import static jcuda.jcudnn.JCudnn.cudnnSetActivationDescriptor;
import static jcuda.jcudnn.JCudnn.cudnnSetPooling2dDescriptor;
import static jcuda.jcudnn.JCudnn.cudnnSetTensor4dDescriptor;
import static jcuda.jcudnn.cudnnBatchNormMode.CUDNN_BATCHNORM_SPATIAL;
import static jcuda.jcudnn.cudnnDataType.CUDNN_DATA_FLOAT;
import static jcuda.jcudnn.cudnnNanPropagation.CUDNN_NOT_PROPAGATE_NAN;
import static jcuda.jcudnn.cudnnTensorFormat.CUDNN_TENSOR_NCHW;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.jcudnn.JCudnn;
import jcuda.jcudnn.cudnnActivationDescriptor;
import jcuda.jcudnn.cudnnActivationMode;
import jcuda.jcudnn.cudnnHandle;
import jcuda.jcudnn.cudnnPoolingDescriptor;
import jcuda.jcudnn.cudnnPoolingMode;
import jcuda.jcudnn.cudnnTensorDescriptor;
import org.jgrad.backend.PoolGeometry;
import org.jgrad.backend.UnaryOp;

/**
 * cuDNN through JCudnn: the handle, cached descriptors, one growing workspace, and the pooling,
 * activation and batch-norm calls (convolution is in {@link CudnnConv}). JCudnn's newest Java
 * classes (11.7.0) are paired with its 12.6.0 native library, which needs cuDNN 9
 * (libcudnn.so.9); every call used here has the same signature in both (checked with javap and
 * the native symbol table, see docs/GPU.md).
 */
final class Cudnn {
    /** cuDNN rejects a smaller batch-norm epsilon (CUDNN_BN_MIN_EPSILON); jgrad's own kernels take over then. */
    static final double MIN_BN_EPSILON = 1e-5;

    final cudnnHandle handle;
    final long version;
    final CudaDevice device;
    final Pointer one, zero; // host scalars for alpha and beta
    private final Map<List<Integer>, cudnnTensorDescriptor> tensors = new HashMap<>();
    private final Map<PoolGeometry, cudnnPoolingDescriptor> avgPools = new HashMap<>(), maxPools = new HashMap<>();
    private final Map<UnaryOp, cudnnActivationDescriptor> activations = new HashMap<>();
    private CUdeviceptr workspace;
    private long workspaceBytes;

    private Cudnn(CudaDevice device, cudnnHandle handle, long version) {
        this.device = device;
        this.handle = handle;
        this.version = version;
        this.one = device.kernels.hostOne();
        this.zero = device.kernels.hostZero();
    }

    /** Loads cuDNN 9 and creates a handle; the exception says why it could not. */
    static Cudnn open(CudaDevice device, CudaLibraries libraries) throws CudaUnavailableException {
        CudaLibraries.Outcome lib = libraries.loadCudnn();
        try {
            JCudnn.setExceptionsEnabled(true);
            long version = cudnnGetVersion();
            if (version < 90000) {
                throw new CudaUnavailableException(
                        "cuDNN " + version + " found, but JCudnn 12.6's native library needs cuDNN 9");
            }
            device.makeCurrent();
            cudnnHandle handle = new cudnnHandle();
            cudnnCreate(handle);
            return new Cudnn(device, handle, version);
        } catch (LinkageError e) {
            String reason = lib.loaded() ? CudaLibraries.linkProblem(e) : lib.problem();
            throw new CudaUnavailableException("cuDNN 9 (libcudnn.so.9) is not loadable: " + reason, e);
        } catch (RuntimeException e) {
            throw new CudaUnavailableException("cuDNN did not start: " + e.getMessage(), e);
        }
    }

    String describe() {
        return "cuDNN " + version / 10000 + "." + (version % 10000) / 100 + "." + version % 100;
    }

    /** A packed NCHW float tensor descriptor, created once per shape. */
    cudnnTensorDescriptor tensor(int n, int c, int h, int w) {
        return tensors.computeIfAbsent(List.of(n, c, h, w), k -> {
            cudnnTensorDescriptor d = new cudnnTensorDescriptor();
            cudnnCreateTensorDescriptor(d);
            cudnnSetTensor4dDescriptor(d, CUDNN_TENSOR_NCHW, CUDNN_DATA_FLOAT, n, c, h, w);
            return d;
        });
    }

    /** At least {@code bytes} of scratch memory, shared by all cuDNN calls (they run one at a time, in order). */
    CUdeviceptr workspace(long bytes) {
        if (bytes > workspaceBytes) {
            if (workspace != null) jcuda.driver.JCudaDriver.cuMemFree(workspace);
            workspace = new CUdeviceptr();
            long size = Math.max(bytes, 1 << 20);
            jcuda.driver.JCudaDriver.cuMemAlloc(workspace, size);
            workspaceBytes = size;
        }
        if (workspace == null) workspace(1 << 20);
        return workspace;
    }

    long workspaceBytes() {
        return workspaceBytes;
    }

    // ---------------------------------------------------------------- pooling (forward; see CudaBackend for backward)

    void poolForward(boolean max, CUdeviceptr y, CUdeviceptr x, PoolGeometry g) {
        Map<PoolGeometry, cudnnPoolingDescriptor> cache = max ? maxPools : avgPools;
        cudnnPoolingDescriptor desc = cache.computeIfAbsent(g, k -> {
            cudnnPoolingDescriptor d = new cudnnPoolingDescriptor();
            cudnnCreatePoolingDescriptor(d);
            int mode = max
                    ? cudnnPoolingMode.CUDNN_POOLING_MAX_DETERMINISTIC
                    : cudnnPoolingMode.CUDNN_POOLING_AVERAGE_COUNT_EXCLUDE_PADDING;
            cudnnSetPooling2dDescriptor(
                    d,
                    mode,
                    CUDNN_NOT_PROPAGATE_NAN,
                    g.kernelH(),
                    g.kernelW(),
                    g.padH(),
                    g.padW(),
                    g.strideH(),
                    g.strideW());
            return d;
        });
        device.makeCurrent();
        cudnnPoolingForward(
                handle,
                desc,
                one,
                tensor(g.n(), g.channels(), g.height(), g.width()),
                x,
                zero,
                tensor(g.n(), g.channels(), g.outHeight(), g.outWidth()),
                y);
    }

    // ---------------------------------------------------------------- activations

    /** The ops cuDNN computes: relu, sigmoid and tanh. */
    static boolean isActivation(UnaryOp op) {
        return op == UnaryOp.RELU || op == UnaryOp.SIGMOID || op == UnaryOp.TANH;
    }

    private cudnnActivationDescriptor activation(UnaryOp op) {
        return activations.computeIfAbsent(op, k -> {
            int mode = switch (op) {
                case RELU -> cudnnActivationMode.CUDNN_ACTIVATION_RELU;
                case SIGMOID -> cudnnActivationMode.CUDNN_ACTIVATION_SIGMOID;
                case TANH -> cudnnActivationMode.CUDNN_ACTIVATION_TANH;
                default -> throw new IllegalArgumentException("cuDNN has no activation " + op);
            };
            cudnnActivationDescriptor d = new cudnnActivationDescriptor();
            cudnnCreateActivationDescriptor(d);
            cudnnSetActivationDescriptor(d, mode, CUDNN_NOT_PROPAGATE_NAN, 0.0);
            return d;
        });
    }

    void activationForward(UnaryOp op, CUdeviceptr y, CUdeviceptr x, int n) {
        cudnnTensorDescriptor d = tensor(n, 1, 1, 1);
        device.makeCurrent();
        cudnnActivationForward(handle, activation(op), one, d, x, zero, d, y);
    }

    void activationBackward(UnaryOp op, CUdeviceptr dx, CUdeviceptr dy, CUdeviceptr x, CUdeviceptr y, int n) {
        cudnnTensorDescriptor d = tensor(n, 1, 1, 1);
        device.makeCurrent();
        cudnnActivationBackward(handle, activation(op), one, d, y, d, dy, d, x, zero, d, dx);
    }

    // ---------------------------------------------------------------- batch normalisation (spatial, per channel)

    void batchNormTraining(
            CUdeviceptr y,
            CUdeviceptr saveMean,
            CUdeviceptr saveInvStd,
            CUdeviceptr runningMean,
            CUdeviceptr runningVar,
            CUdeviceptr x,
            CUdeviceptr gamma,
            CUdeviceptr beta,
            int n,
            int channels,
            int h,
            int w,
            float momentum,
            float eps) {
        cudnnTensorDescriptor data = tensor(n, channels, h, w);
        device.makeCurrent();
        cudnnBatchNormalizationForwardTraining(
                handle,
                CUDNN_BATCHNORM_SPATIAL,
                one,
                zero,
                data,
                x,
                data,
                y,
                tensor(1, channels, 1, 1),
                gamma,
                beta,
                momentum,
                runningMean == null ? null : runningMean,
                runningMean == null ? null : runningVar,
                eps,
                saveMean,
                saveInvStd);
    }

    void batchNormInference(
            CUdeviceptr y,
            CUdeviceptr x,
            CUdeviceptr gamma,
            CUdeviceptr beta,
            CUdeviceptr runningMean,
            CUdeviceptr runningVar,
            int n,
            int channels,
            int h,
            int w,
            float eps) {
        cudnnTensorDescriptor data = tensor(n, channels, h, w);
        device.makeCurrent();
        cudnnBatchNormalizationForwardInference(
                handle,
                CUDNN_BATCHNORM_SPATIAL,
                one,
                zero,
                data,
                x,
                data,
                y,
                tensor(1, channels, 1, 1),
                gamma,
                beta,
                runningMean,
                runningVar,
                eps);
    }

    /** The saved mean and inverse deviation come from the forward pass, so epsilon is not used again. */
    void batchNormBackward(
            CUdeviceptr dx,
            CUdeviceptr dGamma,
            CUdeviceptr dBeta,
            CUdeviceptr dy,
            CUdeviceptr x,
            CUdeviceptr gamma,
            CUdeviceptr saveMean,
            CUdeviceptr saveInvStd,
            int n,
            int channels,
            int h,
            int w) {
        cudnnTensorDescriptor data = tensor(n, channels, h, w);
        device.makeCurrent();
        cudnnBatchNormalizationBackward(
                handle,
                CUDNN_BATCHNORM_SPATIAL,
                one,
                zero,
                one,
                zero,
                data,
                x,
                data,
                dy,
                data,
                dx,
                tensor(1, channels, 1, 1),
                gamma,
                dGamma,
                dBeta,
                MIN_BN_EPSILON,
                saveMean,
                saveInvStd);
    }
}
