package org.jgrad.backend.cpu;

/**
 * Work buffers of the fast CPU kernels, one set per thread, kept between calls so that a training
 * step allocates no temporary arrays inside the backend: packed GEMM panels, the im2col matrix of
 * one image, a per-thread partial gradient. Each buffer only grows (to the largest size asked
 * for) and its contents are garbage on return: callers overwrite what they read.
 *
 * <p>A thread's buffers live as long as the thread; the pool threads of {@link Parallel} live as
 * long as their backend, so the memory is bounded by threads × the largest layer's im2col matrix.
 */
final class Scratch {
    private static final ThreadLocal<Scratch> PER_THREAD = ThreadLocal.withInitial(Scratch::new);

    private float[] packedA = new float[0];
    private float[] packedB = new float[0];
    private float[] tile = new float[0];
    private float[] columns = new float[0];
    private float[] partial = new float[0];

    private Scratch() { }

    /** The calling thread's buffers. */
    static Scratch get() { return PER_THREAD.get(); }

    /** GEMM: the m-block of A in micro-panel order. */
    float[] packedA(int size) { return packedA.length >= size ? packedA : (packedA = new float[size]); }

    /** GEMM: the k×n block of B in micro-panel order. */
    float[] packedB(int size) { return packedB.length >= size ? packedB : (packedB = new float[size]); }

    /** GEMM: one register tile, for the ragged edges of C. */
    float[] tile(int size) { return tile.length >= size ? tile : (tile = new float[size]); }

    /** Convolution: the im2col matrix (or its gradient) of one image. */
    float[] columns(int size) { return columns.length >= size ? columns : (columns = new float[size]); }

    /** A per-thread partial result, e.g. one thread's share of a filter gradient. */
    float[] partial(int size) { return partial.length >= size ? partial : (partial = new float[size]); }
}
