package org.jgrad.vision.augment;

import boofcv.abst.distort.FDistort;
import boofcv.struct.border.BorderType;

/**
 * What a rotation or zoom-out puts where the source image has no pixels (the corners).
 *
 * <ul>
 *   <li>{@link #NEAREST}: repeat the nearest edge pixel (Keras' default {@code fill_mode="nearest"},
 *       the tutorial's behaviour). The default here.</li>
 *   <li>{@link #REFLECT}: mirror the image across its edge pixel (-1 reads 1, W reads W-2), repeated
 *       further out; BoofCV's {@code REFLECT}.</li>
 *   <li>{@link #BLACK}: constant 0.</li>
 * </ul>
 */
public enum Fill {
    NEAREST,
    REFLECT,
    BLACK;

    /** Configures the border of a BoofCV distortion accordingly (the reference path). */
    FDistort configure(FDistort distort) {
        return switch (this) {
            case NEAREST -> distort.border(BorderType.EXTENDED);
            case REFLECT -> distort.border(BorderType.REFLECT);
            case BLACK -> distort.border(0);
        };
    }

    /**
     * The pixel index that stands for index {@code i} along an axis of {@code length} pixels
     * (the fast path); -1 means "outside, use 0" ({@link #BLACK} only).
     */
    int index(int i, int length) {
        if (i >= 0 && i < length) {
            return i;
        }
        return switch (this) {
            case NEAREST -> i < 0 ? 0 : length - 1;
            case BLACK -> -1;
            case REFLECT -> {
                if (length == 1) {
                    yield 0;
                }
                int period = 2 * (length - 1);
                int j = Math.floorMod(i, period);
                yield j < length ? j : period - j;
            }
        };
    }
}
