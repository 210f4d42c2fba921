package org.jgrad.backend.cpu;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The decision order shared by the per-machine kernel choices, on a made-up kind with fixed timings. */
class TunedChoiceTest {
    private static final String FORCE = "jgrad.test.fakeChoice";

    @TempDir
    Path cacheDir;

    private String savedCacheDir, savedTune;

    @BeforeEach
    void useATemporaryCache() {
        savedCacheDir = System.getProperty("jgrad.cache.dir");
        savedTune = System.getProperty("jgrad.cpu.tune");
        System.setProperty("jgrad.cache.dir", cacheDir.toString());
        System.clearProperty("jgrad.cpu.tune");
    }

    @AfterEach
    void restore() {
        restore("jgrad.cache.dir", savedCacheDir);
        restore("jgrad.cpu.tune", savedTune);
        System.clearProperty(FORCE);
    }

    private static void restore(String key, String value) {
        if (value == null) System.clearProperty(key);
        else System.setProperty(key, value);
    }

    /** Variants "a", "b", "wide" (needs 32 registers); default "a"; each timed at its fixed GFLOP/s, counting slices. */
    private static final class Fake {
        final Map<String, Double> speed;
        int slices;
        final TunedChoice.Kind<String> kind;

        Fake(Map<String, Double> speed) {
            this.speed = speed;
            this.kind = new TunedChoice.Kind<>(
                    "fake tile",
                    FORCE,
                    "fake.machine",
                    (text, where) -> {
                        if (List.of("a", "b", "wide").contains(text.trim())) return text.trim();
                        throw new IllegalArgumentException(where + ": no variant '" + text + "'");
                    },
                    v -> v,
                    registers -> registers >= 32 ? List.of("a", "b", "wide") : List.of("a", "b"),
                    registers -> "a",
                    v -> {},
                    (v, millis) -> {
                        slices++;
                        return speed.get(v);
                    });
        }
    }

    /**
     * A timing's choice is the default, or the fastest candidate and more than 10 % ahead of the
     * default (for the real choices' tests, whose timings are not fixed).
     */
    static <T> void assertBestOrDefault(TunedChoice.Tuned<T> t, T fallback) {
        double best = t.gflops().values().stream()
                .mapToDouble(Double::doubleValue)
                .max()
                .orElseThrow();
        assertTrue(t.best().equals(fallback) || t.gflops().get(t.best()) == best, t.summary());
        assertTrue(t.best().equals(fallback) || best > t.gflops().get(fallback) * 1.10, t.summary());
    }

    @Test
    void aFirstUseTimesTheCandidatesKeepsTheDefaultUnlessClearlyBeatenAndSaves() throws Exception {
        Fake close = new Fake(Map.of("a", 100.0, "b", 109.0, "wide", 500.0));
        TunedChoice.Decision<String> d = TunedChoice.decide(close.kind, 16, 3, 1);
        assertEquals("a", d.variant(), "b is less than 10 % faster, and wide does not fit 16 registers");
        assertEquals("tuned on first use", d.source());
        assertEquals(6, close.slices, "3 rounds of the 2 candidates that fit");
        assertTrue(Files.readString(cacheDir.resolve("cpu-tuning.properties")).contains("fake.machine=a "));

        Fake clear = new Fake(Map.of("a", 100.0, "b", 111.0, "wide", 500.0));
        TunedChoice.Tuned<String> t = TunedChoice.tune(clear.kind, 32, 2, 1);
        assertEquals("wide", t.best());
        assertEquals("a 100.0, b 111.0, wide 500.0, GFLOP/s → wide", t.summary());
    }

    @Test
    void aCachedLineIsUsedWithoutTimingUnlessItDoesNotParseOrFit() {
        Path file = TunedChoice.cacheFile();
        TunedChoice.save(file, "fake.machine", "b b 120.0, GFLOP/s → b");
        Fake fake = new Fake(Map.of("a", 100.0, "b", 50.0, "wide", 10.0));
        TunedChoice.Decision<String> cached = TunedChoice.decide(fake.kind, 16, 3, 1);
        assertEquals("b", cached.variant());
        assertTrue(cached.source().startsWith("tuned earlier"), cached.source());
        assertEquals(0, fake.slices);

        TunedChoice.save(file, "fake.machine", "wide 2026-01-01");
        assertEquals("a", TunedChoice.decide(fake.kind, 16, 3, 1).variant(), "wide does not fit: timed again");
        assertTrue(fake.slices > 0);

        TunedChoice.save(file, "fake.machine", "zz?? 2026-01-01");
        int before = fake.slices;
        assertEquals("a", TunedChoice.decide(fake.kind, 16, 3, 1).variant(), "a line that does not parse: timed again");
        assertTrue(fake.slices > before);
    }

    @Test
    void aPropertyForcesAndNoTimingMeansTheDefault() {
        Fake fake = new Fake(Map.of("a", 100.0, "b", 500.0, "wide", 10.0));
        System.setProperty(FORCE, "wide");
        TunedChoice.Decision<String> forced = TunedChoice.decide(fake.kind, 16, 3, 1);
        assertEquals("wide", forced.variant());
        assertEquals("forced by -D" + FORCE, forced.source());
        System.setProperty(FORCE, "nonsense");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> TunedChoice.decide(fake.kind, 16, 3, 1));
        assertTrue(e.getMessage().contains("-D" + FORCE), e.getMessage());

        System.clearProperty(FORCE);
        System.setProperty("jgrad.cpu.tune", "false");
        TunedChoice.Decision<String> plain = TunedChoice.decide(fake.kind, 16, 3, 1);
        assertEquals("a", plain.variant());
        assertEquals("default for 16 vector registers", plain.source());
        assertEquals(0, fake.slices);
        assertFalse(Files.exists(TunedChoice.cacheFile()), "nothing saved without a timing");
    }
}
