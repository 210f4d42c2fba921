package org.jgrad.dist;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Map;

/**
 * How the ranks of a job find each other, as torchrun does: every process is started with the same
 * {@code JGRAD_WORLD_SIZE}, {@code JGRAD_MASTER_ADDR} and {@code JGRAD_MASTER_PORT} and its own
 * {@code JGRAD_RANK}. Rank 0 listens on the master address; every other rank connects to it and
 * tells it where its own ring port listens; rank 0 answers each with the address of its next rank.
 * Then each rank connects to its next rank and accepts the connection of its previous one, and the
 * master connections are closed: from then on a rank talks only to its two ring neighbours.
 *
 * @param rank          this process, 0 .. worldSize − 1
 * @param worldSize     processes in the job
 * @param masterAddress host name or address where rank 0 listens
 * @param masterPort    the port rank 0 listens on
 * @param timeoutMillis longest wait for a peer, at rendezvous and in every collective
 */
public record Rendezvous(int rank, int worldSize, String masterAddress, int masterPort, long timeoutMillis) {
    public static final String RANK = "JGRAD_RANK",
            WORLD_SIZE = "JGRAD_WORLD_SIZE",
            MASTER_ADDR = "JGRAD_MASTER_ADDR",
            MASTER_PORT = "JGRAD_MASTER_PORT",
            TIMEOUT = "JGRAD_DIST_TIMEOUT_S";
    /** Generous: rank 0 alone writes checkpoints and the report, and the others wait for it at the next step. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 600;

    public static final int MAX_WORLD_SIZE = 1024;
    private static final int HELLO = 0x6a677264; // "jgrd": a stray connection is refused rather than misread

    public Rendezvous {
        if (worldSize < 1 || worldSize > MAX_WORLD_SIZE)
            throw new IllegalArgumentException("world size must be 1.." + MAX_WORLD_SIZE + ", got " + worldSize);
        if (rank < 0 || rank >= worldSize)
            throw new IllegalArgumentException("rank must be 0.." + (worldSize - 1) + ", got " + rank);
        if (masterPort < 1 || masterPort > 65535)
            throw new IllegalArgumentException("master port must be 1..65535, got " + masterPort);
        if (timeoutMillis < 1)
            throw new IllegalArgumentException("timeout must be positive, got " + timeoutMillis + " ms");
    }

    /** Whether the environment asks for a distributed job (JGRAD_WORLD_SIZE is set). */
    public static boolean requested(Map<String, String> env) {
        return env.containsKey(WORLD_SIZE);
    }

    /** The settings from JGRAD_* variables; each is checked, and a bad one is named with its allowed range. */
    public static Rendezvous fromEnvironment(Map<String, String> env) {
        int worldSize = intVariable(env, WORLD_SIZE, 1, MAX_WORLD_SIZE, null);
        int rank = intVariable(env, RANK, 0, worldSize - 1, null);
        String address = env.get(MASTER_ADDR);
        if (address == null || address.isBlank()) {
            if (worldSize > 1)
                throw new IllegalArgumentException(
                        MASTER_ADDR + " is not set: the host name or address where rank 0 listens");
            address = "127.0.0.1";
        }
        int port = intVariable(env, MASTER_PORT, 1, 65535, worldSize == 1 ? 29500 : null);
        return new Rendezvous(rank, worldSize, address.strip(), port, timeoutMillis(env));
    }

    /** JGRAD_DIST_TIMEOUT_S in milliseconds: 1 s to a day, {@link #DEFAULT_TIMEOUT_SECONDS} when not set. */
    public static long timeoutMillis(Map<String, String> env) {
        return intVariable(env, TIMEOUT, 1, 86_400, DEFAULT_TIMEOUT_SECONDS) * 1000L;
    }

