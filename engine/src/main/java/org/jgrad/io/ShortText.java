package org.jgrad.io;

/** Untrusted text (a name or value read from a file) cut to one short line before it goes into an error message. */
public final class ShortText {
    /** The most characters of untrusted text an error quotes. */
    public static final int MAX = 80;

    private ShortText() {}

    /**
     * {@code text} on one line, at most {@link #MAX} characters ("..." marks a cut).
     *
     * @param text any text, possibly null or huge
     * @return the text with line breaks and tabs as spaces, cut to {@link #MAX} characters; "null" for
     *     null
     */
    public static String of(String text) {
        if (text == null) return "null";
        String head = text.length() > 4 * MAX ? text.substring(0, 4 * MAX) : text; // never copy a huge string whole
        String oneLine = head.replaceAll("[\\r\\n\\t]", " ");
        return oneLine.length() <= MAX && head.length() == text.length()
                ? oneLine
                : oneLine.substring(0, Math.min(oneLine.length(), MAX - 3)) + "...";
    }
}
