package org.jgrad.backend.cuda;

import jcuda.driver.CUdeviceptr;
import org.jgrad.backend.Backend;
import org.jgrad.backend.Storage;

/**
 * A float32 buffer in device memory. Its block returns to the backend's allocator when
 * {@link #close()} is called or, failing that, once the garbage collector finds the storage
 * unreachable. Only {@link CudaBackend} reads the pointer.
 */
public final class CudaStorage implements Storage, AutoCloseable {
    private final CudaBackend owner;
    private final int size;
    private final DeviceMemory.Block block;
    /** All elements are zero but not yet written: the memset is queued only if something reads first. */
    boolean zeroPending;

    CudaStorage(CudaBackend owner, DeviceMemory memory, int size) {
        this.owner = owner;
        this.size = size;
        this.block = memory.allocate(this, 4L * size);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Backend backend() {
        return owner;
    }

    /** Device address of element 0. */
    CUdeviceptr pointer() {
        if (block.returned) throw new IllegalStateException("cuda: storage used after close()");
        return block.pointer;
    }

    /** Gives the memory back now instead of waiting for the garbage collector. */
    @Override
    public void close() {
        owner.memory().release(block);
    }
}
