package org.jgrad.vision.image;

/**
 * Shades of Gray colour constancy (Finlayson & Trezzi 2004): estimates the colour of the light
 * from the image itself and removes it, so that pictures taken under different dermoscopes and
 * lamps look alike. The light's colour is taken as the Minkowski p-mean of each band,
 * <pre>
 *   e_c = ( mean over pixels of v_c^p )^(1/p),   p = 6
 * </pre>
 * (p = 1 is "grey world", p = ∞ "max-RGB"; p = 6 is the value that did best in the colour-constancy
 * studies on dermoscopy, Barata et al. 2015), and each band is scaled by {@code ē / e_c}, where
 * ē is the mean of the three estimates, so the overall brightness stays about the same. Results
 * are rounded and clamped to 0..255.
 */
public final class ShadesOfGray {
    /** The Minkowski norm's exponent. */
    public static final int P = 6;

    private static final double[] POWERS = new double[256];

    static {
        for (int v = 0; v < 256; v++) {
            POWERS[v] = Math.pow(v, P);
        }
    }

    private ShadesOfGray() {}

    /**
     * Corrects {@code chw} (3 planes of {@code plane} unsigned bytes) into {@code out} (may be the
     * same array). An all-black band is left as it is.
     */
    public static void correct(byte[] chw, int plane, byte[] out) {
        if (chw.length < 3 * plane || out.length < 3 * plane) {
            throw new IllegalArgumentException("expected 3 planes of " + plane + " bytes");
        }
        double[] estimate = new double[3];
        for (int c = 0; c < 3; c++) {
            double sum = 0;
            for (int i = c * plane, end = i + plane; i < end; i++) {
                sum += POWERS[chw[i] & 0xFF];
            }
            estimate[c] = Math.pow(sum / plane, 1.0 / P);
        }
        double mean = (estimate[0] + estimate[1] + estimate[2]) / 3;
        for (int c = 0; c < 3; c++) {
            double gain = estimate[c] > 0 ? mean / estimate[c] : 1;
            for (int i = c * plane, end = i + plane; i < end; i++) {
                long v = Math.round((chw[i] & 0xFF) * gain);
                out[i] = (byte) (v > 255 ? 255 : v);
            }
        }
    }
}
