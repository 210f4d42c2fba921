package org.jgrad.vision.data;

import java.nio.file.Path;

/**
 * A problem with the user's data: a malformed CSV row, a missing or undecodable image, an empty
 * dataset, a split without one of the classes. The message names the file and, where there is
 * one, the line, e.g. {@code labels.csv, line 7: expected 10 fields but found 9}.
 */
public class BadInputException extends RuntimeException {
    private final transient BadItem item;

    public BadInputException(BadItem item) {
        super(item.toString());
        this.item = item;
    }

    public BadInputException(BadItem item, Throwable cause) {
        super(item.toString(), cause);
        this.item = item;
    }

    public BadInputException(Path file, long line, String reason) {
        this(new BadItem(file, line, reason));
    }

    /** The offending file, line and reason. */
    public BadItem item() {
        return item;
    }
}
