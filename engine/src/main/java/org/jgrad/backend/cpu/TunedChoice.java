package org.jgrad.backend.cpu;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.ToDoubleBiFunction;

/**
 * How the fast CPU backend picks a kernel variant for the machine it runs on (the GEMM register
 * tile, {@link TileChoice}; the direct-convolution channel block, {@link ConvTileChoice}). Every such
 * choice is decided once per JVM, in this order:
 * <ol>
 *   <li>a system property forces one (tests, comparisons);</li>
 *   <li>the tuning cache ({@code ~/.cache/jgrad/cpu-tuning.properties}, or the folder in
 *       {@code -Djgrad.cache.dir}) holds the result of an earlier timing on this CPU model, vector
 *       width, register count and Java version;</li>
 *   <li>otherwise each candidate that fits the register file is timed for a fraction of a second
 *       ({@link #tune}) and the winner is saved in the cache, so a new kind of CPU needs no code
 *       change ({@code jgrad bench tune} redoes it); {@code -Djgrad.cpu.tune=false} skips the timing
 *       (the tests do, to stay deterministic) and takes:</li>
 *   <li>the default for the register count.</li>
 * </ol>
 * A cache line that does not parse, or names a variant that does not fit this machine, is ignored
 * with a one-line warning and timed again.
 *
 * @param <T> the type of the variants (a tile shape, a channel count)
 */
final class TunedChoice<T> {
    private TunedChoice() {}

    /**
     * One kind of choice: its variants, how to name and parse them, and how to time one.
     *
     * @param what what is chosen, for messages: "GEMM register tile"
     * @param property the system property that forces a variant
     * @param cacheKey this machine's key in the tuning cache
     * @param parse the variant written as the text, else an IllegalArgumentException naming the
     *     place (second argument) the text came from
     * @param label how a variant is written in the cache and in messages
     * @param candidates the variants whose kernels fit a register count, in a fixed order
     * @param defaultFor the variant to use without a timing, for a register count
     * @param warmUp enough calls that the JIT compiles a variant's kernel fully before it is timed
     * @param timeSlice GFLOP/s of a variant's kernel over about the given milliseconds
     */
    record Kind<T>(
            String what,
            String property,
            String cacheKey,
            BiFunction<String, String, T> parse,
            Function<T, String> label,
            IntFunction<List<T>> candidates,
            IntFunction<T> defaultFor,
            Consumer<T> warmUp,
            ToDoubleBiFunction<T, Long> timeSlice) {}

    /** The variant in use and where it came from, e.g. "tuned on first use". */
    record Decision<T>(T variant, String source) {}

    /** A timing: each candidate's best GFLOP/s, the variant chosen, and both as one line. */
    record Tuned<T>(Map<T, Double> gflops, T best, String summary) {}

    /** Decides as the class comment says; rounds and sliceMillis size a first-use timing. */
    static <T> Decision<T> decide(Kind<T> kind, int registers, int rounds, long sliceMillis) {
        String forced = System.getProperty(kind.property());
        if (forced != null && !forced.isBlank()) {
            return new Decision<>(kind.parse().apply(forced, "-D" + kind.property()), "forced by -D" + kind.property());
        }
        Path file = cacheFile();
        String key = kind.cacheKey();
        String cached = readCache(file).getProperty(key);
        if (cached != null) {
            try {
                T variant = kind.parse().apply(cached.split(" ", 2)[0], file + " (" + key + ")");
                if (kind.candidates().apply(registers).contains(variant)) {
                    return new Decision<>(variant, "tuned earlier (" + file + ")");
                }
                System.err.println("jgrad: ignoring the cached " + kind.what() + " "
                        + kind.label().apply(variant) + " in " + file + ": it does not fit " + registers
                        + " vector registers");
            } catch (IllegalArgumentException e) {
                System.err.println("jgrad: ignoring the tuning cache line: " + e.getMessage());
            }
        }
        if ("false".equalsIgnoreCase(System.getProperty("jgrad.cpu.tune"))) {
            return new Decision<>(kind.defaultFor().apply(registers), "default for " + registers + " vector registers");
        }
        Tuned<T> tuned = tune(kind, registers, rounds, sliceMillis);
        String note = save(file, key, kind.label().apply(tuned.best()) + " " + tuned.summary());
        System.err.println("jgrad: " + kind.what() + " timed on first use: " + tuned.summary() + note);
        return new Decision<>(tuned.best(), "tuned on first use");
    }

