package org.jgrad.vision.data;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Finds image files by id anywhere below a data folder, so that {@code ISIC_0000000} resolves to
 * {@code root/ISIC_2019_Training_Input/ISIC_0000000.jpg} or {@code root/train/ISIC_0000000.jpg}
 * alike. The id is the file name without its extension, kept whole ({@code _downsampled}
 * included). Segmentation masks and superpixel files are not images of lesions and are ignored.
 */
public final class ImageIndex {
    private static final int MAX_DEPTH = 4;
    private final Map<String, Path> byId = new HashMap<>();

    private ImageIndex() {}

    /** Walks {@code root} (sorted, up to 4 levels, links followed) and indexes every JPEG and PNG that is a regular file. */
    public static ImageIndex of(Path root) {
        ImageIndex index = new ImageIndex();
        for (Path file : DataFiles.regularFiles(root, MAX_DEPTH)) {
            if (isLesionImage(file)) {
                index.byId.putIfAbsent(idOf(file), file);
            }
        }
        return index;
    }

    /** The image for {@code id}, or {@code null} when there is none. */
    public Path find(String id) {
        return byId.get(id);
    }

    /** True for .jpg/.jpeg/.png files that are not masks or superpixel maps. */
    public static boolean isLesionImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean image = name.endsWith(".jpg") || name.endsWith(".jpeg") || name.endsWith(".png");
        boolean auxiliary = name.contains("_superpixels") || name.contains("_segmentation") || name.startsWith(".");
        return image && !auxiliary;
    }

    /** The file name without its extension. */
    public static String idOf(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
