package org.jgrad.vision.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * How a data folder is walked and what of it may be read. A data folder is input the user may
 * not control (a download, a shared drive), so: symbolic links are followed (a linked data folder
 * or {@code images/} folder is common) but a link loop is skipped, only regular files are listed
 * (a FIFO named {@code notes.csv} would block its reader forever), and a path read from a file
 * must resolve inside the data folder.
 */
public final class DataFiles {
    private DataFiles() {}

    /** The regular files under {@code root}, at most {@code maxDepth} levels down, links followed, sorted. */
    public static List<Path> regularFiles(Path root, int maxDepth) {
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), maxDepth, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile()) {
                        found.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof FileSystemLoopException || !file.equals(root)) {
                        return FileVisitResult.CONTINUE; // a link loop, a dangling link, an unreadable entry: not data
                    }
                    throw e;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
        }
        found.sort(null);
        return found;
    }

    /**
     * True when {@code file} (links resolved) lies inside {@code root} (links resolved). A file
     * that does not exist is judged by its normalised absolute path.
     */
    public static boolean isInside(Path root, Path file) {
        return real(file).startsWith(real(root));
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
