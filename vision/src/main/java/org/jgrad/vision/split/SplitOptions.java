package org.jgrad.vision.split;

/**
 * Fractions of images per split, the shuffle seed and whether to lay out image folders.
 * Fractions must be non-negative and sum to 1.
 */
public record SplitOptions(double train, double validation, double test, long seed, LinkMode linkMode) {
    public SplitOptions {
        if (train < 0 || validation < 0 || test < 0 || Math.abs(train + validation + test - 1) > 1e-6) {
            throw new IllegalArgumentException(
                    "split fractions must be >= 0 and sum to 1, got " + train + "/" + validation + "/" + test);
        }
    }

    /** 80/10/10, seed 1, split CSVs only. */
    public static SplitOptions defaults() {
        return new SplitOptions(0.8, 0.1, 0.1, 1, LinkMode.NONE);
    }

    public SplitOptions withSeed(long newSeed) {
        return new SplitOptions(train, validation, test, newSeed, linkMode);
    }

    public SplitOptions withLinkMode(LinkMode mode) {
        return new SplitOptions(train, validation, test, seed, mode);
    }

    /** The fraction for {@code split}. */
    public double fraction(SplitName split) {
        return switch (split) {
            case TRAIN -> train;
            case VALIDATION -> validation;
            case TEST -> test;
        };
    }
}
