package org.jgrad.backend;

/**
 * A flat buffer of float32 values owned by one {@link Backend}: a Java array for the CPU
 * backends, device memory for CUDA. Tensors hold a Storage and never look inside it;
 * only the owning backend reads or writes its elements.
 */
public interface Storage {
    /**
     * Number of float elements.
     *
     * @return the size
     */
    int size();

    /**
     * The backend that owns this buffer and runs kernels on it.
     *
     * @return the owner
     */
    Backend backend();

    /**
     * Words naming what this buffer held and who released it (say "Tensor[32, 16] made by linear was
     * released by Graph.release(...)"), given just before it is released; a backend that refuses a
     * use after release puts them in its error. The default keeps nothing.
     *
     * @param note the words
     */
    default void setReleaseNote(String note) {}
}
