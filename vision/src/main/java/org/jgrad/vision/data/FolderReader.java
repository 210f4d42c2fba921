package org.jgrad.vision.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Folder-per-class layouts: {@code root/benign/*.jpg, root/malignant/*.jpg}, or
 * {@code nevus/ seborrheic_keratosis/ melanoma/} mapped to labels by a label map, either directly
 * under the root or nested under {@code train/ valid/ test/} (the folder a sample came from is
 * kept as metadata {@code folder_split}).
 */
final class FolderReader {
    private static final List<String> SPLIT_FOLDERS = List.of("train", "training", "valid", "validation", "val", "test");

    private FolderReader() {
    }

    /** True when {@code root} (or one of its split folders) holds at least one class folder. */
    static boolean looksLikeFolders(Path root, Map<String, Integer> labels) {
        return !classFolders(root, labels).isEmpty();
    }

    static Dataset read(Path root, Map<String, Integer> labels, BadItemLog log) {
        List<Path> classDirs = classFolders(root, labels);
        if (classDirs.isEmpty()) {
            throw new BadInputException(root, 0, "no class folders found (expected one of " + labels.keySet()
                    + ", directly or under train/ valid/ test/)");
        }
        List<Sample> samples = new ArrayList<>();
        java.util.Set<String> usedIds = new java.util.HashSet<>();
        for (Path dir : classDirs) {
            int label = labels.get(dir.getFileName().toString().toLowerCase(Locale.ROOT));
            Path parent = dir.getParent();
            String split = parent.equals(root) ? "" : parent.getFileName().toString();
            for (Path image : imagesIn(dir)) {
                Map<String, String> metadata = split.isEmpty()
                        ? Map.of("class_folder", dir.getFileName().toString())
                        : Map.of("class_folder", dir.getFileName().toString(), "folder_split", split);
                String id = uniqueId(image, root, usedIds);
                samples.add(new Sample(id, image, label, null, root.relativize(image).toString(), metadata));
            }
        }
        if (samples.isEmpty()) {
            throw new BadInputException(root, 0, "empty dataset: the class folders " + classDirs + " hold no images");
        }
        return new Dataset(root, DatasetFormat.FOLDERS, List.of(), samples, "none (per image)", log.skipped());
    }

    /**
     * The file name without its extension, or, when an earlier image already has that id (the same
     * name in another class or split folder: a different file), its path below the root without
     * the extension ({@code test/benign/1}), so that every image keeps an id of its own.
     */
    private static String uniqueId(Path image, Path root, java.util.Set<String> used) {
        String id = ImageIndex.idOf(image);
        if (!used.add(id)) {
            String relative = root.relativize(image).toString().replace('\\', '/');
            int dot = relative.lastIndexOf('.');
            id = dot > relative.lastIndexOf('/') ? relative.substring(0, dot) : relative;
            used.add(id);
        }
        return id;
    }

    /** Class folders directly under {@code root}, else under its train/valid/test folders; sorted. */
    static List<Path> classFolders(Path root, Map<String, Integer> labels) {
        List<Path> direct = matching(root, labels);
        if (!direct.isEmpty()) {
            return direct;
        }
        List<Path> nested = new ArrayList<>();
        for (Path dir : subfolders(root)) {
            if (SPLIT_FOLDERS.contains(dir.getFileName().toString().toLowerCase(Locale.ROOT))) {
                nested.addAll(matching(dir, labels));
            }
        }
        return nested;
    }

    private static List<Path> matching(Path dir, Map<String, Integer> labels) {
        return subfolders(dir).stream()
                .filter(d -> labels.containsKey(d.getFileName().toString().toLowerCase(Locale.ROOT)))
                .toList();
    }

    private static List<Path> subfolders(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static List<Path> imagesIn(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isRegularFile).filter(ImageIndex::isLesionImage).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
