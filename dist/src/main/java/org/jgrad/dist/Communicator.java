package org.jgrad.dist;

/**
 * Collective operations among {@link #worldSize()} ranks (numbered 0 .. worldSize − 1). Every rank
 * must make the same calls in the same order with buffers of the same length, as in MPI or
 * torch.distributed; a call returns once this rank's part is done. A peer that fails or stops
 * answering makes the call throw {@link CommunicationException} within the communicator's timeout,
 * after which the communicator is unusable.
 */
public interface Communicator extends AutoCloseable {
    /** How an all-reduce combines the ranks' values. */
    enum Reduction {
        SUM,
        MEAN
    }

    int rank();

    int worldSize();

    /** data[offset .. offset + length) becomes, on every rank, the element-wise sum (or mean) over all ranks. */
    void allReduce(float[] data, int offset, int length, Reduction reduction);

    /** The whole buffer, reduced. */
    default void allReduce(float[] data, Reduction reduction) {
        allReduce(data, 0, data.length, reduction);
    }

    /** data[offset .. offset + length) on every rank becomes a copy of rank {@code root}'s. */
    void broadcast(float[] data, int offset, int length, int root);

    default void broadcast(float[] data, int root) {
        broadcast(data, 0, data.length, root);
    }

    /** Returns once every rank has called it. */
    void barrier();

    /** Frees sockets and threads; collectives after close fail. */
    @Override
    void close();

    /** The part [from, to) of a buffer of {@code length} that segment {@code i} of {@code parts} covers (balanced, possibly empty). */
    static int segmentStart(int length, int parts, int i) {
        return (int) ((long) length * i / parts);
    }
}
