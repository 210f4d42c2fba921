package org.jgrad.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The spark-submit entry points check their command lines before Spark starts, naming what is wrong. */
class JobArgumentsTest {
    @Test
    void sweepTakesCvOrSeedsAndTheJgradOptionsAfterTheDashes() {
        var cv = SweepJob.Arguments.parse("cv", "/out", "--", "--folds", "3", "--epochs", "1");
        assertEquals("cv", cv.mode());
        assertEquals("/out", cv.out());
        assertEquals(List.of("--folds", "3", "--epochs", "1"), cv.options());
        var seeds = SweepJob.Arguments.parse("seeds", "/out", "1, 2,3", "--", "--epochs", "2");
        assertEquals(List.of(1L, 2L, 3L), seeds.seeds());
        assertEquals(List.of("--epochs", "2"), seeds.options());
    }

    @Test
    void sweepRefusesBadCommandLinesNamingTheCulprit() {
        assertMessage("unknown mode 'grid'", () -> SweepJob.Arguments.parse("grid", "/out"));
        assertMessage("'x' in SEEDS", () -> SweepJob.Arguments.parse("seeds", "/out", "1,x"));
        assertMessage("given twice", () -> SweepJob.Arguments.parse("seeds", "/out", "1,1"));
        assertMessage(
                "--seed is set per task", () -> SweepJob.Arguments.parse("seeds", "/out", "1", "--", "--seed", "3"));
        assertMessage("expected OUT_FOLDER", () -> SweepJob.Arguments.parse("cv"));
        assertMessage("missing the mode", () -> SweepJob.Arguments.parse());
    }

    @Test
    void trainTakesRanksAndARunFolder() {
        var a = TrainJob.Arguments.parse("2", "/runs/a", "--", "--epochs", "3");
        assertEquals(2, a.ranks());
        assertEquals("/runs/a", a.runDir());
        assertEquals(List.of("--epochs", "3"), a.options());
        assertMessage("RANKS 'two'", () -> TrainJob.Arguments.parse("two", "/runs/a"));
        assertMessage("RANKS must be 1..1024, got 0", () -> TrainJob.Arguments.parse("0", "/runs/a"));
        assertMessage("expected RANKS RUN_FOLDER", () -> TrainJob.Arguments.parse("2"));
    }

    private static void assertMessage(String part, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
