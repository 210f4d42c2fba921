package org.jgrad.vision.image;

/**
 * Shrinks 8-bit RGB pixels ({@link RgbBytes}) straight into uint8 CHW by area averaging: each
 * output pixel is the mean of the input pixels it covers, a partly covered input pixel weighted
 * by the covered fraction. The same maths as BoofCV's {@code AverageDownSampleOps}, which the
 * {@link Resizer} path uses (ResizerTest compares the two), but reading the decoder's bytes in
 * place: no float copy of the full-size image, one pass over its pixels.
 *
 * <p>Separable: each input row is first reduced to the output's columns, then added, weighted,
 * into the output rows that cover it. Per axis, output {@code j} covers input
 * {@code [j·n/m, (j+1)·n/m)}; {@link Spans} lists the input pixels and weights of each output.
 */
final class AreaAverage {
    private AreaAverage() {}

    /** Which input pixels each output pixel of one axis covers, with weights summing to 1. */
    record Spans(int[] first, int[] count, int[] weightStart, float[] weights) {
        /** Spans for shrinking {@code inputs} pixels to {@code outputs} pixels ({@code outputs <= inputs}). */
        static Spans of(int inputs, int outputs) {
            double scale = (double) inputs / outputs;
            int[] first = new int[outputs];
            int[] count = new int[outputs];
            int[] weightStart = new int[outputs];
            float[] weights = new float[inputs + outputs];
            int w = 0;
            for (int j = 0; j < outputs; j++) {
                double from = j * scale;
                double to = Math.min(inputs, (j + 1) * scale);
                first[j] = (int) Math.floor(from);
                int last = Math.min(inputs - 1, (int) Math.ceil(to) - 1);
                weightStart[j] = w;
                for (int k = first[j]; k <= last; k++) {
                    double covered = Math.min(k + 1, to) - Math.max(k, from);
                    weights[w++] = (float) (covered / scale);
                }
                count[j] = w - weightStart[j];
            }
            return new Spans(first, count, weightStart, weights);
        }
    }

    /**
     * Averages all of {@code input} down to {@code outWidth×outHeight} and writes it, rounded, into
     * the square CHW image {@code out} ({@code size×size}, 3 channels) with its top-left at
     * ({@code left}, {@code top}). The output must not be larger than the input on either axis.
     */
    static void shrinkInto(RgbBytes input, int outWidth, int outHeight, byte[] out, int size, int left, int top) {
        if (outWidth > input.width() || outHeight > input.height()) {
            throw new IllegalArgumentException("area averaging only shrinks: " + input.width() + "x" + input.height()
                    + " -> " + outWidth + "x" + outHeight);
        }
        Spans columns = Spans.of(input.width(), outWidth);
        Spans rows = Spans.of(input.height(), outHeight);
        float[] rowMeans = new float[3 * outWidth]; // one input row reduced to the output's columns, per channel
        float[] sums = new float[3 * outWidth]; // the output row being accumulated, per channel
        int reducedRow = -1;
        int plane = size * size;
        for (int oy = 0; oy < outHeight; oy++) {
            java.util.Arrays.fill(sums, 0f);
            for (int t = 0; t < rows.count()[oy]; t++) {
                int y = rows.first()[oy] + t;
                float weight = rows.weights()[rows.weightStart()[oy] + t];
                if (y != reducedRow) { // an input row on the boundary serves two output rows: reduce it once
                    reduceRow(input, y, columns, outWidth, rowMeans);
                    reducedRow = y;
                }
                for (int i = 0; i < sums.length; i++) {
                    sums[i] += weight * rowMeans[i];
                }
            }
            for (int c = 0; c < 3; c++) {
                int outRow = c * plane + (top + oy) * size + left;
                for (int ox = 0; ox < outWidth; ox++) {
                    out[outRow + ox] = (byte) Math.min(255, (int) (sums[c * outWidth + ox] + 0.5f));
                }
            }
        }
    }

    /** Input row {@code y} reduced to the output's columns: {@code rowMeans[c * outWidth + ox]}. */
    private static void reduceRow(RgbBytes input, int y, Spans columns, int outWidth, float[] rowMeans) {
        byte[] data = input.data();
        int rowStart = input.base() + y * input.rowStride();
        int pixelStride = input.pixelStride();
        int red = input.channelOffset()[0];
        int green = input.channelOffset()[1];
        int blue = input.channelOffset()[2];
        for (int ox = 0; ox < outWidth; ox++) {
            float r = 0;
            float g = 0;
            float b = 0;
            int p = rowStart + columns.first()[ox] * pixelStride;
            int w = columns.weightStart()[ox];
            for (int t = 0; t < columns.count()[ox]; t++, p += pixelStride, w++) {
                float weight = columns.weights()[w];
                r += weight * UnsignedBytes.toFloat(data[p + red]);
                g += weight * UnsignedBytes.toFloat(data[p + green]);
                b += weight * UnsignedBytes.toFloat(data[p + blue]);
            }
            rowMeans[ox] = r;
            rowMeans[outWidth + ox] = g;
            rowMeans[2 * outWidth + ox] = b;
        }
    }
}