    private static int intVariable(Map<String, String> env, String name, int min, int max, Integer fallback) {
        String text = env.get(name);
        if (text == null || text.isBlank()) {
            if (fallback != null) return fallback;
            throw new IllegalArgumentException(name + " is not set: it must be an integer in " + min + ".." + max);
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value < min || value > max) throw new NumberFormatException();
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + "=" + text + " is not an integer in " + min + ".." + max);
        }
    }

    /** Meets the other ranks and returns this rank's communicator (no sockets at all for a world of one). */
    public Communicator connect() throws IOException {
        if (worldSize == 1) return LocalCommunicator.solo();
        long deadline = System.currentTimeMillis() + timeoutMillis;
        InetAddress master = InetAddress.getByName(masterAddress);
        if (rank == 0) {
            try (ServerSocket listener = new ServerSocket()) {
                listener.bind(new InetSocketAddress(master, masterPort), worldSize);
                try (ServerSocket ring = new ServerSocket(0, 1, master)) {
                    InetSocketAddress[] ringAddresses = new InetSocketAddress[worldSize];
                    ringAddresses[0] = new InetSocketAddress(master, ring.getLocalPort());
                    Socket[] workers = acceptWorkers(listener, ringAddresses, deadline);
                    for (int r = 1; r < worldSize; r++) {
                        DataOutputStream toWorker = new DataOutputStream(workers[r].getOutputStream());
                        InetSocketAddress next = ringAddresses[(r + 1) % worldSize];
                        toWorker.writeUTF(next.getAddress().getHostAddress());
                        toWorker.writeInt(next.getPort());
                        toWorker.flush();
                    }
                    try {
                        return joinRing(ring, ringAddresses[1], deadline);
                    } finally {
                        for (int r = 1; r < worldSize; r++) workers[r].close();
                    }
                }
            }
        }
        try (Socket toMaster =
                connectWithRetry(new InetSocketAddress(master, masterPort), deadline, "rank 0 (the master)")) {
            // The ring port listens on the interface that reaches the master: the one the other ranks can reach too.
            InetAddress local = toMaster.getLocalAddress();
            try (ServerSocket ring = new ServerSocket(0, 1, local)) {
                DataOutputStream toRankZero = new DataOutputStream(toMaster.getOutputStream());
                toRankZero.writeInt(HELLO);
                toRankZero.writeInt(rank);
                toRankZero.writeInt(worldSize);
                toRankZero.writeUTF(local.getHostAddress());
                toRankZero.writeInt(ring.getLocalPort());
                toRankZero.flush();
                toMaster.setSoTimeout(remaining(deadline));
                DataInputStream fromRankZero = new DataInputStream(toMaster.getInputStream());
                InetSocketAddress next;
                try {
                    next = new InetSocketAddress(InetAddress.getByName(fromRankZero.readUTF()), fromRankZero.readInt());
                } catch (SocketTimeoutException e) {
                    throw new CommunicationException(
                            "rank " + rank + ": rank 0 did not hand out the ring within the timeout;" + " are all "
                                    + worldSize + " ranks started?",
                            e);
                } catch (java.io.EOFException e) {
                    throw new CommunicationException(
                            "rank " + rank + ": rank 0 refused or dropped this rank (see rank 0's output)", e);
                }
                return joinRing(ring, next, deadline);
            }
        }
    }

    /** Rank 0 takes one connection from each other rank and learns where its ring port listens. */
    private Socket[] acceptWorkers(ServerSocket listener, InetSocketAddress[] ringAddresses, long deadline)
            throws IOException {
        Socket[] workers = new Socket[worldSize];
        for (int joined = 1; joined < worldSize; ) {
            listener.setSoTimeout(remaining(deadline));
            Socket s;
            try {
                s = listener.accept();
            } catch (SocketTimeoutException e) {
                throw new CommunicationException(
                        "rank 0: only " + (joined - 1) + " of " + (worldSize - 1) + " other ranks joined at "
                                + masterAddress + ":" + masterPort + " within " + timeoutMillis + " ms",
                        e);
            }
            s.setSoTimeout(remaining(deadline));
            DataInputStream in = new DataInputStream(s.getInputStream());
            int hello = in.readInt(), theirRank = in.readInt(), theirWorld = in.readInt();
            String host = in.readUTF();
            int port = in.readInt();
            String problem = hello != HELLO
                    ? "not a jgrad rank"
                    : theirWorld != worldSize
                            ? "it has " + WORLD_SIZE + "=" + theirWorld + ", rank 0 has " + worldSize
                            : theirRank < 1 || theirRank >= worldSize
                                    ? "its rank " + theirRank + " is out of 1.." + (worldSize - 1)
                                    : workers[theirRank] != null ? "rank " + theirRank + " joined twice" : null;
            if (problem != null) {
                s.close();
                throw new CommunicationException(
                        "rank 0: a process at " + s.getRemoteSocketAddress() + " tried to join: " + problem);
            }
            workers[theirRank] = s;
            ringAddresses[theirRank] = new InetSocketAddress(InetAddress.getByName(host), port);
            joined++;
        }
        return workers;
    }

    /** Connects to the next rank and accepts the previous one, each announcing its rank. */
    private Communicator joinRing(ServerSocket ring, InetSocketAddress next, long deadline) throws IOException {
        int nextRank = (rank + 1) % worldSize, previousRank = (rank - 1 + worldSize) % worldSize;
        Socket toNext = connectWithRetry(next, deadline, "rank " + nextRank);
        DataOutputStream hello = new DataOutputStream(toNext.getOutputStream());
        hello.writeInt(HELLO);
        hello.writeInt(rank);
        hello.flush();
        ring.setSoTimeout(remaining(deadline));
        Socket fromPrevious;
        try {
            fromPrevious = ring.accept();
        } catch (SocketTimeoutException e) {
            toNext.close();
            throw new CommunicationException(
                    "rank " + rank + ": rank " + previousRank + " did not connect within the timeout", e);
        }
        fromPrevious.setSoTimeout(remaining(deadline));
        DataInputStream in = new DataInputStream(fromPrevious.getInputStream());
        int theirHello = in.readInt(), theirRank = in.readInt();
        if (theirHello != HELLO || theirRank != previousRank) {
            toNext.close();
            fromPrevious.close();
            throw new CommunicationException("rank " + rank + ": expected rank " + previousRank
                    + " on the ring port, got " + (theirHello != HELLO ? "a stranger" : "rank " + theirRank));
        }
        return new TcpRingCommunicator(rank, worldSize, toNext, fromPrevious, timeoutMillis);
    }

    private Socket connectWithRetry(InetSocketAddress address, long deadline, String who) throws IOException {
        while (true) {
            Socket s = new Socket();
            try {
                s.connect(address, remaining(deadline));
                return s;
            } catch (ConnectException | SocketTimeoutException e) {
                s.close();
                if (System.currentTimeMillis() >= deadline) {
                    throw new CommunicationException(
                            "rank " + rank + ": could not reach " + who + " at " + address + " within " + timeoutMillis
                                    + " ms (" + e.getMessage() + ")",
                            e);
                }
                try {
                    Thread.sleep(50); // the peer is not listening yet: it may still be starting
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new CommunicationException(
                            "rank " + rank + ": interrupted while connecting to " + who, interrupted);
                }
            }
        }
    }

    private static int remaining(long deadline) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, deadline - System.currentTimeMillis()));
    }
}
