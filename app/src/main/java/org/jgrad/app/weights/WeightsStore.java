package org.jgrad.app.weights;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The folder of downloaded weights ({@code ~/.cache/jgrad/weights} unless told otherwise). A file
 * is used only once its SHA-256 matches the published one: a download goes to a temporary file
 * in the same folder and is moved to its name (atomically) only after the check, so a dropped
 * connection, a damaged or a wrong file never becomes the weights; a file put there by hand is
 * checked the same way. Without network the error says where to download the file by hand and
 * where to put it.
 */
public final class WeightsStore {
    /** The environment variable that moves the weights folder. */
    public static final String FOLDER_VARIABLE = "JGRAD_WEIGHTS";

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
    /** How long the server may send nothing before the download is given up. */
    private static final Duration STALL_TIMEOUT = Duration.ofSeconds(60);

    private static final String PART_SUFFIX = ".part";

    private final Path folder;
    private final HttpClient client;
    private final PrintStream out;
    private final Duration stallTimeout;

    public WeightsStore(Path folder, PrintStream out) {
        this(
                folder,
                HttpClient.newBuilder()
                        .connectTimeout(CONNECT_TIMEOUT)
                        .followRedirects(HttpClient.Redirect.NORMAL)
                        .build(),
                out,
                STALL_TIMEOUT);
    }

    WeightsStore(Path folder, HttpClient client, PrintStream out, Duration stallTimeout) {
        this.folder = folder;
        this.client = client;
        this.out = out;
        this.stallTimeout = stallTimeout;
    }

    /** {@code given} if not null, else $JGRAD_WEIGHTS if set, else ~/.cache/jgrad/weights. */
    public static Path folder(Path given) {
        if (given != null) return given;
        String variable = System.getenv(FOLDER_VARIABLE);
        if (variable != null && !variable.isBlank()) return Path.of(variable);
        return Path.of(System.getProperty("user.home"), ".cache", "jgrad", "weights");
    }

    /** Where {@code source} lives in this folder (whether or not it is there yet). */
    public Path pathOf(WeightsSource source) {
        return folder.resolve(source.fileName());
    }

