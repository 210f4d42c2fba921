package org.jgrad.vision.data;

import java.nio.file.Path;

/**
 * One bad input item: the file it is in (a CSV, an image or a folder), the 1-based line of that
 * file (0 when no line applies) and what is wrong. The reason often quotes the file's own text
 * (a field value), so it is cut to {@link #MAX_REASON_CHARS} characters: one field of megabytes
 * must not make a megabyte error line.
 */
public record BadItem(Path file, long line, String reason) {
    /** The longest reason kept. */
    public static final int MAX_REASON_CHARS = 300;

    public BadItem {
        if (reason != null && reason.length() > MAX_REASON_CHARS) {
            reason = reason.substring(0, MAX_REASON_CHARS - 40) + "... (" + reason.length() + " characters in all)";
        }
    }

    @Override
    public String toString() {
        return line > 0 ? file + ", line " + line + ": " + reason : file + ": " + reason;
    }
}
