package org.jgrad.backend.cpu;

/**
 * Every tuning constant of the fast CPU backend, in one place. Each says which benchmark set it
 * (JMH classes in the {@code benchmarks} module, or {@code jgrad bench}) and on what machine, so
 * that a reader can re-measure instead of guessing. Changing one never changes results beyond
 * float rounding: the kernels are tested against the reference on odd sizes whatever these are.
 */
final class Tuning {
    private Tuning() {}

    // ---------------------------------------------------------------- GEMM blocking (FastGemm)
    // The register tile is chosen per machine (TileChoice: 8 rows × 3 vectors where there are 32 vector
    // registers, 6 × 2 on x86 without AVX-512, or what a timing on first use prefers; GemmKernels has
    // one micro-kernel per shape). The figures below are for 8 × 3 (8 × 48 floats with 512-bit
    // vectors, 24 accumulators out of 32 registers), measured before the choice existed. Micro-kernel alone, data in
    // L1, 2-core AVX-512 Xeon, JDK 17, best of 8: 8×3 146, 8×2 137, 12×2 141, 6×3 128, 4×3 108 GFLOP/s;
    // 14×2 was as fast on JDK 17 (157) but spilled registers on JDK 25 (84), so it was rejected.
    // Unrolling the k loop by two by hand made SgemmBenchmark-style runs slower (74 vs 87), rejected.
    // Loop order: each 8-row sliver of A stays in L1 while the packed B block streams from L2
    // ("ir outer"); the BLIS order (B sliver in L1, "jr outer") measured 5-10% slower here.
    // Re-measured 2026-11-25 20:20-20:30 UTC on the quieter machine (one JVM per variant, variants
    // alternated; harness calling FastGemm directly), before and after packed B was cache-line aligned:
    // - The biggest loss was alignment, not blocking: the same macro-kernel ran 155-160 GFLOP/s or
    //   170-183 depending on where packed B's 512-bit loads fell against cache lines, and the whole
    //   serial GEMM 110 or 135 at n = 1024 depending on the JVM start (see CacheLineAlignment).
    // - Rejected: 12 × 2 vectors (12 × 32, no column edge tiles at n = 1024): macro-kernel 146-158
    //   against 150-155 for 8 × 3, within noise. Jr-outer with KC = 128: MC 256 153-158 vs ir-outer
    //   145-155 (noise), MC 512 128-135. Writing the kernel's indices as functions of the loop counter
    //   (so C2 can drop bounds checks): 173-176 vs 165-178, nothing.
    // - Packing is 5-8% of a serial GEMM (n = 2048: A 4.7 ms, B 3.2-3.6 ms of ~140 ms).
    // Re-measured 2026-12-07 20:00-20:40 UTC on an AMD EPYC with AVX-512 and 1 MiB of L2 per core
    // (`jgrad bench sgemm --n N --threads T`, best=, variants alternated JVM by JVM, 3-4 rounds;
    // OpenBLAS's own AVX-512 kernels in the same rounds: 1 thread 214-244, 2 threads 402-466):
    // - Blocking (KC, MC, NC), 1 thread, n = 1024 / 2048: (256, 128, 1024) 178-194 / 170-189;
    //   (256, 128, 512) 188-198 / 185-190; (256, 256, 512) 166-190 / 179-185; (384, 96, 512) 155-188 /
    //   178-182; (192, 128, 768) 184-191 / 191-196: all within the noise, so the B block filling the
    //   whole 1 MiB L2 at NC = 1024 costs nothing measurable here. Kept.
    // - Packing full slivers with vector moves (B) and A column by column in write order: 1 thread
    //   184-195 / 180-195 against 151-192 / 182-188 before (+1-3 % in 7 of 8 pairs). Kept.
    // - Rejected: reading one float per cache line of the next C tile before each micro-kernel (a
    //   software prefetch; Java has none): 159-191 / 180-183 against 187-197 / 186-190 without.
    // - Rejected: packing A's 8-row slivers with one 8-lane gather per column
    //   (FloatVector.fromArray with an index map): 24-26 GFLOP/s against 195-212 on JDK 17, where
    //   the gather is not compiled to an instruction.

