package org.jgrad.backend.cpu;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * Where the first 64-byte-aligned element of a big float[] lies, so that the GEMM micro-kernel's
 * vector loads of packed B each touch one cache line instead of two.
 *
 * <p>Why it matters: a 512-bit load that straddles two cache lines costs two. Java does not say
 * where an array lies, and an ordinary array lands wherever the allocator is (8-byte steps), so
 * the same GEMM ran at 110 or 135 GFLOP/s per core from one JVM start to the next. Measured with
 * {@code -XX:ObjectAlignmentInBytes=64} and packed B starting at the aligned element: serial
 * n = 1024 135 vs 110 GFLOP/s, 2 threads 225 vs 190.
 *
 * <p>How: HotSpot's default collector, G1, puts an array of at least half a heap region (a
 * "humongous" object) at the start of a region, and regions are aligned to their size; the
 * elements of a float[] start 16 bytes after the object (8-byte mark word, 4-byte compressed class
 * pointer, 4-byte length). So in a float[] of at least {@link #alignedArrayFloats()} floats,
 * element 12 is on a cache-line boundary, and it never moves (G1 does not move humongous objects).
 * These are properties of this JVM, not promises of Java: where they cannot be checked (another
 * collector, other object headers, regions over 4 MiB that would make the array too big)
 * {@link #alignedArrayFloats()} is 0 and callers use plain arrays. Results never depend on it.
 */
final class CacheLineAlignment {
    /** Floats in one 64-byte cache line. */
    static final int LINE_FLOATS = 16;

    /** In an array of at least {@link #alignedArrayFloats()} floats: the first cache-line-aligned element. */
    static final int FIRST_ALIGNED = 12;

    private static final long MAX_REGION_BYTES = 4L << 20;

    private CacheLineAlignment() {}

    /** Smallest float[] length whose element {@link #FIRST_ALIGNED} is known to be aligned, or 0 if none is. */
    static int alignedArrayFloats() {
        return Holder.ALIGNED_ARRAY_FLOATS;
    }

    /** Looked up on first use only: the management beans take some milliseconds to start. */
    private static final class Holder {
        static final int ALIGNED_ARRAY_FLOATS = lookUp();

        private static int lookUp() {
            try {
                HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
                boolean g1 = Boolean.parseBoolean(vm.getVMOption("UseG1GC").getValue());
                boolean compressedClass = Boolean.parseBoolean(
                        vm.getVMOption("UseCompressedClassPointers").getValue());
                long region = Long.parseLong(vm.getVMOption("G1HeapRegionSize").getValue());
                if (!g1 || !compressedClass || region <= 0 || region > MAX_REGION_BYTES || compactHeaders(vm)) return 0;
                return (int) (region / 2 / Float.BYTES); // humongous: at least half a region (plus header)
            } catch (RuntimeException | LinkageError e) {
                return 0; // not HotSpot, or no jdk.management: stay unaligned
            }
        }

        /** JDK 24+ option that shortens object headers (and moves array elements); absent on JDK 17. */
        private static boolean compactHeaders(HotSpotDiagnosticMXBean vm) {
            try {
                return Boolean.parseBoolean(
                        vm.getVMOption("UseCompactObjectHeaders").getValue());
            } catch (IllegalArgumentException absent) {
                return false;
            }
        }
    }
}
