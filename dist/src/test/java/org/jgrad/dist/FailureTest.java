package org.jgrad.dist;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A peer that dies, hangs or makes another call makes the others fail within the timeout, with ranks named. */
class FailureTest {
    @Test
    void deadPeerFailsTheOthersQuickly() throws Exception {
        List<Communicator> ring = Ranks.tcpRing(3, 20_000);
        long start = System.nanoTime();
        try {
            CommunicationException e = assertThrows(
                    CommunicationException.class,
                    () -> Ranks.run(ring, c -> {
                        if (c.rank() == 2) {
                            c.close(); // as if the process exited: its sockets close
                            return null;
                        }
                        c.allReduce(new float[1000], Communicator.Reduction.SUM);
                        return null;
                    }));
            assertTrue(e.getMessage().matches(".*rank \\d.*"), e.getMessage());
            // A closed socket is seen at once: far below the 20 s timeout.
            assertTrue((System.nanoTime() - start) / 1e9 < 10, "took " + (System.nanoTime() - start) / 1e9 + " s");
        } finally {
            Ranks.closeAll(ring);
        }
    }

    @Test
    void hangingPeerTimesOut() throws Exception {
        List<Communicator> ring = Ranks.tcpRing(2, 1_000);
        long start = System.nanoTime();
        try {
            CommunicationException e = assertThrows(
                    CommunicationException.class,
                    () -> Ranks.run(ring, c -> {
                        if (c.rank() == 1) {
                            Thread.sleep(4_000); // alive, but never joins the all-reduce
                            return null;
                        }
                        c.allReduce(new float[10], Communicator.Reduction.SUM);
                        return null;
                    }));
            assertTrue(e.getMessage().contains("rank 1") && e.getMessage().contains("1000 ms"), e.getMessage());
            assertTrue((System.nanoTime() - start) / 1e9 < 4, "took " + (System.nanoTime() - start) / 1e9 + " s");
        } finally {
            Ranks.closeAll(ring);
        }
    }

    @Test
    void mismatchedLengthsAreNamed() throws Exception {
        List<Communicator> ring = Ranks.tcpRing(2, 5_000);
        try {
            CommunicationException e = assertThrows(
                    CommunicationException.class,
                    () -> Ranks.run(ring, c -> {
                        c.allReduce(new float[c.rank() == 0 ? 10 : 12], Communicator.Reduction.SUM);
                        return null;
                    }));
            assertTrue(e.getMessage().contains("10") && e.getMessage().contains("12"), e.getMessage());
        } finally {
            Ranks.closeAll(ring);
        }
    }

    @Test
    void localGroupTimesOutToo() {
        List<Communicator> group = LocalCommunicator.group(2, 300);
        CommunicationException e = assertThrows(
                CommunicationException.class,
                () -> Ranks.run(group, c -> {
                    if (c.rank() == 0) c.allReduce(new float[3], Communicator.Reduction.SUM);
                    return null;
                }));
        assertTrue(e.getMessage().contains("timed out after 300 ms"), e.getMessage());
    }

    @Test
    void nobodyListeningFailsAtRendezvous() {
        int port = Ranks.freePort();
        CommunicationException e = assertThrows(
                CommunicationException.class, () -> new Rendezvous(1, 2, "127.0.0.1", port, 500).connect());
        assertTrue(e.getMessage().contains("rank 0"), e.getMessage());
    }
}