    /**
     * Times each candidate: a warm-up each, so that the JIT has compiled every kernel before any
     * is timed (a long interpreted call would take a whole slice), then {@code rounds} interleaved
     * slices of {@code sliceMillis}, keeping each candidate's best slice (the least disturbed by
     * other work on the machine). The default is kept unless another candidate beats it by more
     * than 10 %, so that noise does not flip it: on a 2-core machine under load, single 150 ms
     * slices put a slower GEMM tile ahead by chance.
     */
    static <T> Tuned<T> tune(Kind<T> kind, int registers, int rounds, long sliceMillis) {
        List<T> candidates = kind.candidates().apply(registers);
        Map<T, Double> best = new LinkedHashMap<>();
        for (T v : candidates) kind.warmUp().accept(v);
        for (int round = 0; round < rounds; round++) {
            for (T v : candidates) best.merge(v, kind.timeSlice().applyAsDouble(v, sliceMillis), Math::max);
        }
        T chosen = kind.defaultFor().apply(registers);
        for (T v : candidates) if (best.get(v) > best.get(chosen) * 1.10) chosen = v;
        StringBuilder summary = new StringBuilder();
        best.forEach((v, g) -> summary.append(kind.label().apply(v))
                .append(' ')
                .append(String.format(Locale.ROOT, "%.1f", g))
                .append(", "));
        summary.append("GFLOP/s → ").append(kind.label().apply(chosen));
        return new Tuned<>(best, chosen, summary.toString());
    }

    /** Times the candidates again now and saves the winner; it takes effect in the next JVM. */
    static <T> Tuned<T> retune(Kind<T> kind, int registers, int rounds, long sliceMillis) {
        Tuned<T> tuned = tune(kind, registers, rounds, sliceMillis);
        save(cacheFile(), kind.cacheKey(), kind.label().apply(tuned.best()) + " " + tuned.summary());
        return tuned;
    }

    /** CPU model, vector width in use, register count, Java feature version: what a cached choice depends on. */
    static String machineKey() {
        return CpuIdentity.model() + "|" + VectorKernels.SPECIES.vectorBitSize() + "-bit|" + registers()
                + "-registers|java-" + Runtime.version().feature();
    }

    /** Vector registers of this machine at the JVM's preferred width (not a narrower forced one). */
    static int registers() {
        return CpuIdentity.vectorRegisters(jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.vectorBitSize());
    }

    static Path cacheFile() {
        String dir = System.getProperty("jgrad.cache.dir");
        Path base = dir != null && !dir.isBlank()
                ? Path.of(dir)
                : Path.of(System.getProperty("user.home"), ".cache", "jgrad");
        return base.resolve("cpu-tuning.properties");
    }

    static Properties readCache(Path file) {
        Properties p = new Properties();
        if (!Files.isRegularFile(file)) return p;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("jgrad: ignoring unreadable tuning cache " + file + ": " + e.getMessage());
            return new Properties();
        }
        return p;
    }

    /**
     * Sets this machine's line ({@code value} and today's date) in the cache file, keeping the other
     * lines: written to a temporary file, then moved over it. Returns a note for the log line:
     * where it went, or why it could not be saved.
     */
    static String save(Path file, String key, String value) {
        Properties p = readCache(file);
        p.setProperty(key, value + " " + LocalDate.now());
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "cpu-tuning", ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, "jgrad: fast CPU kernel choices per machine; delete to time them again");
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return " (saved in " + file + ")";
        } catch (IOException | RuntimeException e) {
            return " (not saved: " + e.getMessage() + ")";
        }
    }
}
