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
    private static final List<String> SPLIT_FOLDERS =
            List.of("train", "training", "valid", "validation", "val", "test");

    private FolderReader() {}

    /** True when {@code root} (or one of its split folders) holds at least one class folder. */
    static boolean looksLikeFolders(Path root, Map<String, Integer> labels) {
        return !classFolders(root, labels).isEmpty();
    }

    static Dataset read(Path root, Map<String, Integer> labels, BadItemLog log) {
        List<Path> classDirs = classFolders(root, labels);
        if (classDirs.isEmpty()) {
            throw new BadInputException(
                    root,
                    0,
                    "no class folders found (expected one of " + labels.keySet()
                            + ", directly or under train/ valid/ test/)");
        }
        List<String> notes = new ArrayList<>();
        for (Path unmapped : unmappedImageFolders(root, classDirs, labels)) {
            String name = unmapped.getFileName().toString().toLowerCase(Locale.ROOT);
            if (!labels.equals(ReadOptions.DEFAULT_FOLDER_LABELS)) {
                // A partial --folder-labels would otherwise drop a class without a word.
                throw new BadInputException(
                        unmapped,
                        0,
                        "holds images but is not in the label map " + labels + ": add " + name + "=0 or " + name
                                + "=1 to --folder-labels (or move the folder out)");
            }
            notes.add(
                    root.relativize(unmapped) + " ignored: not a class folder (name it in --folder-labels to use it)");
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
                        : Map.of(
                                "class_folder",
                                dir.getFileName().toString(),
                                "folder_split",
                                split,
                                Division.KEY,
                                Division.ofName(split));
                String id = uniqueId(image, root, usedIds);
                samples.add(new Sample(
                        id, image, label, null, root.relativize(image).toString(), metadata));
            }
        }
        if (samples.isEmpty()) {
            throw new BadInputException(root, 0, "empty dataset: the class folders " + classDirs + " hold no images");
        }
        return new Dataset(
                root,
                DatasetFormat.FOLDERS,
                List.of(),
                samples,
                Dataset.PER_IMAGE,
                log.skipped(),
                labelRule(classDirs, labels),
                notes);
    }

    /** "malignant = folders melanoma; benign = folders nevus, seborrheic_keratosis", for the folders present. */
    private static String labelRule(List<Path> classDirs, Map<String, Integer> labels) {
        java.util.SortedSet<String> malignant = new java.util.TreeSet<>();
        java.util.SortedSet<String> benign = new java.util.TreeSet<>();
        for (Path dir : classDirs) {
            String name = dir.getFileName().toString().toLowerCase(Locale.ROOT);
            (labels.get(name) == Labels.MALIGNANT ? malignant : benign).add(name);
        }
        return "malignant = folder " + (malignant.isEmpty() ? "(none)" : String.join(", ", malignant))
                + "; benign = folder " + (benign.isEmpty() ? "(none)" : String.join(", ", benign));
    }

    /** Folders of images beside the class folders that the label map does not name. */
    private static List<Path> unmappedImageFolders(Path root, List<Path> classDirs, Map<String, Integer> labels) {
        java.util.Set<Path> parents = new java.util.TreeSet<>();
        for (Path dir : classDirs) {
            parents.add(dir.getParent());
        }
        List<Path> unmapped = new ArrayList<>();
        for (Path parent : parents) {
            for (Path dir : subfolders(parent)) {
                String name = dir.getFileName().toString().toLowerCase(Locale.ROOT);
                boolean splitFolder = parent.equals(root) && SPLIT_FOLDERS.contains(name);
                if (!labels.containsKey(name) && !splitFolder && !imagesIn(dir).isEmpty()) {
                    unmapped.add(dir);
                }
            }
        }
        return unmapped;
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
            return entries.filter(Files::isRegularFile)
                    .filter(ImageIndex::isLesionImage)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
