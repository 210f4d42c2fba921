package org.jgrad.backend;

import org.junit.jupiter.api.Test;

/**
 * Pooling conformance: max and average pooling, forward and backward, against the reference
 * loops; windows 1 to 3 with strides 1 to 3 and padding, odd sizes, the 2×2/2 window of
 * LesionNet-S, and inputs with many ties (values rounded to a few levels), where the max gradient
 * must go to the first maximal input of each window, as the reference routes it.
 *
 * <p>Tolerance: max pooling must be exact (it only selects and moves values); averages rtol 1e-6.
 */
public abstract class PoolConformanceTest extends BackendConformanceTest {
    private static final PoolGeometry[] GEOMETRIES = {
        //               n  C   H   W  kh kw sh sw ph pw
        new PoolGeometry(1, 1, 1, 1, 1, 1, 1, 1, 0, 0),
        new PoolGeometry(2, 3, 8, 8, 2, 2, 2, 2, 0, 0),
        new PoolGeometry(3, 5, 9, 7, 2, 2, 2, 2, 0, 0), // odd sizes: last row/column dropped
        new PoolGeometry(2, 2, 9, 11, 3, 3, 2, 2, 1, 1), // ResNet stem pooling
        new PoolGeometry(1, 3, 7, 5, 3, 2, 1, 3, 1, 0),
        new PoolGeometry(4, 16, 64, 64, 2, 2, 2, 2, 0, 0), // LesionNet-S first pooling (batch 4)
        new PoolGeometry(2, 1, 13, 17, 3, 3, 3, 3, 0, 0),
        // the shapes the GPU check used to compare on its own
        new PoolGeometry(2, 3, 9, 9, 3, 3, 2, 2, 1, 1),
        new PoolGeometry(1, 2, 7, 5, 3, 3, 1, 1, 1, 1),
        new PoolGeometry(3, 4, 11, 13, 2, 3, 2, 1, 0, 1),
        new PoolGeometry(2, 8, 7, 7, 7, 7, 1, 1, 0, 0),
    };

    @Test
    public void maxPoolingWithTies() {
        for (PoolGeometry g : GEOMETRIES) {
            float[] x = randn(g.inputSize());
            for (int i = 0; i < x.length; i++) x[i] = Math.round(x[i] * 2f) / 2f; // many equal values
            float[] dy = randn(g.outputSize());
            float[][] expected = maxOn(reference, g, x, dy), actual = maxOn(backend(), g, x, dy);
            assertClose("maxPoolForward " + g, expected[0], actual[0], 0, 0);
            assertClose("maxPoolBackward " + g, expected[1], actual[1], 0, 0);
        }
    }

    @Test
    public void averagePooling() {
        for (PoolGeometry g : GEOMETRIES) {
            float[] x = randn(g.inputSize()), dy = randn(g.outputSize());
            float[][] expected = avgOn(reference, g, x, dy), actual = avgOn(backend(), g, x, dy);
            assertClose("avgPoolForward " + g, expected[0], actual[0], 1e-6, 1e-7);
            assertClose("avgPoolBackward " + g, expected[1], actual[1], 1e-6, 1e-7);
        }
    }

    private static float[][] maxOn(Backend be, PoolGeometry g, float[] x, float[] dy) {
        Storage in = be.upload(x), y = be.allocate(g.outputSize()), dx = be.allocate(g.inputSize());
        be.fill(y, Float.NaN, g.outputSize());
        be.fill(dx, Float.NaN, g.inputSize());
        be.maxPoolForward(y, in, g);
        be.maxPoolBackward(dx, be.upload(dy), in, g);
        return new float[][] {read(y, g.outputSize()), read(dx, g.inputSize())};
    }

    private static float[][] avgOn(Backend be, PoolGeometry g, float[] x, float[] dy) {
        Storage y = be.allocate(g.outputSize()), dx = be.allocate(g.inputSize());
        be.fill(y, Float.NaN, g.outputSize());
        be.fill(dx, Float.NaN, g.inputSize());
        be.avgPoolForward(y, be.upload(x), g);
        be.avgPoolBackward(dx, be.upload(dy), g);
        return new float[][] {read(y, g.outputSize()), read(dx, g.inputSize())};
    }
}
