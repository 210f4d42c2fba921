package org.jgrad.backend.cpu;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Arrays of released CPU storages, kept by length for {@code allocateUninitialized}: an op output
 * that its kernel overwrites anyway can reuse one instead of a new array, which the JVM would
 * zero first (that zeroing was most of what allocation cost). Bounded, so an unusual run cannot
 * keep much memory here: {@link Tuning#RELEASED_ARRAYS_MAX_BYTES}.
 *
 * <p>With {@code -Djgrad.cpu.poisonUninitialized=true} (the engine's and app's tests run so)
 * every array handed out is filled with NaN first, so a kernel that reads its output before
 * writing all of it, or leaves part of it unwritten, shows up as NaN in the test's results.
 */
final class ReleasedArrays {
    static final boolean POISON = Boolean.getBoolean("jgrad.cpu.poisonUninitialized");

    private final Map<Integer, ArrayDeque<float[]>> byLength = new HashMap<>();
    private long bytes;

    synchronized void put(float[] array) {
        long size = 4L * array.length;
        if (array.length < Tuning.RELEASED_ARRAYS_MIN_LENGTH || bytes + size > Tuning.RELEASED_ARRAYS_MAX_BYTES) return;
        byLength.computeIfAbsent(array.length, k -> new ArrayDeque<>()).push(array);
        bytes += size;
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
        ArrayDeque<float[]> list = byLength.get(length);
        if (list == null || list.isEmpty()) return null;
        bytes -= 4L * length;
        return list.pop();
    }

    synchronized long bytes() { return bytes; }
}
