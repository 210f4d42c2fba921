package org.jgrad.autograd;

import static org.jgrad.testing.TensorAssert.assertThrowsMentioning;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.jgrad.device.Backends;
import org.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The op profiler charges each op's forward and backward rule once per use, and phases the caller marks. */
class OpProfilerTest {
    @Test
    void chargesForwardAndBackwardPerOpAndNotTheOpsInsideRules() {
        Tensor x = Tensor.of(new float[] {1f, -2f, 3f}, 3).requiresGrad(true);
        Tensor w = Tensor.of(new float[] {0.5f, 0.5f, -1f}, 3).requiresGrad(true);
        OpProfiler p = OpProfiler.start(Backends.getDefault());
        try (p) {
            for (int step = 0; step < 2; step++) {
                // mul's backward rule itself multiplies (dY·w, dY·x): those must not count as forward muls.
                x.mul(w).relu().sum().backward();
                p.mark("update");
            }
        }
        Map<String, long[]> e = p.entries();
        assertEquals(2, e.get("forward mul")[1], "one forward mul per step");
        assertEquals(2, e.get("forward relu")[1]);
        assertEquals(2, e.get("backward mul")[1]);
        assertEquals(2, e.get("backward relu")[1]);
        assertEquals(2, e.get("update")[1]);
        assertTrue(
                e.keySet().stream().anyMatch(k -> k.startsWith("backward sum")),
                e.keySet().toString());
        for (long[] v : e.values()) assertTrue(v[0] >= 0);
        String table = p.table(2);
        assertTrue(table.contains("forward mul") && table.contains("total"), table);
    }

    @Test
    void opsOfOtherThreadsAreNotCharged() throws InterruptedException {
        OpProfiler p = OpProfiler.start(Backends.getDefault());
        try (p) {
            Thread other = new Thread(() -> Tensor.of(new float[] {1f}, 1)
                    .requiresGrad(true)
                    .exp()
                    .sum()
                    .backward());
            other.start();
            other.join();
        }
        assertFalse(p.entries().containsKey("forward exp"), p.entries().keySet().toString());
        assertFalse(
                p.entries().containsKey("backward exp"), p.entries().keySet().toString());
    }

    @Test
    void oneAtATimeAndNothingAfterClose() {
        OpProfiler p = OpProfiler.start(Backends.getDefault());
        assertThrowsMentioning(
                IllegalStateException.class, () -> OpProfiler.start(Backends.getDefault()), "already running");
        p.close();
        Tensor.of(new float[] {1f}, 1).requiresGrad(true).exp().sum().backward();
        assertFalse(p.entries().containsKey("forward exp"), "ops after close are not charged");
        OpProfiler.start(Backends.getDefault()).close();
    }
}
