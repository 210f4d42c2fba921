package org.jgrad.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jgrad.backend.Backend;
import org.jgrad.backend.BatchNormConformanceTest;
import org.jgrad.backend.ConvConformanceTest;
import org.jgrad.backend.ElementwiseConformanceTest;
import org.jgrad.backend.FreshBufferConformanceTest;
import org.jgrad.backend.GemmConformanceTest;
import org.jgrad.backend.OptimizerConformanceTest;
import org.jgrad.backend.PoolConformanceTest;
import org.jgrad.backend.RowsConformanceTest;
import org.jgrad.backend.SoftmaxLossConformanceTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every kernel family of the fast CPU backend against the reference. Three threads (more than
 * this machine's cores, and an odd count) so that the uneven splits of rows, images and channels
 * are exercised. The surefire configuration runs this class again with narrower vectors
 * ({@code -Djgrad.cpu.vectorBits=256} and {@code 128}) to cover machines without AVX-512.
 */
class FastCpuConformanceTest {
    private static final FastCpuBackend BACKEND = new FastCpuBackend(3);

    @Test
    void theVectorPathIsTheOneUnderTest() {
        System.out.println("FastCpuConformanceTest on " + BACKEND.describe());
        assertTrue(
                BACKEND.vectorised(),
                "the tests must run with --add-modules jdk.incubator.vector: " + BACKEND.describe());
    }

    @Nested
    class Gemm extends GemmConformanceTest {
        @Override
        protected Backend backend() {
            return BACKEND;
        }
    }

    @Nested
    class Conv extends ConvConformanceTest {
        @Override
        protected Backend backend() {
            return BACKEND;
        }
    }

    /** Both convolution algorithms on every geometry, whatever "auto" would pick for it. */
    @Nested
    class ConvDirect extends ConvConformanceTest {
        private static final FastCpuBackend DIRECT = new FastCpuBackend(3, "direct");

        @Override
        protected Backend backend() {
            return DIRECT;
        }
    }

    @Nested
    class ConvIm2col extends ConvConformanceTest {
        private static final FastCpuBackend IM2COL = new FastCpuBackend(3, "im2col");

        @Override
        protected Backend backend() {
            return IM2COL;
        }
    }

    @Nested
    class Elementwise extends ElementwiseConformanceTest {
        @Override
        protected Backend backend() {
            return BACKEND;
        }
    }

    @Nested
    class Pool extends PoolConformanceTest {
        @Override
        protected Backend backend() {
            return BACKEND;
        }
    }

    @Nested
    class BatchNorm extends BatchNormConformanceTest {
        @Override
        protected Backend backend() {
            return BACKEND;
        }
    }

    @Nested
    class Optimizer extends OptimizerConformanceTest {
        @Override
        protected Backend backend() {
            return BACKEND;
        }
    }

    @Nested
    class SoftmaxLoss extends SoftmaxLossConformanceTest {
        @Override
        protected Backend backend() {
            return BACKEND;
        }
    }

    @Nested
    class FreshBuffer extends FreshBufferConformanceTest {
        @Override
        protected Backend backend() {
            return BACKEND;
        }
    }

    @Nested
    class Rows extends RowsConformanceTest {
        @Override
        protected Backend backend() {
            return BACKEND;
        }
    }
}