    /**
     * Depth of one packed panel (the k-block): the A sliver is 8 × KC floats (8 KiB at 256).
     * Serial GEMM, n = 1024 / 2048, CPU-time GFLOP/s, configurations interleaved in one JVM
     * (KC, MC): (256, 128) 98.6 / 91.7; (192, 96) 96.1 / 85.3; jr-outer (256, 128) 93.5 / 83.4;
     * jr-outer (128, 384) 87.8 / 73.7; in a second run (KC, MC, NC) = (512, 128, 512) 95.3 / 91.3 and
     * (384, 128, 680) 90.0 / 82.8 against 98.1 / 91.2 for the chosen (256, 128, 1024). Differences
     * under 5% were within this shared machine's noise. Turning off the Vector API's bounds checks
     * (-Djdk.incubator.vector.VECTOR_ACCESS_OOB_CHECK=0) gave nothing measurable (97 vs 99), so they stay on.
     * Re-checked with aligned packed B, 2026-11-25 20:30 UTC, serial / 2-thread GFLOP/s, n = 1024 and
     * 2048: (256, 128, 1024) 130-138 / 210-262 and 126-132 / 248-262; KC 384 120-127 / 161-237 and
     * 101-125 / 171-236 (worse); (512, 128, 512) 130-137 / 237-262 and 120-129 / 236-245 (worse at
     * 2048); MC 256 and MC 64 within noise of MC 128. Kept.
     */
    static final int GEMM_KC = 256;

    /**
     * The k-block and n-block of the 8 × 3 tile at 512 bits (8 × 48 floats): 192 and 768 (B block
     * 576 KiB). On the AMD EPYC with 1 MiB of L2 per core, 2026-12-07 21:10 UTC, `bench sgemm --threads 1`
     * best=, six rounds alternated JVM by JVM, n = 1024 / 2048: (192, 768) medians 195.7 / 197.4 GFLOP/s
     * against 189.8 / 185.6 for (256, 1024) (5 of 6 pairs ahead at 2048), 0.84-0.94 / 0.80-0.91 of
     * OpenBLAS's own kernels in the same rounds against 0.80-0.91 / 0.76-0.86; two threads 357-406 /
     * 402-433 against 337-409 / 378-400. Held to AVX2 (6 × 2 tile, 256 bits) the same blocks lost 3 %
     * in 4 of 4 rounds (110-114 against 112-118), so the other tiles keep (GEMM_KC, GEMM_NC).
     */
    static final int GEMM_KC_WIDE_TILE = 192;

    /** See {@link #GEMM_KC_WIDE_TILE}. */
    static final int GEMM_NC_WIDE_TILE = 768;

    /** The k-block for a register tile of {@code columns} floats (48: the 8 × 3 tile at 512 bits). */
    static int gemmKc(int columns) {
        return columns >= 48 ? GEMM_KC_WIDE_TILE : GEMM_KC;
    }

    /** The n-block for a register tile of {@code columns} floats. */
    static int gemmNc(int columns) {
        return columns >= 48 ? GEMM_NC_WIDE_TILE : GEMM_NC;
    }

    /** Rows of A packed at once (the m-block); see GEMM_KC for the measurements. */
    static final int GEMM_MC = 128;

    /**
     * Columns of B packed at once (the n-block): KC × NC floats = 1 MiB, half the L2 of the Xeon it
     * was measured on (2 MiB per core). NC = 512 ran 89.0 against 94.4 GFLOP/s at n = 1024 (same kind
     * of interleaved run as GEMM_KC); on an EPYC with 1 MiB of L2 per core NC = 512 and 1024 were
     * within the noise (see the notes above GEMM_KC).
     */
    static final int GEMM_NC = 1024;

    /**
     * Below this many multiply-adds (m·n·k) a GEMM runs on the calling thread: handing work to a
     * worker thread and waiting for it costs tens of microseconds, the time of a 2^18-MAC product.
     * Above it, one band of C per thread (FastGemm.gemm). Rejected: the threads packing each k×n block
     * of B together and then sharing out its row blocks (two hand-overs per block; a slowed thread
     * took fewer blocks). Interleaved JVM runs, 2 threads, GFLOP/s, 2026-11-25 20:28 UTC, quiet
     * machine: n = 1024 bands 232-246 vs shared 175-228; n = 2048 231-255 vs 227-239. For the small
     * dense layers of LesionNet-S the shared blocks were worse still (3.7 ms against 1.6 ms on one
     * thread for the three GEMMs of a step).
     */
    static final long GEMM_PARALLEL_MIN_MACS = 1L << 18;

    // Parallel's workers park between calls (a single-thread executor each). Rejected 2026-12-07:
    // workers and caller spinning up to 30-1000 µs before parking. A call with two parts of ~1 µs
    // each took 45-50 µs with parking and 1 µs with spinning (20,000 calls, this 2-vCPU VM), but
    // whole networks did not notice: LesionNet-S training 1,744-2,033 img/s parked against
    // 1,316-2,215 (spin 200 µs) and 1,434-2,190 (spin 30 µs), inference 7,608-8,728 against
    // 7,087-8,932 and 7,434-9,002 (6 rounds alternated): the kernels between two calls are long
    // enough, and a spinning thread takes a core from everything else on the machine.

    /**
     * A threaded GEMM whose C has fewer elements than its inner dimension k splits k among the
     * threads ({@code FastGemm.splitInner}), each share at least this long. LesionNet-S's dense
     * layer (32 × 64 outputs over k = 4096) is the case: both threads used to pack all of B.
     */
    static final int GEMM_SPLIT_K_MIN = 512;

