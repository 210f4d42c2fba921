package org.jgrad.backend.cpu;

import org.jgrad.backend.Backend;
import org.jgrad.backend.Storage;

/** A float array on the Java heap; shared by the reference and the fast CPU backends. */
public final class CpuStorage implements Storage {
    final float[] data;
    private final Backend owner;
    /** Set by Backend.release: a kernel that touches this storage afterwards fails instead of reading stale values. */
    private volatile boolean released;
    /** What the buffer held and who released it, for the use-after-release error; null if nobody said. */
    private volatile String releaseNote;

    CpuStorage(float[] data, Backend owner) {
        this.data = data;
        this.owner = owner;
    }

    @Override
    public int size() {
        return data.length;
    }

    @Override
    public Backend backend() {
        return owner;
    }

    @Override
    public void setReleaseNote(String note) {
        this.releaseNote = note;
    }

    /** Marks the storage released; false if it already was (its array must then not be kept twice). */
    synchronized boolean release() {
        boolean first = !released;
        released = true;
        return first;
    }

    /**
     * The raw array. Only CPU kernels call this; ops and layers never do.
     *
     * @param s a buffer of a CPU backend
     * @return its backing array (not a copy)
     * @throws IllegalArgumentException if {@code s} is not CPU memory
     * @throws IllegalStateException if {@code s} was released (the message carries its release note)
     */
    public static float[] array(Storage s) {
        if (!(s instanceof CpuStorage cpu)) {
            throw new IllegalArgumentException("expected CPU memory, got a buffer of backend "
                    + (s == null ? "null" : s.backend().name()) + "; move the tensor with to(backend) first");
        }
        if (cpu.released) {
            String note = cpu.releaseNote;
            throw new IllegalStateException("cpu: storage used after release()"
                    + (note == null
                            ? ""
                            : ": " + note + "; read what you need from a step's tensors before releasing its graph"));
        }
        return cpu.data;
    }

    /**
     * Null-tolerant variant of {@link #array} for optional buffers such as a missing bias.
     *
     * @param s a buffer of a CPU backend, or null
     * @return its backing array, or null
     */
    public static float[] arrayOrNull(Storage s) {
        return s == null ? null : array(s);
    }
}
