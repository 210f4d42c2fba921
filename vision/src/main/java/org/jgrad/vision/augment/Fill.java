package org.jgrad.vision.augment;

import boofcv.abst.distort.FDistort;
import boofcv.struct.border.BorderType;

/**
 * What a rotation or zoom-out puts where the source image has no pixels (the corners).
 *
 * <ul>
 *   <li>{@link #NEAREST}: repeat the nearest edge pixel (Keras' default {@code fill_mode="nearest"},
 *       the tutorial's behaviour). The default here.</li>
 *   <li>{@link #REFLECT}: mirror the image across its edge.</li>
 *   <li>{@link #BLACK}: constant 0.</li>
 * </ul>
 */
public enum Fill {
    NEAREST, REFLECT, BLACK;

    /** Configures the border of a BoofCV distortion accordingly. */
    FDistort configure(FDistort distort) {
        return switch (this) {
            case NEAREST -> distort.border(BorderType.EXTENDED);
            case REFLECT -> distort.border(BorderType.REFLECT);
            case BLACK -> distort.border(0);
        };
    }
}
