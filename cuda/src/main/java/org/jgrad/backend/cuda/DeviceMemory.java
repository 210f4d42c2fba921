package org.jgrad.backend.cuda;

import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;

import java.lang.ref.PhantomReference;
import java.lang.ref.ReferenceQueue;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import jcuda.CudaException;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUresult;

/**
 * A caching allocator of device memory. cuMemAlloc and cuMemFree are slow and synchronising, and
 * a training step allocates the same sizes again and again, so freed blocks are kept in per-size
 * free lists and handed out again.
 *
 * <p>Blocks come back in two ways: {@link CudaStorage#close()} returns one at once, and a storage
 * that the garbage collector finds unreachable returns its block through a phantom reference the
 * next time this allocator runs (never on another thread). All kernels run in order on one
 * stream, so a block reused by a later kernel is never still in use by an earlier one.
 *
 * <p>Once a quarter of the device has been handed out since the last collection, the allocator
 * asks the JVM to collect garbage and takes back what that frees (run the JVM with
 * {@code -XX:+ExplicitGCInvokesConcurrent} to make that a short young collection). When the
 * device is short of memory it does the same, then gives its cached blocks back to the driver
 * before it gives up.
 */
final class DeviceMemory {
    /** Small blocks are rounded up to this many bytes. */
    private static final long SMALL_GRANULE = 512;
    /** Above this size blocks are rounded to an eighth of their power of two (at most 12.5 % slack). */
    private static final long SMALL_LIMIT = 1L << 20;

    private final Map<Long, ArrayDeque<CUdeviceptr>> free = new HashMap<>();
    private final ReferenceQueue<CudaStorage> collected = new ReferenceQueue<>();
    private final Set<Block> live = new HashSet<>();
    private final long deviceBytes;
    private long liveBytes;
    private long cachedBytes;
    private long gcThreshold;
    private long peakBytes;
    private int collections;

    /** A block lent to one storage; the phantom reference notices when that storage is gone. */
    static final class Block extends PhantomReference<CudaStorage> {
        final CUdeviceptr pointer;
        final long bytes;
        boolean returned;

        Block(CudaStorage owner, CUdeviceptr pointer, long bytes, ReferenceQueue<CudaStorage> queue) {
            super(owner, queue);
            this.pointer = pointer;
            this.bytes = bytes;
        }
    }

    DeviceMemory(long deviceBytes) {
        this.deviceBytes = deviceBytes;
        this.gcThreshold = deviceBytes / 4;
    }

    /** Rounds a request to the size class it is cached under. */
    static long sizeClass(long bytes) {
        long b = Math.max(bytes, 4);
        if (b <= SMALL_LIMIT) return (b + SMALL_GRANULE - 1) / SMALL_GRANULE * SMALL_GRANULE;
        long step = Long.highestOneBit(b) / 8;
        return (b + step - 1) / step * step;
    }

    /** A block of at least {@code bytes} for {@code owner}; its contents are undefined. */
    synchronized Block allocate(CudaStorage owner, long bytes) {
        reclaim();
        long size = sizeClass(bytes);
        if (liveBytes + size > gcThreshold) collectGarbage();
        CUdeviceptr pointer = takeCached(size);
        if (pointer == null) pointer = fresh(size);
        Block block = new Block(owner, pointer, size, collected);
        live.add(block);
        liveBytes += size;
        peakBytes = Math.max(peakBytes, liveBytes + cachedBytes);
        return block;
    }

    /** Gives a block back for reuse (explicit close); later calls are ignored. */
    synchronized void release(Block block) {
        if (block.returned) return;
        block.returned = true;
        block.clear();
        live.remove(block);
        liveBytes -= block.bytes;
        cachedBytes += block.bytes;
        free.computeIfAbsent(block.bytes, k -> new ArrayDeque<>()).push(block.pointer);
    }

    /** Takes back the blocks of storages the garbage collector has found unreachable. */
    private void reclaim() {
        for (var ref = collected.poll(); ref != null; ref = collected.poll()) release((Block) ref);
    }

    private CUdeviceptr takeCached(long size) {
        ArrayDeque<CUdeviceptr> list = free.get(size);
        if (list == null || list.isEmpty()) return null;
        cachedBytes -= size;
        return list.pop();
    }

    private CUdeviceptr fresh(long size) {
        CUdeviceptr pointer = new CUdeviceptr();
        if (tryAlloc(pointer, size)) return pointer;
        collectGarbage();
        CUdeviceptr reused = takeCached(size);
        if (reused != null) return reused;
        if (tryAlloc(pointer, size)) return pointer;
        releaseCached();
        if (tryAlloc(pointer, size)) return pointer;
        throw new IllegalStateException(String.format(
                "cuda: out of device memory allocating %.1f MiB (%.1f MiB in live tensors, device has %.1f MiB)",
                size / 1048576.0, liveBytes / 1048576.0, deviceBytes / 1048576.0));
    }

    private static boolean tryAlloc(CUdeviceptr pointer, long size) {
        try {
            return cuMemAlloc(pointer, size) == CUresult.CUDA_SUCCESS;
        } catch (CudaException e) {
            if (e.getMessage() != null && e.getMessage().contains("OUT_OF_MEMORY")) return false;
            throw e;
        }
    }

    /** Runs the collector and takes back what it frees; raises the threshold if little came back. */
    private void collectGarbage() {
        collections++;
        System.gc();
        try {
            // The reference handler thread enqueues what the collection found within a few milliseconds.
            for (var ref = collected.remove(20); ref != null; ref = collected.remove(2)) release((Block) ref);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Next collection once a quarter of the device (or as much again as survived) has been allocated,
        // so that live plus cached blocks stay well inside the device.
        gcThreshold = Math.min(deviceBytes * 7 / 10, liveBytes + Math.max(deviceBytes / 4, liveBytes));
    }

    /** Returns every cached block to the driver. */
    synchronized void releaseCached() {
        for (ArrayDeque<CUdeviceptr> list : free.values()) {
            for (CUdeviceptr p : list) cuMemFree(p);
        }
        free.clear();
        cachedBytes = 0;
    }

    synchronized long liveBytes() {
        reclaim();
        return liveBytes;
    }

    synchronized long cachedBytes() {
        return cachedBytes;
    }

    synchronized long peakBytes() {
        return peakBytes;
    }

    /** How many times the allocator had to ask the JVM for a collection. */
    synchronized int collections() {
        return collections;
    }
}
