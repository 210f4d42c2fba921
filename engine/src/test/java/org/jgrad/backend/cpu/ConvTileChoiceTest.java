package org.jgrad.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The direct-convolution channel block: candidates per register file, parsing, and the timing's rule. */
class ConvTileChoiceTest {
    @Test
    void candidatesAndDefaultFollowTheRegisterFile() {
        assertEquals(8, ConvTileChoice.defaultFor(32));
        assertEquals(3, ConvTileChoice.defaultFor(16));
        assertEquals(List.of(8, 4, 3), ConvTileChoice.candidates(32));
        assertEquals(List.of(4, 3), ConvTileChoice.candidates(16), "8 channels need 28 registers");
    }

    @Test
    void blocksParseAndBadOnesAreNamed() {
        assertEquals(3, ConvTileChoice.parse(" 3 ", "test"));
        assertEquals(8, ConvTileChoice.parse("8", "test"));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ConvTileChoice.parse("6", "cache line X"));
        assertTrue(e.getMessage().contains("cache line X") && e.getMessage().contains("'6'"), e.getMessage());
    }

    @Test
    void tuningTimesTheBlocksThatFitAndKeepsTheDefaultUnlessClearlyBeaten() {
        for (int registers : new int[] {16, 32}) {
            TunedChoice.Tuned<Integer> t = ConvTileChoice.tune(registers, 3);
            assertEquals(
                    ConvTileChoice.candidates(registers), List.copyOf(t.gflops().keySet()), t.summary());
            assertTrue(t.gflops().values().stream().allMatch(g -> g > 0), t.summary());
            TunedChoiceTest.assertBestOrDefault(t, ConvTileChoice.defaultFor(registers));
        }
    }

    @Test
    void theBlockInUseIsOneOfTheCandidatesAndSaysWhereItCameFrom() {
        assertTrue(List.of(8, 4, 3).contains(ConvTileChoice.CHANNELS));
        assertTrue(!ConvTileChoice.source().equals("not decided yet"), ConvTileChoice.source());
    }
}
