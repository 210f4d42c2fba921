package org.jgrad.vision.split;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jgrad.vision.data.BadInputException;
import org.jgrad.vision.data.BadItemLog;
import org.jgrad.vision.data.CsvTable;
import org.jgrad.vision.data.DataFiles;
import org.jgrad.vision.data.Sample;

/**
 * The split CSV format: {@code out/train.csv}, {@code out/validation.csv}, {@code out/test.csv},
 * each with the header {@code image_id,path,label,group,origin} (absolute image paths, label
 * 0/1, group empty when the image stands alone). Written atomically (temp file + rename).
 */
public final class SplitFiles {
    static final List<String> HEADER = List.of("image_id", "path", "label", "group", "origin");

    private SplitFiles() {}

    /**
     * Where {@code split --layout hardlink|copy} put its own copy of {@code image}:
     * {@code <folder>/<split>/<class>/<file name>} beside the split CSV, or null when there is none.
     */
    private static Path laidOutCopy(Path csv, Path image, int label) {
        if (image.getFileName() == null) {
            return null;
        }
        String name = csv.getFileName().toString();
        String split = name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        Path copy = csv.toAbsolutePath()
                .getParent()
                .resolve(split)
                .resolve(org.jgrad.vision.data.Labels.name(label))
                .resolve(image.getFileName().toString());
        return Files.isRegularFile(copy) ? copy : null;
    }

    private static String shorten(String text) {
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }

    /** Writes {@code samples} to {@code file}. */
    public static void write(Path file, List<Sample> samples) {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8);
                CSVPrinter printer = CSVFormat.DEFAULT
                        .builder()
                        .setHeader(HEADER.toArray(String[]::new))
                        .get()
                        .print(writer)) {
            for (Sample sample : samples) {
                printer.printRecord(
                        sample.id(),
                        sample.image().toAbsolutePath(),
                        sample.label(),
                        sample.group() == null ? "" : sample.group(),
                        sample.origin());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        try {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Reads the samples of {@code split} from the split folder {@code dir}. */
    public static List<Sample> read(Path dir, SplitName split) {
        return read(dir.resolve(split.fileName() + ".csv"));
    }

    /**
     * Reads a split CSV found in the data folder {@code dataRoot} (evaluate --data): every image
     * path, relative ones resolved against the CSV's folder, must lie inside {@code dataRoot},
     * so that a hostile CSV cannot make jgrad read files elsewhere ({@code ../}, absolute paths).
     */
    public static List<Sample> readInside(Path file, Path dataRoot) {
        return readChecked(file, dataRoot);
    }

    /** Reads a split CSV; bad rows throw {@link BadInputException} naming the file and line. */
    public static List<Sample> read(Path file) {
        return readChecked(file, null);
    }

    private static List<Sample> readChecked(Path file, Path dataRoot) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file, 0, "split file is missing (run split first)");
        }
        CsvTable table = CsvTable.read(file, new BadItemLog(false));
        for (String column : HEADER) {
            if (!table.header().contains(column)) {
                throw new BadInputException(file, 1, "missing column '" + column + "'");
            }
        }
        List<Sample> samples = new ArrayList<>();
        for (CsvTable.Row row : table.rows()) {
            int label = CsvTable.parseZeroOne(row.get("label"), file, row.line(), "label");
            String group = row.get("group").isEmpty() ? null : row.get("group");
            Path image;
            try {
                image = Path.of(row.get("path"));
            } catch (java.nio.file.InvalidPathException e) {
                throw new BadInputException(file, row.line(), "not a valid path: '" + shorten(row.get("path")) + "'");
            }
            if (dataRoot != null) {
                image = image.isAbsolute()
                        ? image
                        : file.toAbsolutePath().getParent().resolve(image);
                if (!DataFiles.isInside(dataRoot, image)) {
                    image = laidOutCopy(file, image, label); // split --layout hardlink|copy put one inside
                }
                if (image == null || !DataFiles.isInside(dataRoot, image)) {
                    throw new BadInputException(
                            file,
                            row.line(),
                            "image path '" + shorten(row.get("path"))
                                    + "' lies outside the data folder " + dataRoot + "; only images inside it are read"
                                    + " (a split made with --layout none points at the original images; split with --layout"
                                    + " hardlink or copy to evaluate the split folder on its own)");
                }
            }
            samples.add(new Sample(row.get("image_id"), image, label, group, row.get("origin"), Map.of()));
        }
        return samples;
    }
}
