package org.jgrad.dist;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Ranks joined in a ring of TCP connections: each rank sends only to the next ({@code rank + 1}) and
 * receives only from the previous, so every link carries the same load whatever the world size.
 *
 * <p>All-reduce of N floats over W ranks (the bandwidth-optimal ring of Patarasuk and Yuan, as in
 * NCCL and Horovod): the buffer is cut into W segments. Reduce-scatter, W − 1 steps: in step s a
 * rank sends segment (rank − s) mod W and adds the segment (rank − s − 1) mod W it receives; after
 * them rank r holds the full sum of segment (r + 1) mod W. All-gather, W − 1 more steps, passes the
 * finished segments around. Each rank sends 2(W − 1)/W · N floats in all. Sending runs on a thread
 * of its own while the caller receives, so two neighbours writing to each other never block on full
 * socket buffers.
 *
 * <p>Every collective first exchanges a small header (operation, length), so ranks that make
 * different calls fail with both lengths named instead of mixing up data. A read waits at most the
 * timeout; a peer that exits closes its sockets, which its neighbour sees at once.
 */
public final class TcpRingCommunicator implements Communicator {
    /** Floats per socket write: large enough to amortise the system call, small enough to stay in cache. */
    static final int CHUNK_FLOATS = 64 * 1024;

    private static final int ALL_REDUCE = 1, BROADCAST = 2;

    private final int rank;
    private final int worldSize;
    private final Socket toNext;
    private final Socket fromPrevious;
    private final OutputStream out;
    private final InputStream in;
    private final long timeoutMillis;
    private final ExecutorService sender;
    private final byte[] sendBytes = new byte[CHUNK_FLOATS * 4];
    private final byte[] receiveBytes = new byte[CHUNK_FLOATS * 4];
    private final float[] received = new float[CHUNK_FLOATS];
    private volatile boolean broken;

