package org.jgrad.benchmarks;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

/** The no-op backend keeps up with the Backend interface: a whole training step runs on it. */
class HostOverheadTest {
    @Test
    void aLesionNetStepRunsOnTheNoOpBackendAndCountsItsCalls() {
        PrintStream old = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true));
        try {
            HostOverhead.main(new String[] {"lesionnet", "2", "3"});
        } finally {
            System.setOut(old);
        }
        String out = captured.toString();
        assertTrue(
                out.matches(
                        "(?s)name=host-overhead model=lesionnet batch=2 ms_per_step=[0-9.]+ best=[0-9.]+ "
                                + "backend_calls_per_step=[0-9]+ us_per_call=[0-9.]+\\s+calls per step: \\{.*conv2dForward=3.*\\}\\s*"),
                out);
    }
}
