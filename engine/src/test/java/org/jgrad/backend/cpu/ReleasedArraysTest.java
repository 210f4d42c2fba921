package org.jgrad.backend.cpu;

import static org.jgrad.testing.TensorAssert.assertThrowsMentioning;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jgrad.backend.Storage;
import org.junit.jupiter.api.Test;

/** A released CPU buffer is handed out again by allocateUninitialized, and only by it. */
class ReleasedArraysTest {
    @Test
    void aReleasedArrayServesTheNextUninitializedAllocationOfItsLength() {
        ReferenceBackend be = new ReferenceBackend();
        Storage s = be.upload(new float[2048]);
        float[] array = CpuStorage.array(s);
        be.release(s);
        assertThrowsMentioning(IllegalStateException.class, () -> CpuStorage.array(s), "after release");
        assertNotSame(array, CpuStorage.array(be.allocateUninitialized(1024)), "another length gets a new array");
        Storage again = be.allocateUninitialized(2048);
        assertSame(array, CpuStorage.array(again));
        if (ReleasedArrays.POISON) { // the tests run with -Djgrad.cpu.poisonUninitialized=true
            for (float v : CpuStorage.array(again)) assertTrue(Float.isNaN(v), "poisoned for the tests");
        }
        float[] zeros = CpuStorage.array(be.allocate(2048));
        assertNotSame(array, zeros, "allocate() never hands out a released array");
        for (float v : zeros) assertEquals(0f, v);
    }

    @Test
    void overTheBoundTheLeastRecentlyUsedLengthsGoFirst() {
        ReleasedArrays kept = new ReleasedArrays(4L * 3 * 2048); // room for 24 KiB
        float[] stale = new float[2048], a = new float[4096], b = new float[4096];
        kept.put(stale); // a length used once, then never again (8 KiB)
        kept.put(a); // 24 KiB: full
        assertSame(a, kept.take(4096)); // the training loop's length, asked for again
        kept.put(a);
        kept.put(b); // 40 KiB: the stale length goes, then the oldest 4096
        assertEquals(4L * 4096, kept.bytes());
        assertSame(b, kept.take(4096), "the newest array of the length in use is kept");
        assertNotSame(stale, kept.take(2048), "the stale length was dropped");
    }

    @Test
    void smallArraysAreLeftToTheCollectorAndTheKeptTotalIsBounded() {
        ReleasedArrays kept = new ReleasedArrays();
        kept.put(new float[Tuning.RELEASED_ARRAYS_MIN_LENGTH - 1]);
        assertEquals(0, kept.bytes());
        kept.put(new float[4096]);
        assertEquals(4L * 4096, kept.bytes());
        assertEquals(4096, kept.take(4096).length);
        assertEquals(0, kept.bytes());
        assertTrue(Tuning.RELEASED_ARRAYS_MAX_BYTES <= Runtime.getRuntime().maxMemory() / 4);
    }
}
