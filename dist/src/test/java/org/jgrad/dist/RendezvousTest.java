package org.jgrad.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JGRAD_* environment variables: read, range-checked, a bad one named. */
class RendezvousTest {
    static Map<String, String> env(String... pairs) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) m.put(pairs[i], pairs[i + 1]);
        return m;
    }

    @Test
    void readsAllVariables() {
        Rendezvous r = Rendezvous.fromEnvironment(env(
                "JGRAD_RANK",
                "2",
                "JGRAD_WORLD_SIZE",
                "4",
                "JGRAD_MASTER_ADDR",
                "node7",
                "JGRAD_MASTER_PORT",
                "29500",
                "JGRAD_DIST_TIMEOUT_S",
                "30"));
        assertEquals(new Rendezvous(2, 4, "node7", 29500, 30_000), r);
        assertTrue(Rendezvous.requested(env("JGRAD_WORLD_SIZE", "4")));
        assertFalse(Rendezvous.requested(env()));
    }

    @Test
    void timeoutHasADefault() {
        Rendezvous r = Rendezvous.fromEnvironment(env(
                "JGRAD_RANK",
                "0",
                "JGRAD_WORLD_SIZE",
                "2",
                "JGRAD_MASTER_ADDR",
                "127.0.0.1",
                "JGRAD_MASTER_PORT",
                "1234"));
        assertEquals(Rendezvous.DEFAULT_TIMEOUT_SECONDS * 1000L, r.timeoutMillis());
    }

    @Test
    void badValuesNameTheirVariable() {
        String[][] cases = {
            {"JGRAD_WORLD_SIZE", "JGRAD_RANK", "0"},
            {"JGRAD_WORLD_SIZE", "JGRAD_RANK", "0", "JGRAD_WORLD_SIZE", "0"},
            {"JGRAD_WORLD_SIZE", "JGRAD_RANK", "0", "JGRAD_WORLD_SIZE", "two"},
            {"JGRAD_RANK", "JGRAD_RANK", "2", "JGRAD_WORLD_SIZE", "2"},
            {"JGRAD_RANK", "JGRAD_RANK", "-1", "JGRAD_WORLD_SIZE", "2"},
            {"JGRAD_MASTER_ADDR", "JGRAD_RANK", "1", "JGRAD_WORLD_SIZE", "2", "JGRAD_MASTER_PORT", "80"},
            {"JGRAD_MASTER_PORT", "JGRAD_RANK", "1", "JGRAD_WORLD_SIZE", "2", "JGRAD_MASTER_ADDR", "h"},
            {
                "JGRAD_MASTER_PORT",
                "JGRAD_RANK",
                "1",
                "JGRAD_WORLD_SIZE",
                "2",
                "JGRAD_MASTER_ADDR",
                "h",
                "JGRAD_MASTER_PORT",
                "70000"
            },
            {
                "JGRAD_DIST_TIMEOUT_S",
                "JGRAD_RANK",
                "1",
                "JGRAD_WORLD_SIZE",
                "2",
                "JGRAD_MASTER_ADDR",
                "h",
                "JGRAD_MASTER_PORT",
                "80",
                "JGRAD_DIST_TIMEOUT_S",
                "0"
            },
        };
        for (String[] c : cases) {
            String[] pairs = java.util.Arrays.copyOfRange(c, 1, c.length);
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> Rendezvous.fromEnvironment(env(pairs)));
            assertTrue(e.getMessage().startsWith(c[0]), "expected " + c[0] + " named: " + e.getMessage());
        }
    }

    @Test
    void aWorldOfOneNeedsNoMaster() throws Exception {
        try (Communicator c = Rendezvous.fromEnvironment(env("JGRAD_RANK", "0", "JGRAD_WORLD_SIZE", "1"))
                .connect()) {
            float[] v = {1, 2};
            c.allReduce(v, Communicator.Reduction.MEAN);
            assertEquals(1, c.worldSize());
            assertEquals(2f, v[1]);
        }
    }
}