    /** Wraps the two connected sockets of this rank: to rank + 1 and from rank − 1 (mod worldSize). */
    public TcpRingCommunicator(int rank, int worldSize, Socket toNext, Socket fromPrevious, long timeoutMillis)
            throws IOException {
        this.rank = rank;
        this.worldSize = worldSize;
        this.toNext = toNext;
        this.fromPrevious = fromPrevious;
        this.timeoutMillis = timeoutMillis;
        toNext.setTcpNoDelay(true);
        fromPrevious.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMillis));
        this.out = toNext.getOutputStream();
        this.in = fromPrevious.getInputStream();
        this.sender = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "jgrad-ring-send-" + rank);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public int rank() {
        return rank;
    }

    @Override
    public int worldSize() {
        return worldSize;
    }

    private int next() {
        return (rank + 1) % worldSize;
    }

    private int previous() {
        return (rank - 1 + worldSize) % worldSize;
    }

    @Override
    public void allReduce(float[] data, int offset, int length, Reduction reduction) {
        if (worldSize == 1) return;
        guard("all-reduce", () -> {
            exchangeHeader(ALL_REDUCE, length, "all-reduce");
            for (int s = 0; s < worldSize - 1; s++) { // reduce-scatter
                step(
                        data,
                        offset,
                        length,
                        Math.floorMod(rank - s, worldSize),
                        Math.floorMod(rank - s - 1, worldSize),
                        true);
            }
            int owned = Math.floorMod(rank + 1, worldSize);
            if (reduction == Reduction.MEAN) {
                int from = offset + Communicator.segmentStart(length, worldSize, owned);
                int to = offset + Communicator.segmentStart(length, worldSize, owned + 1);
                for (int i = from; i < to; i++) data[i] /= worldSize;
            }
            for (int s = 0; s < worldSize - 1; s++) { // all-gather
                step(
                        data,
                        offset,
                        length,
                        Math.floorMod(owned - s, worldSize),
                        Math.floorMod(owned - s - 1, worldSize),
                        false);
            }
        });
    }

    @Override
    public void broadcast(float[] data, int offset, int length, int root) {
        if (root < 0 || root >= worldSize)
            throw new IllegalArgumentException("broadcast root " + root + " is not a rank of 0.." + (worldSize - 1));
        if (worldSize == 1) return;
        guard("broadcast", () -> {
            exchangeHeader(BROADCAST, length, "broadcast");
            // Down the ring from the root, chunk by chunk, each rank forwarding as it receives (a pipeline).
            List<Future<?>> sends = new ArrayList<>();
            for (int from = 0; from < length; from += CHUNK_FLOATS) {
                int n = Math.min(CHUNK_FLOATS, length - from);
                if (rank != root) receive(data, offset + from, n, false);
                if (next() != root) {
                    int at = offset + from;
                    sends.add(sender.submit(() -> {
                        send(data, at, n);
                        return null;
                    }));
                }
            }
            for (Future<?> f : sends) await(f);
        });
    }

    @Override
    public void barrier() {
        allReduce(new float[1], Reduction.SUM);
    }

    /** Sends one segment to the next rank while receiving another from the previous one (added, or copied). */
    private void step(float[] data, int offset, int length, int sendSegment, int receiveSegment, boolean add)
            throws Exception {
        int sendFrom = Communicator.segmentStart(length, worldSize, sendSegment);
        int sendTo = Communicator.segmentStart(length, worldSize, sendSegment + 1);
        Future<?> sending = sender.submit(() -> {
            send(data, offset + sendFrom, sendTo - sendFrom);
            return null;
        });
        int from = Communicator.segmentStart(length, worldSize, receiveSegment);
        int to = Communicator.segmentStart(length, worldSize, receiveSegment + 1);
        receive(data, offset + from, to - from, add);
        await(sending);
    }

    private void exchangeHeader(int operation, int length, String what) throws Exception {
        Future<?> sending = sender.submit(() -> {
            ByteBuffer.wrap(sendBytes, 0, 8)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .putInt(operation)
                    .putInt(length);
            out.write(sendBytes, 0, 8);
            out.flush();
            return null;
        });
        readFully(receiveBytes, 8);
        ByteBuffer header = ByteBuffer.wrap(receiveBytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN);
        int theirOperation = header.getInt(), theirLength = header.getInt();
        await(sending);
        if (theirOperation != operation || theirLength != length) {
            throw new CommunicationException(
                    "rank " + rank + " called " + what + " of " + length + " floats, but rank " + previous()
                            + " called "
                            + (theirOperation == ALL_REDUCE
                                    ? "all-reduce"
                                    : theirOperation == BROADCAST ? "broadcast" : "operation " + theirOperation)
                            + " of " + theirLength + " floats (every rank must make the same calls)");
        }
    }

    /** Runs on the sender thread only (it owns sendBytes). */
    private void send(float[] data, int from, int count) throws IOException {
        for (int done = 0; done < count; done += CHUNK_FLOATS) {
            int n = Math.min(CHUNK_FLOATS, count - done);
            ByteBuffer.wrap(sendBytes, 0, n * 4)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .asFloatBuffer()
                    .put(data, from + done, n);
            out.write(sendBytes, 0, n * 4);
        }
        out.flush();
    }

    private void receive(float[] data, int from, int count, boolean add) throws IOException {
        for (int done = 0; done < count; done += CHUNK_FLOATS) {
            int n = Math.min(CHUNK_FLOATS, count - done);
            readFully(receiveBytes, n * 4);
            var floats = ByteBuffer.wrap(receiveBytes, 0, n * 4)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .asFloatBuffer();
            if (add) {
                floats.get(received, 0, n);
                int at = from + done;
                for (int i = 0; i < n; i++) data[at + i] += received[i];
            } else {
                floats.get(data, from + done, n);
            }
        }
    }

    private void readFully(byte[] buffer, int count) throws IOException {
        for (int done = 0; done < count; ) {
            int n = in.read(buffer, done, count - done);
            if (n < 0) {
                throw new CommunicationException("rank " + rank + ": rank " + previous() + " closed its connection"
                        + " (it failed, exited or gave up; see its own output)");
            }
            done += n;
        }
    }

    private void await(Future<?> sending) throws Exception {
        try {
            sending.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new CommunicationException(
                    "rank " + rank + ": rank " + next() + " took no data for " + timeoutMillis
                            + " ms (it hangs or is stuck elsewhere)",
                    e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new CommunicationException(
                    "rank " + rank + ": sending to rank " + next() + " failed (" + cause.getMessage()
                            + "); it probably exited",
                    cause);
        }
    }

    private interface Body {
        void run() throws Exception;
    }

    /** Runs one collective; any failure closes both sockets, so the neighbours fail at once too rather than at their timeout. */
    private void guard(String what, Body body) {
        if (broken)
            throw new CommunicationException(
                    "rank " + rank + ": the ring is broken by an earlier failure; " + what + " refused");
        try {
            body.run();
        } catch (CommunicationException e) {
            breakRing();
            throw e;
        } catch (SocketTimeoutException e) {
            breakRing();
            throw new CommunicationException(
                    "rank " + rank + ": no data from rank " + previous() + " for " + timeoutMillis + " ms during "
                            + what + " (it hangs, or is stuck elsewhere)",
                    e);
        } catch (Exception e) {
            breakRing();
            throw new CommunicationException("rank " + rank + ": " + what + " failed: " + e, e);
        }
    }

    private void breakRing() {
        broken = true;
        close();
    }

    @Override
    public void close() {
        sender.shutdownNow();
        closeQuietly(toNext);
        closeQuietly(fromPrevious);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing is best effort: the peer sees the connection end either way
        }
    }
}
