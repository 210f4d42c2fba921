package org.jgrad.vision.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The shared part of the three ISIC CSV readers: walk the rows of a label CSV, let the format
 * turn each row into (id, label, group, metadata), find the image, and report bad rows and
 * missing images (naming the CSV file and line) through the {@link BadItemLog}.
 */
abstract class CsvLabelReader {
    /** What one row says, before its image is located. */
    record RowLabel(String id, int label, String group, Map<String, String> metadata) {}

    /** Checks that {@code table} has the columns this format needs; throws naming the file. */
    abstract void checkHeader(CsvTable table);

    /** Interprets one row; throws {@link BadInputException} for a bad value. */
    abstract RowLabel interpret(CsvTable.Row row, Path file);

    /** Reads every row of {@code table}, resolving images through {@code index}. */
    List<Sample> readRows(CsvTable table, ImageIndex index, BadItemLog log) {
        checkHeader(table);
        List<Sample> samples = new ArrayList<>();
        for (CsvTable.Row row : table.rows()) {
            String origin = table.file().getFileName() + ", line " + row.line();
            try {
                RowLabel label = interpret(row, table.file());
                Path image = index.find(label.id());
                if (image == null) {
                    throw new BadInputException(
                            table.file(),
                            row.line(),
                            "image '" + label.id() + "' is listed but no file " + label.id() + ".jpg/.png was found");
                }
                samples.add(new Sample(label.id(), image, label.label(), label.group(), origin, label.metadata()));
            } catch (BadInputException e) {
                log.report(e.item());
            }
        }
        return samples;
    }

    /** Throws naming the file unless every one of {@code columns} is in the header. */
    static void requireColumns(CsvTable table, List<String> columns) {
        for (String column : columns) {
            if (!table.header().contains(column)) {
                throw new BadInputException(
                        table.file(),
                        1,
                        "missing column '" + column + "' (header is " + String.join(",", table.header()) + ")");
            }
        }
    }

    /** The value of {@code column}, or {@code ""} when the column is absent. */
    static String valueOrEmpty(CsvTable.Row row, String column) {
        String value = row.get(column);
        return value == null ? "" : value;
    }
}