    // ---------------------------------------------------------------- convolution (FastConv)

    /**
     * Which convolution algorithm FastConv uses: "auto" = direct kernels for stride 1 (except 1×1,
     * which is a plain GEMM without im2col) and im2col + GEMM otherwise; "direct" or "im2col" force
     * one (where it applies), for comparing them: {@code -Djgrad.cpu.conv=im2col}.
     * ConvBenchmark, threads=1, batch 32, ms per call, direct vs im2col:
     * forward conv1/conv2/conv3 1.63/3.02/3.19 vs 2.76/5.32/4.97; backward-data 3.56/3.03/3.31 vs
     * 3.13/5.60/5.03; backward-filter 2.82/5.21/4.98 vs 6.85/7.92/5.20. Direct wins except for
     * backward-data into 3 channels (a tile computes 8), which LesionNet-S never needs.
     */
    static final String CONV_ALGORITHM = System.getProperty("jgrad.cpu.conv", "auto");

    /**
     * "auto" takes the direct kernels for forward and backward-data only when output rows are at
     * least this wide and C·K is below {@link #DIRECT_CONV_MAX_CHANNEL_PRODUCT}; for backward-filter
     * only when C·K ≤ {@link #DIRECT_FILTER_MAX_CHANNEL_PRODUCT}. A direct tile covers a vector's
     * width of a row (16 floats with AVX-512, where these were measured), so 7- or 14-wide rows waste lanes, and the filter gradient's direct loop reduces over
     * rows where im2col hands the GEMM one long inner dimension. 3×3 stride-1 ResNet layers, batch 8,
     * 2 threads, ms direct vs im2col (2026-11-25 21:20-21:30 UTC): 64 ch at 56×56 fwd 11.0 vs 11.4,
     * data 9.6 vs 11.2, filter 15.6 vs 13.2; 128 at 28×28 9.2/9.6/15.6 vs 8.7/9.1/10.2; 256 at
     * 14×14 10.3/11.7/21.0 vs 9.4/10.6/8.3; 512 at 7×7 26.0/33.3/65.7 vs 17.2/21.8/9.1. LesionNet-S
     * (C·K ≤ 2048, rows 16 to 64 wide) stays direct in all three directions (figures above).
     */
    static final int DIRECT_CONV_MIN_WIDTH = 16;

    static final long DIRECT_CONV_MAX_CHANNEL_PRODUCT = 128 * 128;
    static final long DIRECT_FILTER_MAX_CHANNEL_PRODUCT = 2048;

    /**
     * Direct filter gradient: floats of dy (8 channels × a chunk of output segments) run through every
     * filter tap before the next chunk: 32 KiB, within the 48 KiB L1. ConvBenchmark.backwardFilter,
     * threads=1, conv1/conv2/conv3 ms: 2048 → 1.99/4.69/4.69, 4096 → 1.88/4.50/4.30,
     * 8192 → 1.84/4.29/4.16, 16384 → 2.19/4.86/5.02. (Before chunking, with every segment of a
     * group run through each tap triple straight from L2: 2.82/5.21/4.98.)
     */
    static final int DIRECT_FILTER_CHUNK_FLOATS = 8192;

    /**
     * Direct filter gradient: output segments (over the images of one group) per call, which sets how
     * often the lane-wise partial sums are added up. ConvBenchmark.backwardFilter, threads=1, ms:
     * 256 → 1.94/4.26/4.26, 1024 → 1.88/4.31/4.03, 4096 → 2.10/4.45/3.83: within noise; 256 kept.
     */
    static final int DIRECT_FILTER_GROUP_SEGMENTS = 256;

    // ---------------------------------------------------------------- elementwise, pooling, optimizers

    /**
     * Smallest number of elements handed to one thread by the streaming kernels (elementwise ops,
     * pooling, optimizer updates). Below 2 × this an op runs on one thread. 16 Ki floats = 64 KiB
     * take ~5 µs to stream, against tens of microseconds to hand work to another thread, so smaller
     * ops stay on one thread. Set from that estimate, not tuned by a benchmark (the machine was too
     * noisy to resolve it: see docs/PERFORMANCE.md).
     */
    static final int STREAM_MIN_CHUNK = 1 << 14;

    // ---------------------------------------------------------------- memory (ReleasedArrays)

    /** Released arrays shorter than this are left to the garbage collector (small ones are cheap to make). */
    static final int RELEASED_ARRAYS_MIN_LENGTH = 1024;

    /** At most this many bytes of released arrays wait for reuse: a training step's gradients fit many times over. */
    static final long RELEASED_ARRAYS_MAX_BYTES =
            Math.min(1L << 30, Runtime.getRuntime().maxMemory() / 4);
}
