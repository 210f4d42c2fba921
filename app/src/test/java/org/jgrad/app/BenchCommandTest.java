package org.jgrad.app;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** The bench command's output contract: one name=... line per figure; unknown names are an error. */
class BenchCommandTest {

    @Test
    void sgemmPrintsOneParsableLine() {
        String out = ToyCommandTest.runCapturing("bench", "sgemm", "--n", "64", "--threads", "1");
        String line = out.lines().filter(l -> l.startsWith("name=sgemm")).findFirst().orElseThrow(() -> new AssertionError(out));
        assertTrue(line.matches("name=sgemm device=cpu threads=1 n=64 gflops=[0-9.]+ best=[0-9.]+"), line);
    }

    @Test
    void dataPrintsDecodeAndCachedFiguresForBothSizes() {
        String out = ToyCommandTest.runCapturing("bench", "data", "--images", "3", "--threads", "1");
        for (String stage : new String[] {"decode", "cached", "cached+augment"}) {
            for (int size : new int[] {64, 224}) {
                assertTrue(out.contains("name=data stage=" + stage + " size=" + size + " "), stage + " " + size + " in:\n" + out);
            }
        }
    }

    @Test
    void unknownBenchmarkIsAnError() {
        assertNotEquals(0, Main.run("bench", "fft"));
    }
}
