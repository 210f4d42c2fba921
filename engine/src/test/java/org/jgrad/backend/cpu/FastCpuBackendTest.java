package org.jgrad.backend.cpu;

import static org.junit.jupiter.api.Assertions.*;

import org.jgrad.backend.Storage;
import org.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The fast backend routes kernels to the reference loops but keeps its memory: a tensor made on it
 * stays on it through the ops, even those whose kernel is the reference one (softmax here), so a
 * model moved to it never drifts back to the slow backend.
 */
class FastCpuBackendTest {
    private final FastCpuBackend fast = new FastCpuBackend(2);

    @Test
    void opOutputsStayOnTheFastBackendWhicheverLoopComputesThem() {
        Tensor x = Tensor.of(fast, new float[] {1f, -2f, 3f, 0f}, 2, 2);
        Tensor relu = x.relu(); // a fast kernel
        Tensor softmax = x.softmax(); // a reference kernel
        assertSame(fast, relu.backend());
        assertSame(fast, softmax.backend());
        assertArrayEquals(new float[] {1f, 0f, 3f, 0f}, relu.toArray());
        // softmax of (1, -2): e^3 / (e^3 + 1) and 1 / (e^3 + 1)
        float big = (float) (Math.exp(3) / (Math.exp(3) + 1)), small = 1f - big;
        assertArrayEquals(new float[] {big, small, big, 1f - big}, softmax.toArray(), 1e-6f);
    }

    @Test
    void itReleasesOnlyItsOwnBuffers() {
        Storage own = fast.allocate(4);
        fast.release(own);
        Storage foreign = new ReferenceBackend().allocate(4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fast.release(foreign));
        assertTrue(e.getMessage().contains("another backend"), e.getMessage());
    }
}
