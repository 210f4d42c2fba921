package org.jgrad.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TileChoiceTest {
    @Test
    void registerCountFollowsTheInstructionSet() {
        assertEquals(16, CpuIdentity.vectorRegisters("amd64", 256), "x86 with AVX2 only: ymm0-15");
        assertEquals(16, CpuIdentity.vectorRegisters("x86_64", 128), "x86 with SSE only");
        assertEquals(32, CpuIdentity.vectorRegisters("amd64", 512), "AVX-512: zmm0-31");
        assertEquals(32, CpuIdentity.vectorRegisters("aarch64", 128), "NEON: v0-v31");
        assertEquals(16, CpuIdentity.vectorRegisters("riscv64", 128), "unknown: the smaller file");
    }

    @Test
    void theDefaultTileFitsTheRegisterFile() {
        assertEquals(GemmTile.ROWS_8_BY_3_VECTORS, GemmTile.defaultFor(32));
        assertEquals(GemmTile.ROWS_6_BY_2_VECTORS, GemmTile.defaultFor(16));
        for (GemmTile t : GemmTile.values()) {
            assertTrue(t.registersNeeded() <= (t == GemmTile.ROWS_8_BY_3_VECTORS ? 32 : 16), t.label());
        }
    }

    @Test
    void tileNamesParseAndBadOnesAreNamed() {
        for (GemmTile t : GemmTile.values())
            assertEquals(t, GemmTile.parse(" " + t.label().toUpperCase() + " ", "test"));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> GemmTile.parse("14x2", "-Djgrad.cpu.gemmTile"));
        assertTrue(
                e.getMessage().contains("-Djgrad.cpu.gemmTile")
                        && e.getMessage().contains("14x2"),
                e.getMessage());
    }

    @Test
    void tuningTimesOnlyTheShapesThatFitAndPicksTheFastestOrTheDefault() {
        TunedChoice.Tuned<GemmTile> t16 = TileChoice.tune(16, 5);
        assertFalse(t16.gflops().containsKey(GemmTile.ROWS_8_BY_3_VECTORS), "8x3 needs 28 registers");
        assertTrue(t16.gflops().size() == 2 && t16.gflops().values().stream().allMatch(g -> g > 0), t16.summary());
        TunedChoiceTest.assertBestOrDefault(t16, GemmTile.defaultFor(16));
        TunedChoice.Tuned<GemmTile> t32 = TileChoice.tune(32, 5);
        assertEquals(GemmTile.values().length, t32.gflops().size());
        TunedChoiceTest.assertBestOrDefault(t32, GemmTile.defaultFor(32));
    }

    @Test
    void theCacheKeepsOtherMachinesLinesAndIsReplacedWhole(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub").resolve("cpu-tuning.properties");
        String a = "6x2 6x2 50.0, GFLOP/s → 6x2";
        String b = "8x3 8x3 90.0, GFLOP/s → 8x3";
        assertTrue(TunedChoice.save(file, "gemmTile.cpu A|256-bit", a).contains("saved"));
        assertTrue(TunedChoice.save(file, "gemmTile.cpu B|512-bit", b).contains("saved"));
        String text = Files.readString(file);
        assertTrue(text.contains("6x2") && text.contains("8x3"), text);
        try (var files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void aCacheThatCannotBeWrittenIsReportedNotThrown(@TempDir Path dir) throws Exception {
        Path blocker = dir.resolve("not-a-folder");
        Files.writeString(blocker, "x");
        String a = "6x2 6x2 50.0, GFLOP/s → 6x2";
        assertTrue(TunedChoice.save(blocker.resolve("cpu-tuning.properties"), "k", a)
                .startsWith(" (not saved"));
    }
}
