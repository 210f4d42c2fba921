package org.jgrad.vision.data;

import java.util.ArrayList;
import java.util.List;

/**
 * The policy for bad input: by default the first bad item stops everything with a
 * {@link BadInputException}; with {@code skipBad} each bad item is recorded and skipped, and the
 * list is shown to the user at the end. Thread-safe.
 */
public final class BadItemLog {
    private final boolean skipBad;
    private final List<BadItem> skipped = new ArrayList<>();

    public BadItemLog(boolean skipBad) {
        this.skipBad = skipBad;
    }

    public boolean skipBad() {
        return skipBad;
    }

    /** Throws for {@code item}, or records it when skipping bad items. */
    public synchronized void report(BadItem item) {
        if (!skipBad) {
            throw new BadInputException(item);
        }
        skipped.add(item);
    }

    /** The items skipped so far, in the order they were reported. */
    public synchronized List<BadItem> skipped() {
        return List.copyOf(skipped);
    }

    /** A short report: "skipped N bad items:" followed by one line each; empty when none. */
    public synchronized String summary() {
        if (skipped.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder("skipped " + skipped.size() + " bad item(s):");
        for (BadItem item : skipped) {
            text.append(System.lineSeparator()).append("  ").append(item);
        }
        return text.toString();
    }
}
