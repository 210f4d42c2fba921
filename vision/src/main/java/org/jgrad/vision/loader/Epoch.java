package org.jgrad.vision.loader;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * The batches of one epoch with a bounded prefetch queue: at most {@code prefetch} batches are
 * being assembled or waiting at any time; {@link #next()} takes the oldest (blocking until it is
 * ready) and submits one more. Errors from the pool surface here, unwrapped.
 */
public final class Epoch implements Iterator<Batch>, AutoCloseable {
    private final List<int[]> batches;
    private final Function<int[], Future<Batch>> submit;
    private final int prefetch;
    private final ArrayDeque<Future<Batch>> queue = new ArrayDeque<>();
    private int submitted;

    Epoch(List<int[]> batches, Function<int[], Future<Batch>> submit, int prefetch) {
        this.batches = batches;
        this.submit = submit;
        this.prefetch = prefetch;
        topUp();
    }

    /** Number of batches in this epoch. */
    public int batchCount() {
        return batches.size();
    }

    @Override
    public boolean hasNext() {
        return !queue.isEmpty();
    }

    @Override
    public Batch next() {
        if (queue.isEmpty()) {
            throw new NoSuchElementException();
        }
        Future<Batch> oldest = queue.removeFirst();
        topUp();
        try {
            return oldest.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading a batch", e);
        } catch (ExecutionException e) {
            close();
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void topUp() {
        while (queue.size() < prefetch && submitted < batches.size()) {
            queue.addLast(submit.apply(batches.get(submitted++)));
        }
    }

    /** Cancels batches not yet taken. */
    @Override
    public void close() {
        for (Future<Batch> future : queue) {
            future.cancel(true);
        }
        queue.clear();
        submitted = batches.size();
    }
}
