package org.jgrad.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Shape simplification before strided kernels, and the structs passed to them. */
class KernelArgsTest {

    @Test
    void contiguousDimensionsMergeIntoOne() {
        KernelArgs.Collapsed c = KernelArgs.collapse(new int[] {4, 5, 6}, new int[] {30, 6, 1}, new int[] {30, 6, 1});
        assertArrayEquals(new int[] {120}, c.shape());
        assertArrayEquals(new int[] {1}, c.strides()[0]);
    }

    @Test
    void aBroadcastRowKeepsTwoDimensions() {
        // [37,53] + [53]: b is read with strides {0, 1}
        KernelArgs.Collapsed c = KernelArgs.collapse(new int[] {37, 53}, new int[] {53, 1}, new int[] {0, 1});
        assertArrayEquals(new int[] {37, 53}, c.shape());
        assertArrayEquals(new int[] {0, 1}, c.strides()[1]);
    }

    @Test
    void sizeOneDimensionsDropAndAScalarBecomesOneElement() {
        KernelArgs.Collapsed c = KernelArgs.collapse(new int[] {1, 8, 1}, new int[] {8, 1, 1}, new int[] {0, 0, 0});
        assertArrayEquals(new int[] {8}, c.shape());
        assertArrayEquals(new int[] {0}, c.strides()[1]);
        KernelArgs.Collapsed one = KernelArgs.collapse(new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1});
        assertArrayEquals(new int[] {1}, one.shape());
    }

    @Test
    void channelBroadcastMergesTheSpatialDimensions() {
        // [4,8,5,5] + [1,8,1,1]: H and W merge; N stays apart because b repeats across it
        KernelArgs.Collapsed c =
                KernelArgs.collapse(new int[] {4, 8, 5, 5}, new int[] {200, 25, 5, 1}, new int[] {0, 1, 0, 0});
        assertArrayEquals(new int[] {4, 8, 25}, c.shape());
        assertArrayEquals(new int[] {0, 1, 0}, c.strides()[1]);
    }

    @Test
    void reduceSplitsKeptAndSummedDimensions() {
        // [4,3,5,6] summed over 0, 2, 3 (a batch-norm style per-channel sum): one kept dim of 3, summed 4 and 30
        int[][] r = KernelArgs.reduce(new int[] {4, 3, 5, 6}, new int[] {0, 1, 0, 0});
        int[] s = r[0];
        assertEquals(1, s[0]); // kept rank
        assertEquals(3, s[1]); // kept shape
        assertEquals(30, s[1 + 8]); // its input stride
        assertEquals(1, s[1 + 16]); // its output stride
        assertEquals(2, s[25]); // summed rank: N and the merged H*W
        assertArrayEquals(new int[] {3, 4 * 30}, r[1]);
    }

    @Test
    void tooManyDimensionsIsAClearError() {
        // alternating broadcast patterns cannot merge: 9 dimensions remain
        int[] full = new int[] {2, 2, 2, 2, 2, 2, 2, 2, 2};
        int[] sa = {0, 1, 0, 1, 0, 1, 0, 1, 0}, sb = {1, 0, 1, 0, 1, 0, 1, 0, 1};
        KernelArgs.Collapsed c = KernelArgs.collapse(full, sa, sb);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> KernelArgs.strided2(c.shape(), c.strides()[0], c.strides()[1], "binary ADD"));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("rank 9"), e.getMessage());
    }
}
