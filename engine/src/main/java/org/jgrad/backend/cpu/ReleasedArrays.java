package org.jgrad.backend.cpu;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.LinkedHashMap;

/**
 * Arrays of released CPU storages, kept by length for {@code allocateUninitialized}: an op output
 * that its kernel overwrites anyway can reuse one instead of a new array, which the JVM would
 * zero first (that zeroing was most of what allocation cost). Bounded by
 * {@link Tuning#RELEASED_ARRAYS_MAX_BYTES}, evicting the least recently used lengths first.
 *
 * <p>With {@code -Djgrad.cpu.poisonUninitialized=true} (the engine's and app's tests run so)
 * every array handed out is filled with NaN first, so a kernel that reads its output before
 * writing all of it, or leaves part of it unwritten, shows up as NaN in the test's results.
 */
final class ReleasedArrays {
    static final boolean POISON = Boolean.getBoolean("jgrad.cpu.poisonUninitialized");

    /** Kept arrays by length, least recently used length first (an access-ordered map). */
    private final LinkedHashMap<Integer, ArrayDeque<float[]>> byLength = new LinkedHashMap<>(16, 0.75f, true);

    private final long maxBytes;
    private long bytes;

    ReleasedArrays() {
        this(Tuning.RELEASED_ARRAYS_MAX_BYTES);
    }

    ReleasedArrays(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * Keeps {@code array} for reuse. Over the bound, arrays of the least recently used lengths go
     * to the garbage collector first, so a length that stopped coming up (an odd last batch, a
     * one-image prediction) cannot crowd out the ones a training loop keeps asking for.
     */
    synchronized void put(float[] array) {
        long size = 4L * array.length;
        if (array.length < Tuning.RELEASED_ARRAYS_MIN_LENGTH || size > maxBytes) return;
        byLength.computeIfAbsent(array.length, k -> new ArrayDeque<>()).push(array);
        bytes += size;
        var lengths = byLength.entrySet().iterator();
        while (bytes > maxBytes && lengths.hasNext()) {
            var entry = lengths.next();
            ArrayDeque<float[]> list = entry.getValue();
            while (bytes > maxBytes && !list.isEmpty()) bytes -= 4L * list.removeLast().length;
            if (list.isEmpty()) lengths.remove();
        }
    }

    /** A kept array of exactly {@code length} floats with its old values (NaN when poisoning), or a new one. */
    float[] take(int length) {
        float[] a = kept(length);
        if (a == null) a = new float[length];
        if (POISON) Arrays.fill(a, Float.NaN);
        return a;
    }

    /** A kept array cleared to zeros, or a new one: allocate() takes these too, so what is kept keeps being used. */
    float[] takeZeroed(int length) {
        float[] a = kept(length);
        if (a == null) return new float[length];
        Arrays.fill(a, 0f);
        return a;
    }

    private synchronized float[] kept(int length) {
        ArrayDeque<float[]> list = byLength.get(length); // marks the length as recently used
        if (list == null || list.isEmpty()) return null;
        bytes -= 4L * length;
        return list.pop();
    }

    synchronized long bytes() {
        return bytes;
    }
}
