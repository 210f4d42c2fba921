package org.jgrad.backend.cpu;

/**
 * Work buffers of the fast CPU kernels, one set per thread, kept between calls so that a training
 * step allocates no temporary arrays inside the backend: packed GEMM panels, the im2col matrix or
 * the zero-padded copy of one image, a per-thread partial gradient. Each buffer only grows (to the largest size asked
 * for) and its contents are garbage on return: callers overwrite what they read.
 *
 * <p>A thread's buffers live as long as the thread; the pool threads of {@link Parallel} live as
 * long as their backend, so the memory is bounded by threads × the largest layer's im2col matrix.
 */
final class Scratch {
    private static final ThreadLocal<Scratch> PER_THREAD = ThreadLocal.withInitial(Scratch::new);

    private float[] packedA = new float[0];
    private float[] packedB = new float[0];
    private int packedBStart;
    private float[] tile = new float[0];
    private float[] columns = new float[0];
    private float[] partial = new float[0];
    private float[] padded = new float[0];
    private float[] bias = new float[0];
    private float[] filterSums = new float[0];
    private float[] convolved = new float[0];
    private final int[][] offsets = {new int[0], new int[0], new int[0]};

    private Scratch() {}

    /** The calling thread's buffers. */
    static Scratch get() {
        return PER_THREAD.get();
    }

    /** GEMM: the m-block of A in micro-panel order. */
    float[] packedA(int size) {
        return packedA.length >= size ? packedA : (packedA = new float[size]);
    }

    /**
     * GEMM: the k×n block of B in micro-panel order, to be written from {@link #packedBStart()} on.
     * Where the JVM allows it, the buffer is made big enough for {@link CacheLineAlignment} to know
     * a cache-line-aligned element, and the block starts there: at least half a heap region, and as
     * a humongous object it holds a whole region (4 MiB with this machine's default 6 GiB heap) per thread.
     */
    float[] packedB(int size) {
        if (packedB.length - packedBStart >= size) return packedB;
        int aligned = CacheLineAlignment.alignedArrayFloats();
        if (aligned > 0) {
            packedBStart = CacheLineAlignment.FIRST_ALIGNED;
            packedB = new float[Math.max(aligned, packedBStart + size)];
        } else {
            packedBStart = 0;
            packedB = new float[size];
        }
        return packedB;
    }

    /** Index in {@link #packedB} where the packed block starts (cache-line aligned where known). */
    int packedBStart() {
        return packedBStart;
    }

    /** GEMM: one register tile, for the ragged edges of C. */
    float[] tile(int size) {
        return tile.length >= size ? tile : (tile = new float[size]);
    }

    /** Convolution: the im2col matrix (or its gradient) of one image. */
    float[] columns(int size) {
        return columns.length >= size ? columns : (columns = new float[size]);
    }

    /** Direct convolution: one zero-padded input image. */
    float[] padded(int size) {
        return padded.length >= size ? padded : (padded = new float[size]);
    }

    /** Fused convolution + pooling: one image's convolution output, pooled before it leaves the cache. */
    float[] convolved(int size) {
        return convolved.length >= size ? convolved : (convolved = new float[size]);
    }

    /** Direct convolution: a bias block padded with zeros. */
    float[] bias(int size) {
        return bias.length >= size ? bias : (bias = new float[size]);
    }

    /** Direct convolution: the lane-wise partial sums of a filter gradient. */
    float[] filterSums(int size) {
        return filterSums.length >= size ? filterSums : (filterSums = new float[size]);
    }

    /** Direct convolution: offset tables (filter taps, output segments); {@code which} is 0, 1 or 2. */
    int[] offsets(int which, int size) {
        return offsets[which].length >= size ? offsets[which] : (offsets[which] = new int[size]);
    }

    /** A per-thread partial result, e.g. one thread's share of a filter gradient. */
    float[] partial(int size) {
        return partial.length >= size ? partial : (partial = new float[size]);
    }
}
