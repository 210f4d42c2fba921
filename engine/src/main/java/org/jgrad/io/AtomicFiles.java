package org.jgrad.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writing a file so that a crash or a kill never leaves it half-written: the bytes go to a
 * temporary file in the same folder, are forced to disk (fsync), and the temporary file is then
 * renamed over the target in one step. A reader sees the old file or the new one, never a mix.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /**
     * Writes the parts one after another into {@code file}, atomically; creates the folder if needed.
     *
     * @param file the target, replaced if it exists
     * @param parts the bytes from each buffer's position to its limit (the buffers are consumed)
     * @throws IOException if the folder, the temporary file or the move fails; the target is then
     *     unchanged
     */
    public static void write(Path file, ByteBuffer... parts) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
        try {
            try (FileChannel ch =
                    FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                for (ByteBuffer b : parts) while (b.hasRemaining()) ch.write(b);
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Writes {@code bytes} into {@code file}, atomically; creates the folder if needed.
     *
     * @param file the target, replaced if it exists
     * @param bytes the whole content
     * @throws IOException if the folder, the temporary file or the move fails; the target is then
     *     unchanged
     */
    public static void write(Path file, byte[] bytes) throws IOException {
        write(file, ByteBuffer.wrap(bytes));
    }
}
