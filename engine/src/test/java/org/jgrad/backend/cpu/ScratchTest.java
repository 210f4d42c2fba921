package org.jgrad.backend.cpu;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/**
 * The packed-B buffer: room for what is asked from {@link Scratch#packedBStart()} on, starting at
 * the cache-line-aligned element where {@link CacheLineAlignment} knows one (results of the GEMM
 * do not depend on it; FastCpuConformanceTest checks those with whichever start this JVM gets).
 */
class ScratchTest {
    @Test
    void packedBHasRoomFromItsStartAndStartsAtTheAlignedElementWhenKnown() {
        Scratch scratch = Scratch.get();
        int aligned = CacheLineAlignment.alignedArrayFloats();
        for (int size : new int[] {1, 48 * 7, 1 << 18, (1 << 20) + 5}) {
            float[] packed = scratch.packedB(size);
            int start = scratch.packedBStart();
            assertTrue(
                    packed.length - start >= size,
                    "packedB(" + size + "): length " + packed.length + ", start " + start);
            if (aligned > 0) {
                assertEquals(CacheLineAlignment.FIRST_ALIGNED, start, "start of packedB(" + size + ")");
                assertTrue(packed.length >= aligned, "packedB(" + size + ") length " + packed.length + " < " + aligned);
            } else {
                assertEquals(0, start, "start of packedB(" + size + ") without a known alignment");
            }
        }
    }

    @Test
    void firstAlignedElementIsOneCacheLineFromTheObjectStart() {
        // 16-byte float[] header (mark word, compressed class pointer, length) + 12 floats = 64 bytes.
        assertEquals(64, 16 + CacheLineAlignment.FIRST_ALIGNED * Float.BYTES);
        assertTrue(CacheLineAlignment.alignedArrayFloats() >= 0);
    }
}
