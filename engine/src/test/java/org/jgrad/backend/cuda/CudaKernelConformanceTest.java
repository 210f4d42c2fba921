package org.jgrad.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.stream.Stream;
import org.jgrad.backend.Backends;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every CUDA kernel against the CPU reference on fresh random inputs (a new seed each run, printed
 * in each failure so that it can be replayed with -Djgrad.seed=N), in two configurations:
 * cuDNN restricted to plain float32 with jgrad's own kernels for the rest, and jgrad's own
 * kernels alone (no cuDNN, no cuBLAS). Tolerances are those of {@link KernelCases}.
 * Skipped, with the reason, where no GPU is usable.
 */
class CudaKernelConformanceTest {
    static final long SEED = Long.getLong("jgrad.seed", System.nanoTime());

    static void assumeGpu() {
        String reason = CudaSupport.unavailableReason();
        assumeTrue(reason == null, () -> "no usable GPU: " + reason);
    }

    @TestFactory
    Stream<DynamicTest> withCudnnFloat32() throws CudaUnavailableException {
        assumeGpu();
        CudaBackend gpu = CudaSupport.backend(CudaOptions.strictFloat32());
        return tests(gpu, "cudnn");
    }

    @TestFactory
    Stream<DynamicTest> ownKernelsOnly() throws CudaUnavailableException {
        assumeGpu();
        CudaBackend gpu = CudaSupport.backend(CudaOptions.ownKernelsOnly());
        return tests(gpu, "own");
    }

    private static Stream<DynamicTest> tests(CudaBackend gpu, String config) {
        List<KernelCases.Case> cases = KernelCases.all(SEED);
        return cases.stream().map(c -> DynamicTest.dynamicTest(config + ": " + c, () -> {
            KernelCases.Result r = KernelCases.compare(c, Backends.reference(), gpu);
            assertTrue(r.ok(), () -> c + " (seed " + SEED + "): " + r.firstMismatch());
        }));
    }
}
