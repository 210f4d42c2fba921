package org.jgrad.app.weights;

import static org.junit.jupiter.api.Assertions.*;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jgrad.io.SafeTensors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The download of pretrained weights against a local HTTP server on 127.0.0.1 that serves a
 * generated safetensors file in torchvision's naming: a good download, a damaged file, a
 * connection dropped or stalled mid-body, wrong sizes, no server at all, and files put in the
 * folder by hand. Whatever goes wrong, nothing is left under the file's name.
 */
class WeightsStoreTest {
    @TempDir
    Path folder;

    private HttpServer server;
    private byte[] file;
    private WeightsSource source;
    private final AtomicInteger requests = new AtomicInteger();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @BeforeEach
    void serve() throws IOException {
        Path generated = Files.createTempFile("torchvision-named", ".safetensors");
        SafeTensors.write(
                generated,
                Map.of(
                        "conv1.weight", new SafeTensors.Entry(new int[] {4, 3, 3, 3}, ramp(108), "F32"),
                        "bn1.running_mean", new SafeTensors.Entry(new int[] {4}, ramp(4), "F32"),
                        "fc.weight", new SafeTensors.Entry(new int[] {10, 4}, ramp(40), "F32")),
                Map.of("format", "pt"));
        file = Files.readAllBytes(generated);
        Files.delete(generated);

        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/good", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, file.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(file);
            }
        });
        server.createContext("/corrupt", exchange -> {
            byte[] damaged = file.clone();
            damaged[damaged.length - 3] ^= 0x40; // one bit of one tensor value
            exchange.sendResponseHeaders(200, damaged.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(damaged);
            }
        });
        server.createContext("/drop", exchange -> {
            exchange.sendResponseHeaders(200, file.length);
            OutputStream body = exchange.getResponseBody();
            body.write(file, 0, file.length / 2);
            body.flush();
            exchange.close(); // fewer bytes than announced: the server drops the connection
        });
        server.createContext("/stall", exchange -> {
            exchange.sendResponseHeaders(200, file.length);
            OutputStream body = exchange.getResponseBody();
            body.write(file, 0, file.length / 2);
            body.flush();
            try {
                Thread.sleep(20_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.createContext("/longer", exchange -> {
            byte[] longer = java.util.Arrays.copyOf(file, file.length + 100);
            exchange.sendResponseHeaders(200, 0); // chunked: no length announced
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(longer);
            }
        });
        server.createContext("/missing", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "test-http");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        source = new WeightsSource(
                "test/resnet-tiny", url("/good"), "tiny.safetensors", WeightsStore.sha256Of(file), file.length);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private WeightsStore store() {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return new WeightsStore(folder, client, new PrintStream(printed, true), Duration.ofSeconds(2));
    }

    private static float[] ramp(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = 0.01f * i - 0.3f;
        return v;
    }

    /** Everything in the weights folder: after a failure, nothing at all. */
    private List<Path> folderContents() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }

    @Test
    void aGoodDownloadIsVerifiedMovedIntoPlaceAndReused() throws IOException {
        Path fetched = store().fetch(source);
        assertEquals(folder.resolve("tiny.safetensors"), fetched);
        assertArrayEquals(file, Files.readAllBytes(fetched));
        assertEquals(List.of(fetched), folderContents(), "no temporary file left beside it");
        assertEquals(
                108, SafeTensors.read(fetched).tensors().get("conv1.weight").values().length);
        assertTrue(printed.toString().contains("SHA-256 " + source.sha256() + " verified"), printed.toString());

        Path again = store().fetch(source);
        assertEquals(fetched, again);
        assertEquals(1, requests.get(), "the second fetch uses the verified file, without network");
    }

    @Test
    void aDamagedFileIsRefusedAndNothingIsKept() throws IOException {
        IOException e = assertThrows(IOException.class, () -> store().fetch(source.from(url("/corrupt"))));
        assertTrue(e.getMessage().contains("is not the published test/resnet-tiny file"), e.getMessage());
        assertTrue(e.getMessage().contains("expected " + source.sha256()), e.getMessage());
        assertEquals(List.of(), folderContents());
    }

    @Test
    void aDroppedConnectionLeavesNothingBehind() throws IOException {
        IOException e = assertThrows(IOException.class, () -> store().fetch(source.from(url("/drop"))));
        assertTrue(e.getMessage().contains("broke off after"), e.getMessage());
        assertTrue(e.getMessage().contains("nothing was kept"), e.getMessage());
        assertEquals(List.of(), folderContents());
        // and the next run, with the server back, downloads it properly
        assertArrayEquals(file, Files.readAllBytes(store().fetch(source)));
    }

    @Test
    void aStalledServerIsGivenUp() throws IOException {
        long start = System.nanoTime();
        IOException e = assertThrows(IOException.class, () -> store().fetch(source.from(url("/stall"))));
        assertTrue((System.nanoTime() - start) / 1e9 < 15, "the 2 s stall limit ended it, not the server");
        assertTrue(e.getMessage().contains("broke off after"), e.getMessage());
        assertEquals(List.of(), folderContents());
    }

    @Test
    void moreBytesThanTheFileHasAreRefused() throws IOException {
        IOException e = assertThrows(IOException.class, () -> store().fetch(source.from(url("/longer"))));
        assertTrue(e.getMessage().contains("sent more than the " + file.length + " bytes"), e.getMessage());
        assertEquals(List.of(), folderContents());
    }

    @Test
    void anHttpErrorSaysWhereToPutTheFile() throws IOException {
        IOException e = assertThrows(IOException.class, () -> store().fetch(source.from(url("/missing"))));
        assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
        assertTrue(
                e.getMessage()
                        .contains("save it as "
                                + folder.resolve("tiny.safetensors").toAbsolutePath()),
                e.getMessage());
        assertEquals(List.of(), folderContents());
    }

    @Test
    void offlineItFailsWithOneLineGivingTheUrlAndTheFileToPlace() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + closedPort + "/model.safetensors");
        IOException e = assertThrows(IOException.class, () -> store().fetch(source.from(nowhere)));
        String message = e.getMessage();
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.startsWith("cannot download test/resnet-tiny from " + nowhere), message);
        assertTrue(
                message.contains("download " + nowhere + " by hand and save it as "
                        + folder.resolve("tiny.safetensors").toAbsolutePath()),
                message);
        assertTrue(message.contains("--init-from"), message);
        assertEquals(List.of(), folderContents());
    }

    @Test
    void aFilePutThereByHandIsVerifiedAndUsedWithoutNetwork() throws IOException {
        Files.write(folder.resolve("tiny.safetensors"), file);
        URI nowhere = URI.create("http://127.0.0.1:1/never-asked");
        assertEquals(folder.resolve("tiny.safetensors"), store().fetch(source.from(nowhere)));
        assertEquals(0, requests.get());
        assertTrue(printed.toString().contains("SHA-256 verified"), printed.toString());
    }

    @Test
    void aWrongFilePutThereByHandIsRefusedButNotDeleted() throws IOException {
        byte[] other = file.clone();
        other[10] ^= 1;
        Path placed = folder.resolve("tiny.safetensors");
        Files.write(placed, other);
        IOException e = assertThrows(IOException.class, () -> store().fetch(source));
        assertTrue(e.getMessage().startsWith(placed + " is not the published test/resnet-tiny file"), e.getMessage());
        assertTrue(e.getMessage().contains("delete it and run again"), e.getMessage());
        assertArrayEquals(other, Files.readAllBytes(placed), "the user's file is theirs to remove");
        assertEquals(0, requests.get());
    }

    @Test
    void thePinnedResNet18SourceIsWellFormed() {
        WeightsSource r = WeightsSource.RESNET18_IMAGENET;
        assertEquals("huggingface.co", r.url().getHost());
        assertTrue(
                r.url().getPath().startsWith("/timm/resnet18.tv_in1k/resolve/"),
                r.url().toString());
        assertTrue(r.url().getPath().endsWith("/model.safetensors"), r.url().toString());
        assertEquals(46_807_446L, r.size());
        assertThrows(IllegalArgumentException.class, () -> r.from(URI.create("ftp://mirror/model.safetensors")));
    }
}
