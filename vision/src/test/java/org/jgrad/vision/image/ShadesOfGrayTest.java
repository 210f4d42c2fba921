package org.jgrad.vision.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ShadesOfGrayTest {
    private static byte[] uniform(int plane, int r, int g, int b) {
        byte[] chw = new byte[3 * plane];
        for (int i = 0; i < plane; i++) {
            chw[i] = (byte) r;
            chw[plane + i] = (byte) g;
            chw[2 * plane + i] = (byte) b;
        }
        return chw;
    }

    @Test
    void aUniformColourCastBecomesGreyOfTheSameMeanBrightness() {
        // estimates are the band values themselves: (200, 100, 60), mean 120 -> every band becomes 120
        byte[] chw = uniform(4, 200, 100, 60);
        byte[] out = new byte[chw.length];
        ShadesOfGray.correct(chw, 4, out);
        for (byte v : out) {
            assertEquals(120, v & 0xFF);
        }
    }

    @Test
    void knownAnswerOnATwoPixelImage() {
        // red band (0, 64): e_r = (64^6 / 2)^(1/6) = 64 / 2^(1/6); green (32, 32): e_g = 32; blue (16, 16): e_b = 16
        byte[] chw = {0, 64, 32, 32, 16, 16};
        double er = 64 / Math.pow(2, 1.0 / 6);
        double mean = (er + 32 + 16) / 3;
        byte[] out = chw.clone();
        ShadesOfGray.correct(out, 2, out); // in place
        assertEquals(0, out[0] & 0xFF);
        assertEquals(Math.round(64 * mean / er), out[1] & 0xFF);
        assertEquals(Math.round(32 * mean / 32), out[2] & 0xFF);
        assertEquals(Math.round(16 * mean / 16), out[4] & 0xFF);
    }

    @Test
    void aGreyImageIsUnchangedAndAnAllBlackBandIsLeftAlone() {
        byte[] grey = uniform(9, 90, 90, 90);
        byte[] out = new byte[grey.length];
        ShadesOfGray.correct(grey, 9, out);
        assertEquals(java.util.Arrays.toString(grey), java.util.Arrays.toString(out));
        byte[] noBlue = uniform(9, 100, 50, 0);
        ShadesOfGray.correct(noBlue, 9, out);
        assertEquals(0, out[18] & 0xFF);
        assertEquals(50, out[0] & 0xFF); // mean estimate 50, red 100 -> 50
        assertThrows(IllegalArgumentException.class, () -> ShadesOfGray.correct(new byte[5], 2, new byte[6]));
    }
}
