package org.jgrad.vision.data;

import java.util.Locale;

/**
 * The official train / validation / test division that some downloads ship (ISIC 2016, 2017 and
 * 2018 name their files Training, Validation and Test; folder layouts use train/ valid/ test/).
 * A sample that belongs to one carries its part as metadata {@link #KEY}; the split keeps it
 * unless asked to re-split, so results stay comparable with the published ones.
 */
public final class Division {
    /** Metadata key of a sample's official part: {@code train}, {@code validation} or {@code test}. */
    public static final String KEY = "official_split";

    public static final String TRAIN = "train";
    public static final String VALIDATION = "validation";
    public static final String TEST = "test";

    private Division() {}

    /**
     * The part a file or folder name stands for, or {@code null}: names containing "validation"
     * or equal to "valid"/"val" are validation, "test" test, "training"/"train" train.
     */
    public static String ofName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.contains("validation") || n.equals("valid") || n.equals("val")) {
            return VALIDATION;
        }
        if (n.contains("test")) {
            return TEST;
        }
        if (n.contains("train")) {
            return TRAIN;
        }
        return null;
    }
}
