package org.jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.jgrad.backend.Storage;
import org.junit.jupiter.api.Test;

class TensorCopyFromTest {
    @Test
    void overwritesInPlaceFromAnOffset() {
        Tensor t = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);
        Storage before = t.storage();
        t.copyFrom(new float[] {9, 10, 11, 12, 13, 14}, 2);
        assertArrayEquals(new float[] {11, 12, 13, 14}, t.toArray());
        assertSame(before, t.storage(), "the storage is kept, so holders of the tensor see the new values");
    }

    @Test
    void refusesASourceTooShort() {
        Tensor t = Tensor.zeros(3);
        assertThrows(IllegalArgumentException.class, () -> t.copyFrom(new float[4], 2));
        assertThrows(IllegalArgumentException.class, () -> t.copyFrom(new float[4], -1));
    }
}
