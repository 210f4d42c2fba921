package org.jgrad.vision.split;

/**
 * Whether the split also lays images out as {@code out/train/benign/...} folders (as the tutorial
 * did): {@link #NONE} writes only the split CSVs (the default), {@link #HARDLINK} links the
 * files (no extra space, same disk only), {@link #COPY} copies them. Originals are never moved.
 */
public enum LinkMode {
    NONE,
    HARDLINK,
    COPY
}
