package org.jgrad.vision.image;

/**
 * How a rectangular image becomes a square of the target size.
 *
 * <ul>
 *   <li>{@link #STRETCH}: scale width and height independently; the lesion may look squashed.</li>
 *   <li>{@link #CENTER_CROP}: cut the largest centred square, then scale it; loses the edges.</li>
 *   <li>{@link #PAD}: scale so the longer side fits, keep the aspect ratio, and fill the two
 *       remaining bands with black; loses nothing, wastes some pixels.</li>
 * </ul>
 */
public enum ResizeMode {
    STRETCH,
    CENTER_CROP,
    PAD;

    /** Parses {@code stretch}, {@code center-crop} (or {@code centre-crop}) and {@code pad}. */
    public static ResizeMode parse(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        return switch (t) {
            case "stretch" -> STRETCH;
            case "center-crop", "centre-crop", "crop" -> CENTER_CROP;
            case "pad" -> PAD;
            default ->
                throw new IllegalArgumentException(
                        "unknown resize mode '" + text + "' (expected stretch, center-crop or pad)");
        };
    }

    /** The name used on the command line and in cache keys. */
    public String cliName() {
        return switch (this) {
            case STRETCH -> "stretch";
            case CENTER_CROP -> "center-crop";
            case PAD -> "pad";
        };
    }
}