    /** The verified file of {@code source}: the one in the folder, or else downloaded now. */
    public Path fetch(WeightsSource source) throws IOException {
        Path target = pathOf(source);
        if (Files.isRegularFile(target)) {
            String actual = sha256(target);
            if (!actual.equals(source.sha256())) {
                throw new IOException(target + " is not the published " + source.name() + " file (SHA-256 " + actual
                        + ", expected " + source.sha256()
                        + "): delete it and run again to download it, or replace it by the file from " + source.url());
            }
            out.println("pretrained weights: " + target + " (" + source.name() + ", SHA-256 verified)");
            return target;
        }
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new IOException("cannot create the weights folder " + folder + ": " + e.getMessage()
                    + " (choose another with --weights-dir)");
        }
        removeStaleParts(source);
        download(source, target);
        return target;
    }

    private void download(WeightsSource source, Path target) throws IOException {
        out.println("pretrained weights: downloading " + source.name() + " (" + mebibytes(source.size()) + ") from "
                + source.url());
        Path part = Files.createTempFile(folder, source.fileName() + ".", PART_SUFFIX);
        try {
            String actual = receive(source, target, part);
            if (!actual.equals(source.sha256())) {
                throw new IOException(
                        "the file downloaded from " + source.url() + " is not the published " + source.name()
                                + " file (SHA-256 " + actual + ", expected " + source.sha256()
                                + "); it was not kept: try again, or "
                                + byHand(source, target));
            }
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
            out.println("pretrained weights: " + target + " (SHA-256 " + actual + " verified)");
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /** Streams the body into {@code part}, checking its size as it comes; returns its SHA-256. */
    private String receive(WeightsSource source, Path target, Path part) throws IOException {
        HttpResponse<InputStream> response;
        try {
            response = client.send(
                    HttpRequest.newBuilder(source.url())
                            .timeout(stallTimeout)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new IOException("cannot download " + source.name() + " from " + source.url() + " (" + reason(e)
                    + "); " + byHand(source, target));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("download of " + source.name() + " interrupted");
        }
        MessageDigest digest = newDigest();
        AtomicLong lastProgress = new AtomicLong(System.nanoTime());
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "weights-download-watchdog");
            t.setDaemon(true);
            return t;
        });
        long received = 0;
        try (InputStream body = response.body();
                FileChannel file =
                        FileChannel.open(part, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                DownloadProgress progress = DownloadProgress.start(source.fileName(), source.size(), out)) {
            if (response.statusCode() != 200) {
                throw new Refused("cannot download " + source.name() + " from " + source.url() + " (HTTP "
                        + response.statusCode() + "); " + byHand(source, target));
            }
            OptionalLong announced = response.headers().firstValueAsLong("Content-Length");
            if (announced.isPresent() && announced.getAsLong() != source.size()) {
                throw new Refused("the server at " + source.url() + " offers " + announced.getAsLong() + " bytes, but "
                        + source.name() + " has " + source.size() + "; not downloaded: " + byHand(source, target));
            }
            // A server that stops sending without closing would block read() for ever: close the body after a long
            // silence.
            long stallNanos = stallTimeout.toNanos();
            watchdog.scheduleWithFixedDelay(
                    () -> {
                        if (System.nanoTime() - lastProgress.get() > stallNanos) closeQuietly(body);
                    },
                    1,
                    1,
                    TimeUnit.SECONDS);
            byte[] chunk = new byte[1 << 16];
            for (int n; (n = body.read(chunk)) >= 0; ) {
                lastProgress.set(System.nanoTime());
                received += n;
                if (received > source.size()) {
                    throw new Refused("the server at " + source.url() + " sent more than the " + source.size()
                            + " bytes of " + source.name() + "; not kept: " + byHand(source, target));
                }
                digest.update(chunk, 0, n);
                ByteBuffer buffer = ByteBuffer.wrap(chunk, 0, n);
                while (buffer.hasRemaining()) file.write(buffer);
                progress.step(n);
            }
            file.force(true);
        } catch (Refused e) {
            throw e;
        } catch (IOException e) {
            throw new IOException("download of " + source.name() + " from " + source.url() + " broke off after "
                    + received + " of " + source.size() + " bytes (" + reason(e) + "); nothing was kept: run again, or "
                    + byHand(source, target));
        } finally {
            watchdog.shutdownNow();
        }
        if (received != source.size()) {
            throw new IOException("download of " + source.name() + " from " + source.url() + " ended after " + received
                    + " of " + source.size() + " bytes; nothing was kept: run again, or " + byHand(source, target));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** A download stopped on purpose, with its full explanation. */
    private static final class Refused extends IOException {
        Refused(String message) {
            super(message);
        }
    }

    /** The advice for a machine without access: which file to fetch and where it goes. */
    private static String byHand(WeightsSource source, Path target) {
        return "download " + source.url() + " by hand and save it as " + target.toAbsolutePath()
                + " (it is checked against SHA-256 " + source.sha256()
                + "), or start from a file of your own with --init-from FILE";
    }

    /** Leftovers of a download that was killed (older than an hour, so as not to disturb one running beside us). */
    private void removeStaleParts(WeightsSource source) throws IOException {
        FileTime hourAgo = FileTime.from(Instant.now().minus(Duration.ofHours(1)));
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(folder, source.fileName() + ".*" + PART_SUFFIX)) {
            for (Path p : parts) {
                if (Files.getLastModifiedTime(p).compareTo(hourAgo) < 0) Files.deleteIfExists(p);
            }
        }
    }

    /** SHA-256 of a file, as 64 lower-case hex digits. */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest = newDigest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] chunk = new byte[1 << 16];
            for (int n; (n = in.read(chunk)) >= 0; ) digest.update(chunk, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** SHA-256 of bytes in memory, as 64 lower-case hex digits. */
    public static String sha256Of(byte[] bytes) {
        return HexFormat.of().formatHex(newDigest().digest(bytes));
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }

    /** A short reason: the exception's message when it has one (HttpClient's ConnectException often has none). */
    private static String reason(IOException e) {
        if (e instanceof java.net.ConnectException
                || e.getCause() instanceof java.nio.channels.UnresolvedAddressException) {
            return "no connection: offline, host unknown or refused";
        }
        String name = e.getClass().getSimpleName();
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            Throwable cause = e.getCause();
            message = cause != null && cause.getMessage() != null ? cause.getMessage() : null;
        }
        return message == null
                ? name
                : name + ": " + message.lines().findFirst().orElse(message);
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the reading thread reports the broken download
        }
    }

    private static String mebibytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
