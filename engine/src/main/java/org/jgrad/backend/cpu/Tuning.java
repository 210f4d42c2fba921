package org.jgrad.backend.cpu;

/**
 * Every tuning constant of the fast CPU backend, in one place. Each says which benchmark set it
 * (JMH classes in the {@code benchmarks} module, or {@code jgrad bench}) and on what machine, so
 * that a reader can re-measure instead of guessing. Changing one never changes results beyond
 * float rounding: the kernels are tested against the reference on odd sizes whatever these are.
 */
final class Tuning {
    private Tuning() { }

    // ---------------------------------------------------------------- GEMM blocking (FastGemm)
    // The register tile is fixed by the micro-kernel in VectorKernels: 8 rows × 3 vectors
    // (8 × 48 floats with 512-bit vectors, 24 accumulators out of 32 registers). TODO(measure)

    /**
     * Depth of one packed panel (the k-block). The micro-kernel streams an 8×KC sliver of A from L1
     * and a KC×48 sliver of B; KC = 256 keeps the A sliver at 8 KiB. TODO(measure)
     */
    static int GEMM_KC = Integer.getInteger("t.kc", 256);

    /** Rows of A packed at once (the m-block, sized for L2). TODO(measure) */
    static int GEMM_MC = Integer.getInteger("t.mc", 128);

    /**
     * Columns of B packed at once (the n-block): KC × NC floats = 1 MiB, half the 2 MiB L2.
     * TODO(measure)
     */
    static int GEMM_NC = Integer.getInteger("t.nc", 1024);

    /** Below this many multiply-adds (m·n·k) a GEMM runs on the calling thread: waking a worker costs ~20 µs. */
    static final long GEMM_PARALLEL_MIN_MACS = 1L << 18;

    // ---------------------------------------------------------------- convolution (FastConv)

    /**
     * Which convolution algorithm FastConv uses: "auto" = direct kernels for stride 1 (except 1×1,
     * which is a plain GEMM without im2col) and im2col + GEMM otherwise; "direct" or "im2col" force
     * one (where it applies), for comparing them: {@code -Djgrad.cpu.conv=im2col}. TODO(measure)
     */
    static final String CONV_ALGORITHM = System.getProperty("jgrad.cpu.conv", "auto");

    // ---------------------------------------------------------------- elementwise, pooling, optimizers

    /**
     * Smallest number of elements handed to one thread by the streaming kernels (elementwise ops,
     * pooling, optimizer updates). Below 2 × this an op runs on one thread. TODO(measure)
     */
    static final int STREAM_MIN_CHUNK = 1 << 14;
}
