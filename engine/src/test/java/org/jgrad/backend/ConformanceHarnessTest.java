package org.jgrad.backend;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jgrad.backend.cpu.ReferenceBackend;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite itself, on the CPU: a second reference backend passes every family (the
 * suite accepts identical kernels), and a kernel that is wrong in one element, or that leaves a
 * fresh buffer unzeroed, fails with the element's index.
 */
class ConformanceHarnessTest {
    private static final Backend SECOND_REFERENCE = new ReferenceBackend();

    @Nested
    class Gemm extends GemmConformanceTest {
        @Override
        protected Backend backend() {
            return SECOND_REFERENCE;
        }
    }

    @Nested
    class Conv extends ConvConformanceTest {
        @Override
        protected Backend backend() {
            return SECOND_REFERENCE;
        }
    }

    @Nested
    class Elementwise extends ElementwiseConformanceTest {
        @Override
        protected Backend backend() {
            return SECOND_REFERENCE;
        }
    }

    @Nested
    class Pool extends PoolConformanceTest {
        @Override
        protected Backend backend() {
            return SECOND_REFERENCE;
        }
    }

    @Nested
    class BatchNorm extends BatchNormConformanceTest {
        @Override
        protected Backend backend() {
            return SECOND_REFERENCE;
        }
    }

    @Nested
    class Optimizer extends OptimizerConformanceTest {
        @Override
        protected Backend backend() {
            return SECOND_REFERENCE;
        }
    }

    @Nested
    class SoftmaxLoss extends SoftmaxLossConformanceTest {
        @Override
        protected Backend backend() {
            return SECOND_REFERENCE;
        }
    }

    @Nested
    class FreshBuffer extends FreshBufferConformanceTest {
        @Override
        protected Backend backend() {
            return SECOND_REFERENCE;
        }
    }

    @Test
    void aKernelThatForgetsItsLastElementIsCaughtAtThatIndex() {
        Backend broken = new ReferenceBackend() {
            @Override
            public void axpy(Storage y, float alpha, Storage x, int n) {
                super.axpy(y, alpha, x, n - 1);
            }
        };
        ElementwiseConformanceTest suite = new ElementwiseConformanceTest() {
            @Override
            protected Backend backend() {
                return broken;
            }
        };
        AssertionError e = assertThrows(AssertionError.class, suite::axpyAndSumOfSquares);
        assertTrue(e.getMessage().contains("axpy n=1 ") && e.getMessage().contains("first at [0]"), e.getMessage());
    }

    @Test
    void aFreshBufferThatIsNotZeroIsCaught() {
        Backend dirty = new ReferenceBackend() {
            @Override
            public Storage allocate(int n) {
                Storage s = super.allocate(n);
                super.fill(s, 1f, n);
                return s;
            }
        };
        FreshBufferConformanceTest suite = new FreshBufferConformanceTest() {
            @Override
            protected Backend backend() {
                return dirty;
            }
        };
        AssertionError e = assertThrows(AssertionError.class, suite::downloadedAsItIs);
        assertTrue(
                e.getMessage().contains("fresh buffer, download")
                        && e.getMessage().contains("first at [0]"),
                e.getMessage());
    }
}
