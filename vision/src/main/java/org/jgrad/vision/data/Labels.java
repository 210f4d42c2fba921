package org.jgrad.vision.data;

/** The two classes and their names: 0 benign, 1 malignant. */
public final class Labels {
    public static final int BENIGN = 0;
    public static final int MALIGNANT = 1;

    private Labels() {}

    /** "benign" for 0, "malignant" for 1. */
    public static String name(int label) {
        return label == MALIGNANT ? "malignant" : "benign";
    }
}
