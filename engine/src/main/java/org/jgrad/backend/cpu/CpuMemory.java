package org.jgrad.backend.cpu;

import org.jgrad.backend.Backend;
import org.jgrad.backend.Storage;

/**
 * The memory side of a CPU backend: float arrays handed out as {@link CpuStorage} owned by that
 * backend, released arrays kept and handed out again ({@link ReleasedArrays}). Both CPU backends
 * keep their own, so a storage's {@code backend()} is the backend that made it and ops allocate
 * their outputs there.
 */
final class CpuMemory {
    private final Backend owner;
    private final ReleasedArrays released = new ReleasedArrays();

    CpuMemory(Backend owner) {
        this.owner = owner;
    }

    /** A released array of this size cleared (as cheap as a new one, and it keeps the kept arrays in use), else a new one. */
    Storage allocate(int size) {
        return new CpuStorage(released.takeZeroed(size), owner);
    }

    /** A released array of this size if there is one (its old values still in it), else a new one. */
    Storage allocateUninitialized(int size) {
        return new CpuStorage(released.take(size), owner);
    }

    /** The storage refuses any later use; its array waits, uncleared, for the next allocateUninitialized. */
    void release(Storage s) {
        CpuStorage cpu = (CpuStorage) s;
        if (cpu.backend() != owner) throw new IllegalArgumentException("release: a buffer of another backend");
        if (cpu.release()) released.put(cpu.data); // a second release of the same storage keeps nothing twice
    }

    Storage upload(float[] data) {
        return new CpuStorage(data.clone(), owner);
    }
}
