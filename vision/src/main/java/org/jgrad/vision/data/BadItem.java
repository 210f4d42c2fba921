package org.jgrad.vision.data;

import java.nio.file.Path;

/**
 * One bad input item: the file it is in (a CSV, an image or a folder), the 1-based line of that
 * file (0 when no line applies) and what is wrong.
 */
public record BadItem(Path file, long line, String reason) {
    @Override
    public String toString() {
        return line > 0 ? file + ", line " + line + ": " + reason : file + ": " + reason;
    }
}
