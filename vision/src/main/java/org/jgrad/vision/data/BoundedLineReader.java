package org.jgrad.vision.data;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * A reader that fails once a line grows past a limit, so that a file without newlines (or one
 * giant field) ends with a clear error instead of the CSV parser buffering it all in memory.
 */
final class BoundedLineReader extends FilterReader {
    /** Thrown when a line is longer than the limit; carries the 1-based line number. */
    static final class LineTooLongException extends IOException {
        final long line;

        LineTooLongException(long line, int limit) {
            super("line " + line + " is longer than " + limit + " characters");
            this.line = line;
        }
    }

    private final int maxLineChars;
    private long line = 1;
    private int lineChars;

    BoundedLineReader(Reader in, int maxLineChars) {
        super(in);
        this.maxLineChars = maxLineChars;
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
            count((char) c);
        }
        return c;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        for (int i = 0; i < n; i++) {
            count(buffer[offset + i]);
        }
        return n;
    }

    private void count(char c) throws LineTooLongException {
        if (c == '\n') {
            line++;
            lineChars = 0;
        } else if (++lineChars > maxLineChars) {
            throw new LineTooLongException(line, maxLineChars);
        }
    }
}
