package org.jgrad.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every command's --help prints its usage and nothing else (picocli warns on a stray % in a description). */
class HelpTest {
    @ParameterizedTest
    @ValueSource(
            strings = {"toy", "train", "cv", "evaluate", "predict", "info", "bench", "synth", "split", "show", "shell"})
    void helpPrintsUsageWithoutWarnings(String command) {
        Cli.Result r = Cli.run(command, "--help");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Usage: jgrad " + command), r.out());
        String all = r.out() + r.err();
        assertFalse(all.contains("WARN") || all.contains("Could not format"), all);
    }
}
