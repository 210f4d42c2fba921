/**
 * The quick benchmarks behind the app's {@code bench} command ({@link org.jgrad.app.bench.QuickBench}):
 * SGEMM, the LesionNet-S convolutions, and LesionNet-S training and inference, each a warm-up and
 * then the median of several timed runs, printed one figure per line. The careful versions of the
 * same measurements are the JMH benchmarks of the {@code benchmarks} module.
 */
package org.jgrad.app.bench;
