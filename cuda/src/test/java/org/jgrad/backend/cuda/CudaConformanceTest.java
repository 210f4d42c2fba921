package org.jgrad.backend.cuda;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.jgrad.backend.Backend;
import org.jgrad.backend.BatchNormConformanceTest;
import org.jgrad.backend.ConvConformanceTest;
import org.jgrad.backend.ElementwiseConformanceTest;
import org.jgrad.backend.FreshBufferConformanceTest;
import org.jgrad.backend.GemmConformanceTest;
import org.jgrad.backend.OptimizerConformanceTest;
import org.jgrad.backend.PoolConformanceTest;
import org.jgrad.backend.SoftmaxLossConformanceTest;
import org.junit.jupiter.api.Nested;

/**
 * The engine's kernel conformance suite (every family, from the engine's test jar) against the
 * CUDA backend in two configurations: cuDNN and cuBLAS restricted to plain float32 with jgrad's own
 * kernels for the rest, and jgrad's own kernels alone (no cuDNN, no cuBLAS). Skipped, with the
 * reason, where no GPU is usable.
 *
 * <p>Tolerances are the suite's, ten times wider ({@link #GPU_TOLERANCE}): the GPU sums in other
 * orders (tree reductions, cuDNN's algorithms) and its exp, log and tanh are CUDA's. Exact checks
 * (max pooling, copies, dropout masks) stay exact.
 */
class CudaConformanceTest {
    static final double GPU_TOLERANCE = 10;

    /** Skips the calling test, with the reason, where no GPU is usable. */
    static void assumeGpu() {
        String reason = CudaSupport.unavailableReason();
        assumeTrue(reason == null, () -> "no usable GPU: " + reason);
    }

    static Backend strictFloat32() {
        assumeGpu();
        try {
            return CudaSupport.backend(CudaOptions.strictFloat32());
        } catch (CudaUnavailableException e) {
            throw new AssertionError("the GPU is usable but the backend did not open: " + e.getMessage(), e);
        }
    }

    static Backend ownKernelsOnly() {
        assumeGpu();
        try {
            return CudaSupport.backend(CudaOptions.ownKernelsOnly());
        } catch (CudaUnavailableException e) {
            throw new AssertionError("the GPU is usable but the backend did not open: " + e.getMessage(), e);
        }
    }

    @Nested
    class Gemm extends GemmConformanceTest {
        @Override
        protected Backend backend() {
            return strictFloat32();
        }

        @Override
        protected double toleranceFactor() {
            return GPU_TOLERANCE;
        }
    }

    @Nested
    class Conv extends ConvConformanceTest {
        @Override
        protected Backend backend() {
            return strictFloat32();
        }

        @Override
        protected double toleranceFactor() {
            return GPU_TOLERANCE;
        }
    }

    @Nested
    class Elementwise extends ElementwiseConformanceTest {
        @Override
        protected Backend backend() {
            return strictFloat32();
        }

        @Override
        protected double toleranceFactor() {
            return GPU_TOLERANCE;
        }
    }

    @Nested
    class Pool extends PoolConformanceTest {
        @Override
        protected Backend backend() {
            return strictFloat32();
        }

        @Override
        protected double toleranceFactor() {
            return GPU_TOLERANCE;
        }
    }

    @Nested
    class BatchNorm extends BatchNormConformanceTest {
        @Override
        protected Backend backend() {
            return strictFloat32();
        }

        @Override
        protected double toleranceFactor() {
            return GPU_TOLERANCE;
        }
    }

    @Nested
    class Optimizer extends OptimizerConformanceTest {
        @Override
        protected Backend backend() {
            return strictFloat32();
        }

        @Override
        protected double toleranceFactor() {
            return GPU_TOLERANCE;
        }
    }

    @Nested
    class SoftmaxLoss extends SoftmaxLossConformanceTest {
        @Override
        protected Backend backend() {
            return strictFloat32();
        }

        @Override
        protected double toleranceFactor() {
            return GPU_TOLERANCE;
        }
    }

    @Nested
    class FreshBuffer extends FreshBufferConformanceTest {
        @Override
        protected Backend backend() {
            return strictFloat32();
        }

        @Override
        protected double toleranceFactor() {
            return GPU_TOLERANCE;
        }
    }

    /** The same families on jgrad's own kernels only. */
    @Nested
    class OwnKernels {
        @Nested
        class Gemm extends GemmConformanceTest {
            @Override
            protected Backend backend() {
                return ownKernelsOnly();
            }

            @Override
            protected double toleranceFactor() {
                return GPU_TOLERANCE;
            }
        }

        @Nested
        class Conv extends ConvConformanceTest {
            @Override
            protected Backend backend() {
                return ownKernelsOnly();
            }

            @Override
            protected double toleranceFactor() {
                return GPU_TOLERANCE;
            }
        }

        @Nested
        class Elementwise extends ElementwiseConformanceTest {
            @Override
            protected Backend backend() {
                return ownKernelsOnly();
            }

            @Override
            protected double toleranceFactor() {
                return GPU_TOLERANCE;
            }
        }

        @Nested
        class Pool extends PoolConformanceTest {
            @Override
            protected Backend backend() {
                return ownKernelsOnly();
            }

            @Override
            protected double toleranceFactor() {
                return GPU_TOLERANCE;
            }
        }

        @Nested
        class BatchNorm extends BatchNormConformanceTest {
            @Override
            protected Backend backend() {
                return ownKernelsOnly();
            }

            @Override
            protected double toleranceFactor() {
                return GPU_TOLERANCE;
            }
        }

        @Nested
        class Optimizer extends OptimizerConformanceTest {
            @Override
            protected Backend backend() {
                return ownKernelsOnly();
            }

            @Override
            protected double toleranceFactor() {
                return GPU_TOLERANCE;
            }
        }

        @Nested
        class SoftmaxLoss extends SoftmaxLossConformanceTest {
            @Override
            protected Backend backend() {
                return ownKernelsOnly();
            }

            @Override
            protected double toleranceFactor() {
                return GPU_TOLERANCE;
            }
        }

        @Nested
        class FreshBuffer extends FreshBufferConformanceTest {
            @Override
            protected Backend backend() {
                return ownKernelsOnly();
            }

            @Override
            protected double toleranceFactor() {
                return GPU_TOLERANCE;
            }
        }
    }
}
