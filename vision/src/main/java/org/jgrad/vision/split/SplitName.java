package org.jgrad.vision.split;

/** The three splits, with the file and folder name each is written under. */
public enum SplitName {
    TRAIN("train"),
    VALIDATION("validation"),
    TEST("test");

    private final String fileName;

    SplitName(String fileName) {
        this.fileName = fileName;
    }

    /** {@code train}, {@code validation} or {@code test}. */
    public String fileName() {
        return fileName;
    }
}
