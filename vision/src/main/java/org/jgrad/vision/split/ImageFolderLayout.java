package org.jgrad.vision.split;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jgrad.vision.data.Sample;

/**
 * Lays out {@code out/train|validation|test/benign|malignant/<file>} by hard-linking or copying
 * the original images, as the tutorial's folder layout expects. Originals are only read.
 */
final class ImageFolderLayout {
    private ImageFolderLayout() {}

    static void write(SplitResult result, LinkMode mode) {
        for (SplitName split : SplitName.values()) {
            List<Sample> samples = result.splits().get(split);
            for (Sample sample : samples) {
                Path dir = result.outputDir().resolve(split.fileName()).resolve(sample.className());
                Path target = dir.resolve(sample.image().getFileName());
                try {
                    Files.createDirectories(dir);
                    Files.deleteIfExists(target);
                    if (mode == LinkMode.HARDLINK) {
                        Files.createLink(target, sample.image());
                    } else {
                        Files.copy(sample.image(), target);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(
                            "cannot " + (mode == LinkMode.HARDLINK ? "hard-link" : "copy ")
                                    + sample.image() + " to " + target
                                    + (mode == LinkMode.HARDLINK ? " (hard links need the same disk; try copy)" : ""),
                            e);
                }
            }
        }
    }
}
